import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { inTransaction } from '../../db/database.ts';
import { hashPassword } from '../accounts/password.ts';
import ExcelJS from '../intake/excel.ts';
import { loadRegions } from '../regions/load-regions.ts';
import { loadSeedPlans, type LoadResult } from './load-plans.ts';
import { englishDepartment } from './report-departments.ts';

type Body = Record<string, any>;

const XUCHANG = '003_d61584bcdc282ef2.txt';
const HUAIBEI = '000_1f7e077fdd932d88.txt';

/**
 * The seed's responsible column holds, for some plans, the compilers' remarks ("gap 8377 stated in the plan…")
 * instead of a department. All five plans are loaded: every responsible department is one the report can name, every
 * remark is the indicator's note and shows where the plan's notes show, and a database loaded before the fix has its
 * remarks moved when the plans are loaded again, audited, leaving an administrator's own edit alone.
 */
describe('seed plans: departments and notes', () => {
  let server: TestServer;
  let admin: Session;
  let loaded: LoadResult;

  before(async () => {
    server = await startTestServer({ web: false });
    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      // The regions of the other four plans (with their provinces); 淮北 is the test database's own.
      await loadRegions(client, { prefixes: ['500238', '2101', '4110', '3309'] });
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    loaded = await inTransaction(server.database.db, (tx) => loadSeedPlans(tx));
    const db = server.database.db;
    const account = await db
      .insertInto('account')
      .values({
        username: 'seed.admin',
        display_name: '测试 平台管理员',
        principal_type: 'government',
        password_hash: await hashPassword('laoyou2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('account_role').values({ account_id: account.id, role: 'platform_admin' }).execute();
    admin = await logIn(server.app, 'seed.admin');
  });
  after(() => server?.close());

  const indicators = () =>
    server.database.db
      .selectFrom('plan_indicator as pi')
      .innerJoin('plan as p', 'p.id', 'pi.plan_id')
      .select(['pi.id', 'p.source_file', 'p.id as plan_id', 'pi.wording', 'pi.responsible', 'pi.note'])
      .orderBy('pi.id')
      .execute();

  it('loads every responsible department as one the report names, and every remark as the note', async () => {
    assert.deepEqual(
      loaded.plansLoaded.map((plan) => plan.regionCode),
      ['500238', '21', '4110', '3309'],
    );
    const rows = await indicators();
    assert.equal(new Set(rows.map((row) => row.source_file)).size, 5);
    const departments = rows.filter((row) => row.responsible !== null);
    assert.equal(departments.length, 22, "巫溪's 22 indicators name their county bureau");
    assert.deepEqual(
      departments.filter((row) => englishDepartment(row.responsible!) === null).map((row) => row.responsible),
      [],
      'a responsible department the report cannot name is not a department',
    );
    const notes = rows.filter((row) => row.note !== null);
    assert.equal(notes.length, 13, "11 remarks of the compilers + the visit rate's source in 辽宁 and 舟山");
    const xuchangBeds = rows.find((row) => row.source_file === XUCHANG && row.wording === '养老机构床位数')!;
    assert.equal(xuchangBeds.responsible, null);
    assert.equal(xuchangBeds.note, 'gap 8377 stated in the plan; text also says 3.3万张左右');
    const huaibeiBeds = rows.find((row) => row.source_file === HUAIBEI && row.wording === '养老床位数')!;
    assert.equal(huaibeiBeds.responsible, null, 'the demo city loads the same seed');
    assert.equal(huaibeiBeds.note, 'text: 养老床位突破10000张');
  });

  it("shows the remark as the plan's note, and the report's responsible column holds departments only", async () => {
    const xuchang = (await indicators()).find((row) => row.source_file === XUCHANG)!.plan_id;
    const plan = await admin.request('GET', `/api/plans/${xuchang}`);
    assert.equal(plan.status, 200, JSON.stringify(plan.body).slice(0, 300));
    const places = plan.body.indicators.find((row: Body) => row.wording === '托位数');
    assert.equal(places.note, 'gap 4902 stated in the plan');
    assert.equal(places.responsible, null);

    const reply = await server.app.inject({
      method: 'GET',
      url: `/api/plans/${xuchang}/report.xlsx?regionCode=4110&asOf=2020-12-31&locale=en-US`,
      headers: { cookie: admin.cookie },
    });
    assert.equal(reply.statusCode, 200, reply.body.slice(0, 300));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[1];
    const [, header, ...body] = sheet.getSheetValues() as unknown[][];
    const column = header.indexOf('Responsible department');
    assert.ok(column > 0, String(header));
    assert.equal(body.length, 19, "许昌's 19 indicators");
    assert.deepEqual(
      body.map((row) => row[column] ?? null).filter((cell) => cell !== null),
      [],
      '许昌 names no responsible department: its remarks must not print as one',
    );
  });

  it("evaluates the monthly visit rate in 舟山's plan, whose table leaves it out, with the source of its target", async () => {
    const zhoushan = (await indicators()).find(
      (row) => row.source_file === '004_a04cd55af43d86a8.txt',
    )!.plan_id;
    const reply = await admin.request(
      'GET',
      `/api/plans/${zhoushan}/evaluation?regionCode=3309&date=2025-06-30`,
    );
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    const rate = reply.body.indicators.find((row: Body) => row.key === 'monthly_visit_rate');
    assert.ok(rate, "舟山's evaluation shows the visit rate");
    assert.equal(rate.target, 100);
    assert.equal(rate.method, 'computed');
    assert.match(rate.note, /月探访率达到100%/);
  });

  it('moves the remarks of a plan loaded before the fix, audited, and keeps an administrator’s department', async () => {
    const db = server.database.db;
    const rows = (await indicators()).filter((row) => row.source_file === XUCHANG);
    const xuchang = rows[0].plan_id;
    const remarks = rows.filter((row) => row.note !== null);
    assert.equal(remarks.length, 4);
    // The state an earlier load left: the remark in the responsible column, no note.
    for (const row of remarks)
      await db
        .updateTable('plan_indicator')
        .set({ responsible: row.note, note: null })
        .where('id', '=', row.id)
        .execute();
    // An administrator since named the department of one of them.
    await db
      .updateTable('plan_indicator')
      .set({ responsible: '市民政局' })
      .where('id', '=', remarks[0].id)
      .execute();

    const reply = await admin.request('POST', '/api/plans/load', {});
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    const moved = remarks.slice(1).map((row) => row.id);
    assert.deepEqual(reply.body.notesMoved, [
      { sourceFile: XUCHANG, regionCode: '4110', planId: xuchang, planIndicatorIds: moved },
    ]);
    const after = new Map((await indicators()).map((row) => [row.id, row]));
    assert.equal(after.get(remarks[0].id)!.responsible, '市民政局');
    assert.equal(after.get(remarks[0].id)!.note, null);
    for (const row of remarks.slice(1)) {
      assert.equal(after.get(row.id)!.responsible, null);
      assert.equal(after.get(row.id)!.note, row.note);
    }
    const audit = await db
      .selectFrom('audit_entry')
      .select(['action', 'entity_id', 'region_code', 'detail'])
      .where('entity', '=', 'plan')
      .where('action', '=', 'update')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0].entity_id, String(xuchang));
    assert.equal(audit[0].region_code, '4110');

    const again = await admin.request('POST', '/api/plans/load', {});
    assert.deepEqual(again.body.notesMoved, [], 'a second load finds nothing to move');
  });
});
