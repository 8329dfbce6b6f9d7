/**
 * Times plan evaluation over a synthetic province (issue 4: every indicator at every level ≤5 s; a changed record
 * reflected within 1 s), and reports the ratio to the time PostgreSQL needs to read the underlying rows once.
 *
 *   node --import tsx bench/plan-evaluation.ts [--pg URL] [--regions 34] [--institutions N] [--facilities N]
 *
 * Creates a throwaway database, applies the migrations, loads the regions (all of Anhui by default), generates
 * care homes and childcare institutions (at townships) and community facilities (at villages), each with two
 * capacity periods, and 2020 census figures per township; copies 淮北's indicator table onto a plan of the
 * province; then evaluates it at the province, every city and every county (one scenario), and at every township
 * (another). Evaluation computes from the records on each read, so a change is current as soon as it commits:
 * the third scenario records a new capacity period and times the next evaluation of its county.
 * Prints one JSON line per scenario and drops the database.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { inTransaction, openDatabase, withDatabaseName, type Db } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { evaluateRegions, findPlan } from '../src/domains/plan/evaluate.ts';
import { loadSeedPlans } from '../src/domains/plan/load-plans.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';
import { makeUscc } from '../src/shared/uscc.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DATE = '2024-12-31';

export interface PlanBenchOptions {
  pgUrl?: string;
  regions?: string[];
  institutions?: number;
  facilities?: number;
  log?: (line: string) => void;
}

export interface PlanBenchResult {
  name: string;
  regionsEvaluated: number;
  indicatorsEvaluated: number;
  ms: number;
  /** Reading the underlying rows once (capacity, facilities, population, staff), best of 3. */
  scanMs: number;
  ratioToScan: number;
  targetMs: number;
  met: boolean;
}

async function generate(
  client: pg.Client,
  institutions: number,
  facilities: number,
  log: (s: string) => void,
) {
  const uscc = makeUscc('52340000MJB00001X');
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO organisation (region_code, uscc, name) VALUES ('34', $1, '基准测试机构') RETURNING id`,
    [uscc],
  );
  const organisation = rows[0].id;
  await client.query(`CREATE TEMP TABLE bench_township AS
    SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code FROM region WHERE level = 'township'`);
  await client.query(`CREATE TEMP TABLE bench_village AS
    SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code FROM region WHERE level = 'village'`);
  // Institutions at townships (4 in 5 care homes), community facilities at villages.
  await client.query(
    `INSERT INTO facility (region_code, organisation_id, name, facility_type, ownership, address)
     SELECT t.code, $1, '机构' || g,
            CASE WHEN g % 5 = 0 THEN 'childcare_institution' ELSE 'care_home' END,
            (ARRAY['public','private','publicly_built_privately_operated'])[1 + g % 3], '地址' || g
     FROM generate_series(1, $2) g
     JOIN bench_township t ON t.n = (hashint4(g) & 2147483647) % (SELECT count(*) FROM bench_township)`,
    [organisation, institutions],
  );
  await client.query(
    `INSERT INTO facility (region_code, organisation_id, name, facility_type, ownership, address)
     SELECT v.code, $1, '站点' || g,
            (ARRAY['community_elderly_centre','day_care_centre','meal_point','community_childcare_point'])[1 + g % 4],
            'public', '地址' || g
     FROM generate_series(1, $2) g
     JOIN bench_village v ON v.n = (hashint4(g + 7919) & 2147483647) % (SELECT count(*) FROM bench_village)`,
    [organisation, facilities],
  );
  // Two periods each: the figures of 2019–2021 and those since 2022.
  for (const [from, to, grow] of [
    ['2019-01-01', '2022-01-01', 0],
    ['2022-01-01', null, 10],
  ] as const) {
    await client.query(
      `INSERT INTO facility_capacity (region_code, facility_id, valid_during, operating_status,
         beds_total, beds_nursing, beds_inclusive, places_older_toddler, places_inclusive, inclusive)
       SELECT region_code, id, daterange($1::date, $2::date), 'operating',
              CASE WHEN domain = 'elderly_care' THEN 20 + id % 200 + $3 ELSE 0 END,
              CASE WHEN domain = 'elderly_care' THEN (20 + id % 200) / 2 ELSE 0 END,
              CASE WHEN domain = 'elderly_care' THEN (20 + id % 200) / 4 ELSE 0 END,
              CASE WHEN domain = 'childcare' THEN 20 + id % 80 + $3 ELSE 0 END,
              CASE WHEN domain = 'childcare' THEN (20 + id % 80) / 2 ELSE 0 END,
              domain = 'childcare' AND id % 2 = 0
       FROM facility`,
      [from, to, grow],
    );
  }
  await client.query(`INSERT INTO population_figure (region_code, year, basis, sex, age_from, age_to, count, source)
    SELECT code, 2020, 'resident', 'total', a.age_from, NULL,
           CASE WHEN a.age_from = 0 THEN 30000 + n % 20000 ELSE 6000 + n % 4000 END, 'census_2020'
    FROM bench_township CROSS JOIN (VALUES (0), (60)) AS a(age_from)`);
  await client.query('ANALYZE');
  log(`generated ${institutions} institutions and ${facilities} community facilities`);
}

async function provincePlan(db: Db, province: string): Promise<number> {
  return inTransaction(db, async (tx) => {
    const loaded = await loadSeedPlans(tx);
    const huaibei = loaded.plansLoaded.find((plan) => plan.regionCode === '3406');
    if (!huaibei) throw new Error('淮北 (3406) must be among the loaded regions');
    const plan = await tx
      .insertInto('plan')
      .values({
        region_code: province,
        name: '基准省级方案',
        period_from: 2021,
        period_to: 2025,
        source_file: 'bench',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO plan_indicator (region_code, plan_id, position, indicator_key, wording, unit,
        baseline_year, baseline_value, mid_year, mid_value, target_year, target_value, comparator, nature, responsible)
      SELECT ${province}, ${plan.id}, position, indicator_key, wording, unit, baseline_year, baseline_value,
        mid_year, mid_value, target_year, target_value, comparator, nature, responsible
      FROM plan_indicator WHERE plan_id = ${huaibei.planId}`.execute(tx);
    return plan.id;
  });
}

