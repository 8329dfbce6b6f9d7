import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { logIn } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { createVisitScheduler, SCHEDULER_LOCK_KEY } from './scheduler.ts';

// The demo holds 淮北 (four districts) with its roster and January 2026's tasks, but no scheduler runs.
const JANUARY = new Date('2026-01-10T02:00:00Z');
const FEBRUARY = new Date('2026-02-10T02:00:00Z');

describe('caring-visit scheduler', () => {
  let server: TestServer;
  let now = JANUARY;
  const db = () => server.database.db;
  const scheduler = () =>
    createVisitScheduler({ db: db(), pool: server.database.pool, clock: () => now, servedRegions: ['3406'] });

  const doneRuns = async (job: string, period: string) =>
    (
      await sql<{ region_code: string }>`
        SELECT region_code FROM visit_job_run WHERE job = ${job} AND period = ${period}::date AND outcome = 'done'
         ORDER BY region_code`.execute(db())
    ).rows.map((row) => row.region_code);
  const runCount = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM visit_job_run`.execute(db())).rows[0]!.n;
  const taskCount = async (periodStart: string) =>
    (
      await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM visit_task WHERE kind = 'regular' AND period_start = ${periodStart}::date`.execute(
        db(),
      )
    ).rows[0]!.n;

  const allTasks = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM visit_task`.execute(db())).rows[0]!.n;

  before(async () => {
    server = await startTestServer({ web: false, clock: () => now });
  });
  after(() => server?.close());

  it("a first pass syncs every district's roster and records this month's generation, audited as the system", async () => {
    const tasksBefore = await allTasks();
    const report = await scheduler().runOnce();
    assert.equal(report.ran, true);
    const districts = await doneRuns('task_generation', '2026-01-01');
    assert.deepEqual(districts, ['340602', '340603', '340604', '340621']);
    assert.deepEqual(await doneRuns('roster_sync', '2026-01-10'), districts);
    // The demo had generated January already: the runs add only the tasks of elders the sync just put on the roster.
    const created = report.runs.reduce((sum, run) => sum + (run.counts.created ?? 0), 0);
    assert.equal(await allTasks(), tasksBefore + created);
    const audit = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_entry
       WHERE account_id IS NULL AND detail->>'by' = 'system' AND detail->>'job' IN ('roster_sync', 'task_generation')`.execute(
      db(),
    );
    assert.equal(audit.rows[0]!.n, 8);
  });

  it('after a month down, a pass generates exactly the missed month once; a second instance then does nothing', async () => {
    now = FEBRUARY;
    assert.equal(await taskCount('2026-02-01'), 0);
    const first = await scheduler().runOnce();
    const generated = first.runs.filter((run) => run.job === 'task_generation');
    assert.deepEqual(generated.map((run) => `${run.district} ${run.period} ${run.outcome}`).sort(), [
      '340602 2026-02-01 done',
      '340603 2026-02-01 done',
      '340604 2026-02-01 done',
      '340621 2026-02-01 done',
    ]);
    const created = generated.reduce((sum, run) => sum + run.counts.created!, 0);
    assert.ok(created > 0);
    const februaryTasks = await taskCount('2026-02-01');
    assert.ok(februaryTasks > 0);
    const runsBefore = await runCount();

    const second = await scheduler().runOnce();
    assert.deepEqual(second, { ran: true, runs: [] });
    assert.equal(await runCount(), runsBefore);
    assert.equal(await taskCount('2026-02-01'), februaryTasks);
    assert.deepEqual(await doneRuns('task_generation', '2026-02-01'), [
      '340602',
      '340603',
      '340604',
      '340621',
    ]);
  });

  it('while another instance holds the lock a pass does nothing, and two instances at once run each job once', async () => {
    const other = new pg.Client({ connectionString: server.database.url });
    await other.connect();
    try {
      now = new Date('2026-02-11T02:00:00Z'); // a new day: every district's roster sync is due
      await other.query('SELECT pg_advisory_lock($1::bigint)', [SCHEDULER_LOCK_KEY]);
      const runsBefore = await runCount();
      assert.deepEqual(await scheduler().runOnce(), { ran: false, runs: [] });
      assert.equal(await runCount(), runsBefore);
      await other.query('SELECT pg_advisory_unlock($1::bigint)', [SCHEDULER_LOCK_KEY]);

      const [a, b] = await Promise.all([scheduler().runOnce(), scheduler().runOnce()]);
      const synced = [...a.runs, ...b.runs]
        .filter((run) => run.outcome === 'done')
        .map((run) => run.district);
      assert.deepEqual(synced.sort(), ['340602', '340603', '340604', '340621']);
      assert.deepEqual(await doneRuns('roster_sync', '2026-02-11'), ['340602', '340603', '340604', '340621']);
    } finally {
      await other.end();
    }
  });

  it('the district console lists its own districts’ latest runs, newest first, with who ran them', async () => {
    const xiangshan = await logIn(server.app, 'xiangshan.civil');
    const response = await xiangshan.request('GET', '/api/visits/scheduler/runs?limit=3');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.items.length, 3);
    for (const item of response.body.items) {
      assert.equal(item.regionCode, '340603');
      assert.equal(item.runByAccountId, null);
      assert.equal(item.outcome, 'done');
    }
    assert.deepEqual(
      response.body.items.map((item: { job: string; period: string }) => `${item.job} ${item.period}`),
      ['roster_sync 2026-02-11', 'task_generation 2026-02-01', 'roster_sync 2026-02-10'],
    );
    const outside = await xiangshan.request('GET', '/api/visits/scheduler/runs?regionCode=340621');
    assert.equal(outside.status, 403);
    const worker = await logIn(server.app, 'xiangshan.worker');
    assert.equal((await worker.request('GET', '/api/visits/scheduler/runs')).status, 403);
  });

  it('start runs a pass at once; stop leaves no timer behind', async () => {
    now = new Date('2026-02-12T02:00:00Z');
    const running = createVisitScheduler({
      db: db(),
      pool: server.database.pool,
      clock: () => now,
      servedRegions: ['3406'],
      intervalMs: 3_600_000,
    });
    const first = await running.start();
    assert.equal(first?.ran, true);
    await running.stop();
    assert.deepEqual(await doneRuns('roster_sync', '2026-02-12'), ['340602', '340603', '340604', '340621']);
  });

  it("an elder who joins the roster mid-month gets this month's visit task from the day's sync", async () => {
    now = new Date('2026-02-13T02:00:00Z');
    // An elder of 相山区 whom no rule puts on the roster yet: living with family, no capability loss.
    const { rows } = await sql<{ id: number }>`
      SELECT p.id FROM person p
       WHERE p.region_code LIKE '340603%' AND p.birth_date <= DATE '1950-01-01'
         AND p.living_situation = 'with_family' AND coalesce(p.capability_level, 0) < 2
         AND NOT EXISTS (SELECT 1 FROM visit_target t WHERE t.person_id = p.id AND t.on_roster)
       ORDER BY p.id LIMIT 1`.execute(db());
    const newcomer = rows[0]!.id;
    await sql`UPDATE person SET living_situation = 'alone' WHERE id = ${newcomer}`.execute(db());
    const report = await scheduler().runOnce();
    const xiangshan = report.runs.find((run) => run.district === '340603' && run.job === 'roster_sync')!;
    assert.equal(xiangshan.outcome, 'done', xiangshan.error);
    assert.ok(xiangshan.counts.entered! >= 1);
    assert.ok(xiangshan.counts.created! >= 1, 'the sync added the newcomer’s February task');
    const tasks = await sql<{ period_start: string }>`
      SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start FROM visit_task
       WHERE person_id = ${newcomer} AND kind = 'regular'`.execute(db());
    assert.ok(
      tasks.rows.some((task) => task.period_start.startsWith('2026-02')),
      JSON.stringify(tasks.rows),
    );
    // The other districts had no newcomer that day: their sync added no task.
    for (const run of report.runs.filter((r) => r.job === 'roster_sync' && r.counts.entered === 0)) {
      assert.equal(run.counts.created, 0);
    }
  });

  it('a district whose month fails is recorded as failed with the reason and nothing of it kept; the next pass retries it', async () => {
    now = new Date('2026-03-02T02:00:00Z');
    // Stands in for any failure inside one district's transaction (a constraint, a lost connection).
    await sql`
      CREATE FUNCTION test_fail_340621() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'test failure in 340621'; END $$`.execute(db());
    await sql`
      CREATE TRIGGER test_fail_340621 BEFORE INSERT ON visit_task FOR EACH ROW
        WHEN (NEW.region_code LIKE '340621%') EXECUTE FUNCTION test_fail_340621()`.execute(db());
    const first = await scheduler().runOnce();
    const march = first.runs.filter((run) => run.job === 'task_generation');
    assert.deepEqual(march.map((run) => `${run.district} ${run.outcome}`).sort(), [
      '340602 done',
      '340603 done',
      '340604 done',
      '340621 failed',
    ]);
    assert.match(march.find((run) => run.district === '340621')!.error!, /test failure in 340621/);
    const failed = await sql<{ error: string }>`
      SELECT error FROM visit_job_run
       WHERE region_code = '340621' AND job = 'task_generation' AND outcome = 'failed'`.execute(db());
    assert.equal(failed.rows.length, 1);
    const kept = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM visit_task
       WHERE region_code LIKE '340621%' AND period_start >= DATE '2026-03-01'`.execute(db());
    assert.equal(kept.rows[0]!.n, 0);

    await sql`DROP TRIGGER test_fail_340621 ON visit_task`.execute(db());
    const retry = await scheduler().runOnce();
    assert.deepEqual(
      retry.runs.map((run) => `${run.district} ${run.job} ${run.period} ${run.outcome}`),
      ['340621 task_generation 2026-03-01 done'],
    );
    assert.ok(retry.runs[0]!.counts.created! > 0);
  });
});
