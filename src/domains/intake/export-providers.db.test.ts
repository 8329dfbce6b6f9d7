// Excel exports of the organisation and facility lists: the lists' filters and scope (a department sees only its
// domain, a district only its subtree), today's capacity beside each facility, and an audit entry per export.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { intakeClient, readWorkbook, rowsOf } from './intake-test-support.ts';

describe('provider list exports', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let admin: Session;

  const sheet = async (session: Session, url: string) => {
    const reply = await client.download(session, url);
    assert.equal(reply.status, 200, reply.body);
    return rowsOf((await readWorkbook(reply.payload)).worksheets[0]);
  };

  before(async () => {
    server = await startTestServer({ web: false });
    client = intakeClient(server);
    admin = await client.governmentUser('export.admin', 'platform_admin', null);
  });
  after(() => server?.close());

  it('exports organisations with the list filters and audits the export', async () => {
    const all = await sheet(admin, '/api/export/organisations.xlsx?region=3406');
    assert.equal(all[0][1], '统一社会信用代码');
    assert.ok(all.length > 1, 'the demo city has organisations');
    const list = await admin.request('GET', '/api/organisations?region=3406&pageSize=200');
    assert.equal(all.length - 1, list.body.total, 'every page of the list');
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'region_code', 'detail'])
      .where('entity', '=', 'organisation')
      .where('action', '=', 'export')
      .executeTakeFirstOrThrow();
    assert.deepEqual([audit.region_code, (audit.detail as any).rows], ['3406', all.length - 1]);
  });

  it("exports facilities with today's capacity, only the department's domain and district", async () => {
    const all = await sheet(admin, '/api/export/facilities.xlsx?region=3406');
    const header = all[0] as string[];
    assert.ok(header.includes('床位总数') && header.includes('运营状态'));
    const list = await admin.request('GET', '/api/facilities?region=3406&pageSize=200');
    assert.equal(all.length - 1, list.body.total);
    const withBeds = list.body.facilities.find((f: any) => f.capacity?.bedsTotal > 0);
    if (withBeds) {
      const row = all.find((r) => r[0] === withBeds.id)!;
      assert.equal(row[header.indexOf('床位总数')], withBeds.capacity.bedsTotal);
    }

    const civil = await client.governmentUser('export.civil', 'officer', '340603', 'elderly_care');
    const elderly = await sheet(civil, '/api/export/facilities.xlsx?region=340603');
    const typeColumn = header.indexOf('设施类型');
    assert.ok(elderly.length > 1);
    assert.ok(
      elderly.slice(1).every((row) => !/托/.test(String(row[typeColumn]))),
      'a civil affairs officer exports no childcare facilities',
    );
    assert.equal((await client.download(civil, '/api/export/facilities.xlsx?region=340602')).status, 403);
    assert.equal((await client.download(civil, '/api/export/organisations.xlsx?region=340602')).status, 403);
    assert.equal((await client.download(civil, '/api/export/facilities.xlsx')).status, 400);
  });

  it('exports staff with masked ID numbers only, within the department, and audits it', async () => {
    const all = await sheet(admin, '/api/export/staff.xlsx?region=3406');
    const header = all[0] as string[];
    const list = await admin.request('GET', '/api/staff?region=3406&pageSize=200');
    assert.equal(all.length - 1, list.body.total);
    const ids = all.slice(1).map((row) => String(row[header.indexOf('身份证号码（脱敏）')]));
    assert.ok(
      ids.some((id) => id !== 'undefined' && id !== 'null'),
      'the demo staff have ID numbers',
    );
    assert.ok(
      ids.every((id) => id === 'undefined' || id === 'null' || /\*/.test(id)),
      'never a full ID number',
    );
    const health = await client.governmentUser('export.health', 'officer', '3406', 'childcare');
    const childcare = await sheet(health, '/api/export/staff.xlsx?region=3406');
    assert.ok(childcare.slice(1).every((row) => row[header.indexOf('服务领域')] === '托育'));
    assert.equal((await client.download(health, '/api/export/staff.xlsx')).status, 400);
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['detail'])
      .where('entity', '=', 'staff_member')
      .where('action', '=', 'export')
      .execute();
    assert.equal(audit.length, 2);
  });

  it("exports the reviewer's filing inbox with the inbox's filters, within the district", async () => {
    const all = await sheet(admin, '/api/export/filings.xlsx?region=3406');
    assert.equal(all[0][0], '备案编号（系统）');
    const inbox = await admin.request('GET', '/api/filings?region=3406&pageSize=200');
    assert.equal(inbox.status, 200, JSON.stringify(inbox.body));
    assert.equal(all.length - 1, inbox.body.total);
    assert.deepEqual(
      all.slice(1).map((row) => row[0]),
      inbox.body.filings.map((f: any) => f.id),
      'the same filings in the same order',
    );
    const civil = await client.governmentUser('export.civil.filings', 'officer', '340603', 'elderly_care');
    assert.equal((await client.download(civil, '/api/export/filings.xlsx?region=340602')).status, 403);
  });
});