async function timeScan(db: Db): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await sql`SELECT sum(c.beds_total), sum(c.beds_nursing), sum(c.places_older_toddler), count(*)
      FROM facility_capacity c JOIN facility f ON f.region_code = c.region_code AND f.id = c.facility_id`.execute(
      db,
    );
    await sql`SELECT sum(count) FROM population_figure`.execute(db);
    await sql`SELECT count(*) FROM staff_member`.execute(db);
    runs.push(performance.now() - start);
  }
  return Math.min(...runs);
}

async function evaluateAll(
  db: Db,
  planId: number,
  regions: string[],
): Promise<{ ms: number; indicators: number }> {
  const plan = (await findPlan(db, planId))!;
  const start = performance.now();
  const evaluations = await evaluateRegions(db, plan, regions, DATE, { visible: () => true }, true);
  const indicators = evaluations.reduce((sum, evaluation) => sum + evaluation.indicators.length, 0);
  const sample = evaluations[0].indicators.find((indicator) => indicator.key === 'childcare_places_per_1000');
  console.error(
    `${regions[0]}: ${sample?.numerator} places / ${sample?.denominator} residents = ${sample?.computed}`,
  );
  return { ms: performance.now() - start, indicators };
}

export async function run(options: PlanBenchOptions = {}): Promise<PlanBenchResult[]> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const prefixes = options.regions ?? ['34'];
  const log = options.log ?? ((line: string) => console.error(line));
  const database = `laoyou_bench_plan_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      const url = withDatabaseName(adminUrl, database);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await migrate(client);
        await client.query('BEGIN');
        await loadRegions(client, { prefixes });
        await client.query('COMMIT');
        log('regions loaded');
        await generate(client, options.institutions ?? 3000, options.facilities ?? 20000, log);
      } finally {
        await client.end();
      }
      const handle = openDatabase(url, 2);
      try {
        const db = handle.db;
        const province = prefixes[0];
        const planId = await provincePlan(db, province);
        const levels = await db
          .selectFrom('region')
          .select(['code', 'level'])
          .where('code', 'like', `${province}%`)
          .where('level', 'in', ['province', 'city', 'county', 'township'])
          .orderBy('code')
          .execute();
        const everyLevel = levels.map((r) => r.code);
        const upper = levels.filter((r) => r.level !== 'township').map((r) => r.code);
        const scanMs = await timeScan(db);
        await evaluateAll(db, planId, [province]); // warm-up
        const results: PlanBenchResult[] = [];
        const result = (
          name: string,
          regions: number,
          measured: { ms: number; indicators: number },
          target: number,
        ) => {
          const ms = Math.round(measured.ms);
          return {
            name,
            regionsEvaluated: regions,
            indicatorsEvaluated: measured.indicators,
            ms,
            scanMs: Math.round(scanMs * 10) / 10,
            ratioToScan: Math.round((measured.ms / scanMs) * 10) / 10,
            targetMs: target,
            met: ms <= target,
          };
        };
        results.push(
          result(
            'plan-evaluate-province-cities-counties',
            upper.length,
            await evaluateAll(db, planId, upper),
            5000,
          ),
        );
        log(JSON.stringify(results.at(-1)));
        results.push(
          result(
            'plan-evaluate-every-level',
            everyLevel.length,
            await evaluateAll(db, planId, everyLevel),
            5000,
          ),
        );
        log(JSON.stringify(results.at(-1)));
        // One record changes; its county's evaluation is the next read.
        const facility = await db
          .selectFrom('facility')
          .select(['id', 'region_code'])
          .where('facility_type', '=', 'care_home')
          .executeTakeFirstOrThrow();
        const start = performance.now();
        await inTransaction(db, async (tx) => {
          await sql`UPDATE facility_capacity SET valid_during = daterange(lower(valid_during), DATE '2024-06-01')
            WHERE facility_id = ${facility.id} AND upper_inf(valid_during)`.execute(tx);
          await sql`INSERT INTO facility_capacity (region_code, facility_id, valid_during, operating_status, beds_total)
            VALUES (${facility.region_code}, ${facility.id}, daterange(DATE '2024-06-01', NULL), 'operating', 999)`.execute(
            tx,
          );
        });
        const county = facility.region_code.slice(0, 6);
        const after = await evaluateAll(db, planId, [county]);
        results.push(
          result(
            'plan-change-visible-in-county',
            1,
            { ms: performance.now() - start, indicators: after.indicators },
            1000,
          ),
        );
        return results;
      } finally {
        await handle.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

function parseArgs(argv: string[]): PlanBenchOptions {
  const options: PlanBenchOptions = {};
  const value = (i: number, arg: string) => {
    if (argv[i] === undefined) throw new Error(`${arg} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--pg') options.pgUrl = value(++i, arg);
    else if (arg === '--regions') options.regions = value(++i, arg).split(',');
    else if (arg === '--institutions') options.institutions = Number(value(++i, arg));
    else if (arg === '--facilities') options.facilities = Number(value(++i, arg));
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run(parseArgs(process.argv.slice(2))).then(
    (results) => {
      for (const result of results) console.log(JSON.stringify(result));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
