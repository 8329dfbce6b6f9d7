// What the intake and export integration tests share: files built in memory, uploads over the real routes (or a
// people file run straight through the pipeline), waiting for a job, reading its result file and exported sheets,
// and accounts with a role, logged in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Workbook, Worksheet } from 'exceljs';
import { sql } from 'kysely';
import { logIn, safeJson, type Session } from '../../../test/helpers/http.ts';
import { createAccount, type AccountPlace, type TestServer } from '../../../test/helpers/server.ts';
import { makeDevelopmentKeys } from '../../shared/personal-data.ts';
import type { PrincipalType, RoleName } from '../accounts/tables.ts';
import ExcelJS from './excel.ts';
import { peopleKind } from './kinds/people.ts';
import type { IntakeRun } from './pipeline.ts';

export const CSV = 'text/csv';
export const XIANGNAN = '340603001004'; // 相山区 相南街道 春秋社区
export const DUJI = '340602001004'; // 杜集区 水泥厂社区

/** The organisations file's header, as the template has it. */
export const ORGANISATION_HEADER = [
  '统一社会信用代码',
  '机构名称',
  '所在区划代码',
  '机构类型',
  '运营性质',
  '法定代表人',
  '联系人',
  '联系电话',
  '地址',
];

/** The staff file's header, as the template has it (a file of fewer columns takes the first ones). */
export const STAFF_HEADER = [
  '所在机构统一社会信用代码',
  '所在设施名称',
  '姓名',
  '身份证号码',
  '岗位',
  '服务领域',
  '入职日期',
  '离职日期',
  '证书类型',
  '证书编号',
  '发证机关',
  '发证日期',
  '证书有效期至',
  '健康检查日期',
  '健康检查结论',
  '健康证明有效期至',
  '无虐童等违法记录查询日期',
  '违法记录查询结论',
];

/**
 * What runIntake needs to apply a people CSV file outside any request: 15 January 2026, every region in reach, no
 * actor and no job, unless the test says otherwise.
 */
export function peopleFileRun(
  filePath: string,
  options: { now?: Date; accountId?: number; scope?: IntakeRun['context']['scope']; chunkRows?: number } = {},
): IntakeRun {
  return {
    kind: peopleKind,
    filePath,
    format: 'csv',
    fileBytes: fs.statSync(filePath).size,
    keys: makeDevelopmentKeys(),
    context: {
      today: '2026-01-15',
      now: options.now ?? new Date('2026-01-15T04:00:00Z'),
      accountId: options.accountId ?? 0,
      scope: options.scope ?? { regions: null, organisations: null, reaches: () => true },
    },
    actor: { principal: null, ip: null, requestId: null },
    jobId: null,
    ...(options.chunkRows !== undefined && { chunkRows: options.chunkRows }),
  };
}

/** A logged-in session with the id of its account. */
export type UserSession = Session & { accountId: number };

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

/** A sheet's rows below its header row, each keyed by the header. */
export function keyedRows(sheet: Worksheet): Record<string, unknown>[] {
  const [header, ...rows] = rowsOf(sheet);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [String(name), row[i]])));
}

export type IntakeClient = ReturnType<typeof intakeClient>;

export function intakeClient(server: TestServer) {
  async function upload(session: Session, kind: string, file: Buffer, type = CSV, fileName = 'upload.csv') {
    const reply = await server.app.inject({
      method: 'POST',
      url: `/api/intake/${kind}?fileName=${encodeURIComponent(fileName)}`,
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

  /** The rows of a job's result file, header first. */
  async function resultRows(session: Session, jobId: number) {
    const reply = await download(session, `/api/intake/jobs/${jobId}/result.xlsx`);
    assert.equal(reply.status, 200, reply.body);
    return rowsOf((await readWorkbook(reply.payload)).worksheets[0]);
  }

  /** The bad rows of a job's result file as [row number, reasons]. */
  async function problems(session: Session, jobId: number): Promise<[number, string][]> {
    const rows = await resultRows(session, jobId);
    return rows.slice(1).map((row) => [Number(row[0]), String(row.at(-1))]);
  }

  /** An exported workbook's first sheet (the download must succeed) as rows keyed by the header row. */
  async function sheet(session: Session, url: string): Promise<Record<string, unknown>[]> {
    const reply = await download(session, url);
    assert.equal(reply.status, 200, `${url}: ${reply.body}`);
    return keyedRows((await readWorkbook(reply.payload)).worksheets[0]);
  }

  /** A fingerprint of a table's rows, to show a rejected file changed nothing. */
  async function digest(table: string) {
    return (
      await sql<{ d: string; n: number }>`
        SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS d, count(*)::int AS n
        FROM ${sql.table(table)} t`.execute(server.database.db)
    ).rows[0];
  }

  /** A new account with one role (see createAccount), logged in. */
  async function user(
    username: string,
    principalType: PrincipalType,
    role: RoleName,
    place: AccountPlace = {},
  ): Promise<UserSession> {
    const accountId = await createAccount(server, username, principalType, role, place);
    return { ...(await logIn(server.app, username)), accountId };
  }

  /** A government account with one role, logged in. */
  function governmentUser(
    username: string,
    role: 'platform_admin' | 'officer',
    regionCode: string | null,
    domain: 'elderly_care' | 'childcare' | null = role === 'officer' ? 'elderly_care' : null,
  ): Promise<UserSession> {
    return user(username, 'government', role, { region_code: regionCode, domain });
  }

  return {
    upload,
    intake,
    download,
    resultRows,
    problems,
    sheet,
    digest,
    user,
    governmentUser,
  };
}
