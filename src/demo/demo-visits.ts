// Caring visits in the demo city: the roster the rules draw from the demo persons (entered a year before the demo's
// day), community workers (xiangshan.worker for one real community of 相山区, one worker per district elsewhere),
// a year of visits — mostly verified, a few communities short of the 100% target, this month's partly pending — and
// this month's tasks. Written set-wise in SQL so the small demo stays fast; deterministic like the rest of the demo.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { generateTasks } from '../domains/visits/generate.ts';
import { assignWorkers, syncRoster } from '../domains/visits/roster.ts';
import { addDays, monthBounds, monthOf } from '../domains/visits/rules.ts';

export const DEMO_WORKER = 'xiangshan.worker';

interface DemoVisitsInput {
  cityCode: string;
  asOf: string;
  passwordHash: string;
  /** The officer who verified a district's visits. */
  supervisorOf: (countyCode: string) => number;
}

/** The 相山区 community with the most targets: the demo worker's community. */
async function busiestCommunity(tx: Tx, countyCode: string): Promise<string> {
  const row = await sql<{ region_code: string }>`
    SELECT region_code FROM visit_target
     WHERE on_roster AND region_code LIKE ${`${countyCode}%`} AND length(region_code) = 12
     GROUP BY region_code ORDER BY count(*) DESC, region_code LIMIT 1
  `.execute(tx);
  return row.rows[0]?.region_code ?? countyCode;
}

