// What the intake kinds' integration tests share: files built in memory, uploads over the real routes, waiting for a
// job, reading its result file, and accounts with a role in a region and domain.
import assert from 'node:assert/strict';
import type { Workbook, Worksheet } from 'exceljs';
import { sql } from 'kysely';
import { logIn, safeJson, type Session } from '../../../test/helpers/http.ts';
import type { TestServer } from '../../../test/helpers/server.ts';
import { hashPassword } from '../accounts/password.ts';
import ExcelJS from './excel.ts';

export const CSV = 'text/csv';
export const XIANGNAN = '340603001004'; // 相山区 相南街道 春秋社区
export const DUJI = '340602001004'; // 杜集区 水泥厂社区

export function csv(rows: (string | number | null)[][]): Buffer {
  const quote = (cell: string | number | null) => {
    const text = cell === null ? '' : String(cell);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return Buffer.from(rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

export async function readWorkbook(file: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as arrays of cell values (column A first). */
export function rowsOf(sheet: Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

export function intakeClient(server: TestServer) {
  async function upload(session: Session, kind: string, file: Buffer, type = CSV) {
    const reply = await server.app.inject({
      method: 'POST',
      url: `/api/intake/${kind}?fileName=upload.csv`,
      headers: { cookie: session.cookie, 'content-type': type },
      payload: file,
    });
    return { status: reply.statusCode, body: safeJson(reply.body) };
  }

  async function finished(session: Session, jobId: number) {
    for (let i = 0; i < 800; i++) {
      const reply = await session.request('GET', `/api/intake/jobs/${jobId}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      if (!['queued', 'validating', 'applying'].includes(reply.body.status)) return reply.body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${jobId} did not finish`);
  }

  async function intake(session: Session, kind: string, file: Buffer, type = CSV) {
    const accepted = await upload(session, kind, file, type);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    return finished(session, accepted.body.id);
  }

  async function download(session: Session, url: string) {
    const reply = await server.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    return { status: reply.statusCode, headers: reply.headers, payload: reply.rawPayload, body: reply.body };
  }

  /** The bad rows of a job's result file as [row number, reasons]. */
  async function problems(session: Session, jobId: number): Promise<[number, string][]> {
    const reply = await download(session, `/api/intake/jobs/${jobId}/result.xlsx`);
    assert.equal(reply.status, 200, reply.body);
    const rows = rowsOf((await readWorkbook(reply.payload)).worksheets[0]);
    return rows.slice(1).map((row) => [Number(row[0]), String(row.at(-1))]);
  }

  /** A fingerprint of a table's rows, to show a rejected file changed nothing. */
  async function digest(table: string) {
    return (
      await sql<{ d: string; n: number }>`
        SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS d, count(*)::int AS n
        FROM ${sql.table(table)} t`.execute(server.database.db)
    ).rows[0];
  }

  /** A government account with one role, logged in. */
  async function governmentUser(
    username: string,
    role: 'platform_admin' | 'officer',
    regionCode: string | null,
    domain: 'elderly_care' | 'childcare' | null = role === 'officer' ? 'elderly_care' : null,
  ): Promise<Session> {
    const account = await server.database.db
      .insertInto('account')
      .values({
        username,
        display_name: `测试 ${username}`,
        principal_type: 'government',
        password_hash: await hashPassword('laoyou2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.database.db
      .insertInto('account_role')
      .values({ account_id: account.id, role, region_code: regionCode, domain })
      .execute();
    return logIn(server.app, username);
  }

  return { upload, intake, download, problems, digest, governmentUser };
}
