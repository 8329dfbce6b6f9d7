import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { countsByRegion } from '../visits/rate.ts';
import { monthBounds } from '../visits/rules.ts';

// China 10:00 on Monday 26 January 2026, as the caring-visit tests run.
const NOW = new Date('2026-01-26T02:00:00Z');

const MONTHS = [
  ...['2024', '2025', '2026'].flatMap((year) =>
    Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
  ),
  '2030-06',
];

/**
 * The plan reads the monthly visit rate from visit_rate_month, which triggers keep current as the roster and its
 * verified visits change (migration 0019). Whatever the write, it must equal a recount from the raw rows for every
 * month, before and after, or the plan's visit rate drifts from the records.
 */
describe('plan evaluation: the per-community monthly visit counts kept by the writes', () => {
  let server: TestServer;
  let civil: Session;
  let worker: Session;
  let community: string;
  const db = () => server.database.db;

  /** What the rate counted before the rollup: distinct roster members of the month, and those visited. */
  async function recount(prefix: string, month: string) {
    const { start, next } = monthBounds(month);
    const result = await sql<{ region_code: string; targets: number; visited: number }>`
      SELECT r.region_code, count(*)::int AS targets, count(m.person_id)::int AS visited
        FROM (SELECT DISTINCT region_code, person_id FROM visit_roster_period
               WHERE entered_on < ${next}::date AND (left_on IS NULL OR left_on > ${start}::date)
                 AND region_code LIKE ${`${prefix}%`}) r
        LEFT JOIN visit_month_visited m
          ON m.person_id = r.person_id AND m.region_code = r.region_code AND m.month = ${start}::date
       GROUP BY r.region_code`.execute(db());
    return new Map(
      result.rows.map((row) => [row.region_code, { targets: row.targets, visited: row.visited }]),
    );
  }

  async function assertRollupMatchesRecount(step: string) {
    for (const month of MONTHS) {
      assert.deepEqual(
        await countsByRegion(db(), '3406', month),
        await recount('3406', month),
        `${step}: ${month}`,
      );
    }
  }

  async function newElder(living: string, region = community) {
    const row = await sql<{ id: number }>`
      INSERT INTO person (region_code, name, sex, birth_date, living_situation, address)
      VALUES (${region}, '汇总测试老人', 'female', DATE '1938-04-04', ${living}, '相山区测试路2号')
      RETURNING id`.execute(db());
    return row.rows[0]!.id;
  }
  const sync = async () => {
    const response = await civil.request('POST', '/api/visits/roster/sync', { regionCode: community });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };
  const counts = async (month: string) =>
    (await countsByRegion(db(), community, month)).get(community) ?? { targets: 0, visited: 0 };
  const record = async (personId: number) => {
    const response = await worker.request('POST', '/api/visits/records', {
      clientId: randomUUID(),
      personId,
      mode: 'phone',
      startedAt: '2026-01-26T01:00:00Z',
      endedAt: '2026-01-26T01:20:00Z',
      checklist: {
        health: 'ok',
        mentalState: 'ok',
        utilitiesSafety: 'ok',
        hygiene: 'ok',
        livingEnvironment: 'ok',
      },
      risks: [],
      referrals: [],
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id as number;
  };

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    civil = await logIn(server.app, 'xiangshan.civil');
    worker = await logIn(server.app, 'xiangshan.worker');
    const role = await db()
      .selectFrom('account_role')
      .innerJoin('account', 'account.id', 'account_role.account_id')
      .select('account_role.region_code')
      .where('account.username', '=', 'xiangshan.worker')
      .executeTakeFirstOrThrow();
    community = role.region_code!;
  });
  after(() => server?.close());

  it('equals the recount after the demo city is seeded (roster, back-dated periods, verified visits)', async () => {
    let visited = 0;
    for (const month of MONTHS)
      for (const count of (await recount('3406', month)).values()) visited += count.visited;
    assert.ok(visited > 0, 'the demo has verified visits');
    await assertRollupMatchesRecount('demo');
  });

  it('equals the recount through roster sync, overrides, edits and deletions of periods', async () => {
    const before = await counts('2026-01');
    const alone = await newElder('alone');
    const other = await newElder('alone');
    await sync();
    assert.equal((await counts('2026-01')).targets, before.targets + 2, 'sync puts both on the roster');
    await assertRollupMatchesRecount('sync');

    // Excluded the same day: the period closes on the day it opened, which still touches January.
    const excluded = await civil.request('POST', '/api/visits/roster/overrides', {
      personId: alone,
      include: false,
      reason: '已入住养老机构',
    });
    assert.equal(excluded.body.onRoster, false, JSON.stringify(excluded.body));
    await assertRollupMatchesRecount('exclude');
    // Back again the same month: two periods in January count the person once.
    await civil.request('POST', '/api/visits/roster/overrides', {
      personId: alone,
      include: true,
      tier: 'key',
      reason: '老人已回家居住',
    });
    assert.equal((await counts('2026-01')).targets, before.targets + 2, 'two periods, one target');
    await assertRollupMatchesRecount('include again');

    // Periods edited and removed directly (a correction, the demo's back-dating).
    await sql`UPDATE visit_roster_period SET entered_on = DATE '2025-03-15' WHERE person_id = ${other}::bigint`.execute(
      db(),
    );
    assert.equal(
      (await counts('2025-03')).targets,
      (await recount(community, '2025-03')).get(community)!.targets,
    );
    await assertRollupMatchesRecount('back-dated');
    await sql`UPDATE visit_roster_period SET left_on = DATE '2025-09-01', leave_reason = '迁出'
               WHERE person_id = ${other}::bigint AND left_on IS NULL`.execute(db());
    await assertRollupMatchesRecount('closed');
    await sql`DELETE FROM visit_roster_period WHERE person_id = ${alone}::bigint AND left_on IS NOT NULL`.execute(
      db(),
    );
    await assertRollupMatchesRecount('deleted');
  });

  it('equals the recount as visits are verified and rejected, and as a visited target moves or leaves', async () => {
    const a = await newElder('alone');
    const b = await newElder('alone');
    await sync();
    const before = await counts('2026-01');
    const first = await record(a);
    const second = await record(b);
    assert.equal((await civil.request('POST', `/api/visits/records/${first}/verify`)).status, 200);
    const rejected = await civil.request('POST', `/api/visits/records/${second}/reject`, {
      reason: '照片与地址不符',
    });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    assert.deepEqual(await counts('2026-01'), { targets: before.targets, visited: before.visited + 1 });
    await assertRollupMatchesRecount('verify and reject');

    // The visited target moves to another community: its counts move with it (cascaded region codes).
    const elsewhere = await db()
      .selectFrom('region')
      .select('code')
      .where('code', 'like', `${community.slice(0, 9)}%`)
      .where('code', '<>', community)
      .where('level', '=', 'village')
      .executeTakeFirstOrThrow();
    await sql`UPDATE person SET region_code = ${elsewhere.code} WHERE id = ${a}::bigint`.execute(db());
    assert.deepEqual(await counts('2026-01'), { targets: before.targets - 1, visited: before.visited });
    assert.deepEqual((await countsByRegion(db(), elsewhere.code, '2026-01')).get(elsewhere.code), {
      targets: 1,
      visited: 1,
    });
    await assertRollupMatchesRecount('moved');

    // Its period removed: the verified visit no longer counts (it was never on the roster that month).
    await sql`DELETE FROM visit_roster_period WHERE person_id = ${a}::bigint`.execute(db());
    await assertRollupMatchesRecount('left');
    await sql`DELETE FROM visit_month_visited WHERE person_id = ${a}::bigint`.execute(db());
    await assertRollupMatchesRecount('visit removed');
  });
});