async function insertWorker(
  tx: Tx,
  username: string,
  name: string,
  regionCode: string,
  passwordHash: string,
) {
  const account = await tx
    .insertInto('account')
    .values({ username, display_name: name, principal_type: 'government', password_hash: passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('account_role')
    .values({
      account_id: account.id,
      role: 'community_worker',
      region_code: regionCode,
      domain: 'elderly_care',
    })
    .execute();
  return account.id;
}

export async function loadDemoVisits(tx: Tx, input: DemoVisitsInput): Promise<void> {
  const { cityCode, asOf, passwordHash } = input;
  const yearAgo = monthBounds(monthOf(addDays(monthBounds(monthOf(asOf)).start, -365))).start;
  await syncRoster(tx, cityCode, asOf, null);
  // The demo's roster has been kept for a year: its periods start then, so the year of visits below counts.
  await sql`UPDATE visit_roster_period SET entered_on = ${monthBounds(monthOf(yearAgo)).start}::date`.execute(
    tx,
  );

  const counties = await tx
    .selectFrom('region')
    .select(['code', 'name'])
    .where('parent_code', '=', cityCode)
    .orderBy('code')
    .execute();
  const community = await busiestCommunity(tx, '340603');
  await insertWorker(tx, DEMO_WORKER, '相山区社区网格员 周晓梅', community, passwordHash);
  for (const county of counties) {
    await insertWorker(tx, `worker.${county.code}`, `${county.name}探访员`, county.code, passwordHash);
  }
  // Reassign from scratch so the community worker takes its community before the district workers take the rest.
  await sql`UPDATE visit_target SET worker_account_id = NULL`.execute(tx);
  await assignWorkers(tx, cityCode);
  // Homes of the demo worker's targets get coordinates (around 相山区), so the far-from-home check has a reference.
  await sql`
    UPDATE visit_target SET home_lat = 33.96 + (person_id % 97) / 10000.0, home_lng = 116.79 + (person_id % 89) / 10000.0
     WHERE region_code = ${community}
  `.execute(tx);

  // A year of monthly visits. Whether a target was visited in a month is a fixed hash of (person, month): most
  // communities reach about 97%, one in five about 80%; this month only the first days have passed.
  const countyCodes = counties.map((county) => county.code);
  const supervisors = countyCodes.map((code) => input.supervisorOf(code));
  await sql`
    WITH months AS (
      SELECT m::date AS month FROM generate_series(${yearAgo}::date,
                                                   ${monthBounds(monthOf(asOf)).start}::date, '1 month') AS m
    ), candidates AS (
      SELECT t.region_code, t.person_id, t.worker_account_id, m.month,
             ('x' || substr(md5(t.person_id || ':' || m.month), 1, 8))::bit(32)::int & 1023 AS draw,
             ('x' || substr(md5(t.region_code), 1, 8))::bit(32)::int & 7 AS community_luck
        FROM visit_target t CROSS JOIN months m
       WHERE t.on_roster AND t.worker_account_id IS NOT NULL
    ), visits AS (
      SELECT c.*, least(c.month + (c.draw % 26), ${asOf}::date - 1) AS visited_on
        FROM candidates c
       WHERE c.draw < CASE WHEN c.community_luck = 0 THEN 820 ELSE 995 END
         AND (c.month < ${monthBounds(monthOf(asOf)).start}::date OR c.draw % 26 < extract(day FROM ${asOf}::date) - 1)
    )
    INSERT INTO visit_record (region_code, client_id, person_id, worker_account_id, mode, started_at, ended_at,
                              visited_on, checklist, risks, referrals, status, reviewed_by, reviewed_at, recorded_at)
    SELECT v.region_code, md5('demo-visit:' || v.person_id || ':' || v.month)::uuid, v.person_id,
           v.worker_account_id,
           (ARRAY['door', 'door', 'door', 'phone', 'video'])[1 + v.draw % 5],
           (v.visited_on + time '09:00' + (v.draw % 300) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai',
           (v.visited_on + time '09:30' + (v.draw % 300) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai',
           v.visited_on,
           jsonb_build_object('health', CASE WHEN v.draw % 13 = 0 THEN 'concern' ELSE 'ok' END,
                              'mentalState', CASE WHEN v.draw % 17 = 0 THEN 'concern' ELSE 'ok' END,
                              'utilitiesSafety', CASE WHEN v.draw % 19 = 0 THEN 'concern' ELSE 'ok' END,
                              'hygiene', 'ok', 'livingEnvironment', 'ok'),
           CASE WHEN v.draw % 19 = 0 THEN ARRAY['燃气软管老化'] ELSE '{}' END,
           CASE WHEN v.draw % 19 = 0 THEN ARRAY['联系燃气公司上门检修'] ELSE '{}' END,
           -- This month's visits from the last two days still wait for the supervisor.
           CASE WHEN v.visited_on >= ${asOf}::date - 2 THEN 'pending' ELSE 'verified' END,
           CASE WHEN v.visited_on >= ${asOf}::date - 2 THEN NULL
                ELSE (${supervisors}::bigint[])[array_position(${countyCodes}::text[], substr(v.region_code, 1, 6))] END,
           CASE WHEN v.visited_on >= ${asOf}::date - 2 THEN NULL
                ELSE (v.visited_on + 1 + time '10:00') AT TIME ZONE 'Asia/Shanghai' END,
           (v.visited_on + time '12:00') AT TIME ZONE 'Asia/Shanghai'
      FROM visits v
  `.execute(tx);
  await sql`
    INSERT INTO visit_month_visited (region_code, person_id, month, record_id)
    SELECT DISTINCT ON (person_id, date_trunc('month', visited_on)) region_code, person_id,
           date_trunc('month', visited_on)::date, id
      FROM visit_record WHERE status = 'verified'
     ORDER BY person_id, date_trunc('month', visited_on), visited_on
  `.execute(tx);

  // This month's tasks (and next month's when this week runs into it); those already visited are done.
  await generateTasks(tx, cityCode, monthOf(asOf));
  if (monthOf(addDays(asOf, 7)) !== monthOf(asOf))
    await generateTasks(tx, cityCode, monthOf(addDays(asOf, 7)));
  await sql`
    UPDATE visit_task k SET status = 'done', done_record_id = v.id
      FROM visit_record v
     WHERE v.person_id = k.person_id AND v.visited_on BETWEEN k.period_start AND k.due_on AND v.task_id IS NULL
  `.execute(tx);
  await sql`
    UPDATE visit_record v SET task_id = k.id FROM visit_task k WHERE k.done_record_id = v.id
  `.execute(tx);
}
