import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { accountPlace, startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { createVisitScheduler } from './scheduler.ts';

// China 10:00 on Wednesday 14 January 2026. The demo holds the roster and January's tasks but no scheduler runs, so
// January counts as generated only once the scheduler's pass has recorded it.
const NOW = new Date('2026-01-14T02:00:00Z');

describe('caring visits: someone put on the roster by hand gets this month’s task at once', () => {
  let server: TestServer;
  let civil: Session;
  let workerId: number;
  let community: string;

  const db = () => server.database.db;
  async function newElder(living: string, birthDate: string, region = community) {
    const row = await sql<{ id: number }>`
      INSERT INTO person (region_code, name, sex, birth_date, living_situation, address)
      VALUES (${region}, '补任务测试老人', 'male', ${birthDate}::date, ${living}, '测试路2号')
      RETURNING id`.execute(db());
    return row.rows[0]!.id;
  }
  const tasksOf = async (personId: number) =>
    (
      await sql<{ period_start: string; due_on: string; status: string; assignee: number | null }>`
        SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(due_on, 'YYYY-MM-DD') AS due_on,
               status, assignee_account_id::int AS assignee
          FROM visit_task WHERE person_id = ${personId} AND kind = 'regular' ORDER BY period_start`.execute(
        db(),
      )
    ).rows;
  const workerOf = async (personId: number) =>
    (
      await sql<{ worker: number | null }>`
        SELECT worker_account_id::int AS worker FROM visit_target WHERE person_id = ${personId}`.execute(db())
    ).rows[0]?.worker;
  const include = (personId: number) =>
    civil.request('POST', '/api/visits/roster/overrides', {
      personId,
      include: true,
      tier: 'key',
      reason: '子女在外地务工，村委会反映独自在家',
    });
  const JANUARY_KEY_TASK = { period_start: '2026-01-01', due_on: '2026-01-31', status: 'open' };

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    civil = await logIn(server.app, 'xiangshan.civil');
    ({ id: workerId, regionCode: community } = await accountPlace(server, 'xiangshan.worker'));
  });
  after(() => server?.close());

  let includedEarly: number;

  it('before the month was generated, an override or a sync adds no task: the generation gives it with everyone’s', async () => {
    includedEarly = await newElder('with_family', '1950-05-05');
    const included = await include(includedEarly);
    assert.equal(included.status, 200, JSON.stringify(included.body));
    assert.deepEqual([included.body.onRoster, included.body.tasksAdded], [true, 0]);
    const alone = await newElder('alone', '1955-02-02');
    const synced = await civil.request('POST', '/api/visits/roster/sync', { regionCode: community });
    assert.equal(synced.status, 200, JSON.stringify(synced.body));
    assert.ok(synced.body.entered >= 1);
    assert.equal(synced.body.tasksAdded, 0);
    assert.deepEqual(await tasksOf(includedEarly), []);
    assert.deepEqual(await tasksOf(alone), []);

    const report = await createVisitScheduler({
      db: db(),
      pool: server.database.pool,
      clock: () => NOW,
      servedRegions: ['3406'],
    }).runOnce();
    assert.ok(
      report.runs.some(
        (run) => run.job === 'task_generation' && run.district === '340603' && run.outcome === 'done',
      ),
      JSON.stringify(report.runs),
    );
    assert.deepEqual(await tasksOf(includedEarly), [{ ...JANUARY_KEY_TASK, assignee: workerId }]);
    assert.deepEqual(await tasksOf(alone), [{ ...JANUARY_KEY_TASK, assignee: workerId }]);
  });

  it("after the month was generated, an officer's override gives the elder exactly this month's task at once; repeating adds none", async () => {
    const person = await newElder('with_family', '1950-06-06');
    const included = await include(person);
    assert.equal(included.status, 200, JSON.stringify(included.body));
    assert.deepEqual([included.body.onRoster, included.body.tasksAdded], [true, 1]);
    // Assigned like every other task: to the target's worker, the community worker.
    assert.equal(await workerOf(person), workerId);
    assert.deepEqual(await tasksOf(person), [{ ...JANUARY_KEY_TASK, assignee: workerId }]);
    const audit = await sql<{ detail: { tasksAdded: number } }>`
      SELECT detail FROM audit_entry WHERE entity = 'visit_roster_override' AND entity_id = ${String(person)}`.execute(
      db(),
    );
    assert.deepEqual(
      audit.rows.map((row) => row.detail.tasksAdded),
      [1],
    );

    const again = await include(person);
    assert.deepEqual([again.status, again.body.tasksAdded], [200, 0]);
    assert.equal((await tasksOf(person)).length, 1);

    // Taking someone off the roster creates nothing (and cancels what was owed).
    const excluded = await civil.request('POST', '/api/visits/roster/overrides', {
      personId: person,
      include: false,
      reason: '已入住养老机构',
    });
    assert.deepEqual([excluded.status, excluded.body.onRoster, excluded.body.tasksAdded], [200, false, 0]);
    assert.deepEqual(await tasksOf(person), [
      { ...JANUARY_KEY_TASK, status: 'cancelled', assignee: workerId },
    ]);

    // Back on the roster in the same month: the visit of this period is owed again, so its task is open again
    // (one task per person and period: the cancelled one is reopened, not doubled).
    const back = await include(person);
    assert.deepEqual([back.status, back.body.onRoster, back.body.tasksAdded], [200, true, 1]);
    assert.deepEqual(await tasksOf(person), [{ ...JANUARY_KEY_TASK, assignee: workerId }]);
  });

  it('a manual sync that brings a newly eligible elder onto the roster tops up the month; syncing again adds none', async () => {
    const person = await newElder('with_family', '1954-07-07');
    await sql`UPDATE person SET living_situation = 'alone' WHERE id = ${person}`.execute(db());
    const synced = await civil.request('POST', '/api/visits/roster/sync', { regionCode: community });
    assert.equal(synced.status, 200, JSON.stringify(synced.body));
    assert.deepEqual([synced.body.entered, synced.body.tasksAdded], [1, 1]);
    assert.deepEqual(await tasksOf(person), [{ ...JANUARY_KEY_TASK, assignee: workerId }]);
    const again = await civil.request('POST', '/api/visits/roster/sync', { regionCode: community });
    assert.deepEqual([again.body.entered, again.body.tasksAdded], [0, 0]);
    assert.equal((await tasksOf(person)).length, 1);

    // A city officer's sync of the whole city tops up each generated district, here 杜集区's newcomer.
    const village = await sql<{ code: string }>`
      SELECT code FROM region WHERE code LIKE '340602%' AND length(code) = 12 ORDER BY code LIMIT 1`.execute(
      db(),
    );
    const elsewhere = await newElder('alone', '1954-08-08', village.rows[0]!.code);
    const city = await logIn(server.app, 'city.civil');
    const citySync = await city.request('POST', '/api/visits/roster/sync', { regionCode: '3406' });
    assert.equal(citySync.status, 200, JSON.stringify(citySync.body));
    assert.deepEqual([citySync.body.entered, citySync.body.tasksAdded], [1, 1]);
    assert.deepEqual(
      (await tasksOf(elsewhere)).map((task) => [task.period_start, task.due_on, task.status]),
      [['2026-01-01', '2026-01-31', 'open']],
    );
  });
});
