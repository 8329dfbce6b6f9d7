/**
 * Times plan evaluation over a synthetic province at 辽宁's scale (issue 4: every indicator at every level ≤5 s;
 * after one record changes, the values it affects current within 1 s), and reports the ratio to the time
 * PostgreSQL needs to read the underlying rows once.
 *
 *   node --import tsx bench/plan-evaluation.ts [--pg URL] [--regions 21] [--institutions N] [--facilities N]
 *                                              [--persons N] [--keep-db NAME]
 *
 * Creates a throwaway database (or, with --keep-db or LAOYOU_BENCH_PLAN_DB, a named one kept for the next run, which
 * reuses it when it holds the same scale: generation takes about 15 minutes), applies the migrations, loads the real regions of 辽宁 (14 cities, 100 counties,
 * 1,406 townships, 16,727 villages) and fills them with bench/liaoning-data.ts: 2020 census figures at every level
 * down to townships summing to 42.6 M residents and 11 M aged 60+, 3,000 institutions and 20,000 community
 * facilities with capacity history, staff with certificates, 10 M persons with living situations and conditions,
 * and the caring-visit roster drawn from them (the monthly visit rate is the one indicator that counts persons).
 * A plan of the province states every indicator of the catalogue (the 辽宁 seed plan is loaded beside it, so its
 * own targets apply where it states them). Scenarios: the province, cities and counties; every level to townships;
 * every level to villages; then one care home's beds change, and one person's condition ends with the roster sync
 * that takes them off the caring-visit roster, each committed and followed by the evaluation of every region the
 * record lies in. Evaluation reads the registries on each request, the visit rate from the per-community monthly
 * counts the roster writes keep in their own transaction (migration 0019), so a change is current as soon as it
 * commits. Prints one JSON line per scenario and drops the database unless it is kept.
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
import { syncRoster } from '../src/domains/visits/roster.ts';
import { generateProvince, LIAONING } from './liaoning-data.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DATE = '2024-12-31';

export interface PlanBenchOptions {
  pgUrl?: string;
  regions?: string[];
  institutions?: number;
  facilities?: number;
  persons?: number;
  /**
   * Keep the generated province in this database and reuse it on the next run when it holds the same scale
   * (generation takes about 15 minutes); a throwaway database, dropped at the end, when left out.
   */
  keepDatabase?: string;
  log?: (line: string) => void;
}

export interface PlanBenchResult {
  name: string;
  regionsEvaluated: number;
  indicatorsEvaluated: number;
  ms: number;
  /** Reading the rows evaluation reads once (capacity with facilities, population, staff with certificates), best of 3. */
  scanMs: number;
  ratioToScan: number;
  targetMs: number;
  met: boolean;
  /** For a change: the write's own transaction, triggers included, within ms. */
  writeMs?: number;
}

const BENCH_PLAN_NAME = '基准省级方案（全部指标）';

/**
 * A plan of the province stating every indicator of the catalogue, computed or entered, with a 2020 baseline and a
 * 2025 target; entered indicators get a value per city so that path is read too.
 */
async function provincePlan(db: Db, province: string): Promise<number> {
  return inTransaction(db, async (tx) => {
    await loadSeedPlans(tx);
    const plan = await tx
      .insertInto('plan')
      .values({
        region_code: province,
        name: BENCH_PLAN_NAME,
        period_from: 2021,
        period_to: 2025,
        source_file: 'bench',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO plan_indicator (region_code, plan_id, position, indicator_key, wording, unit,
        baseline_year, baseline_value, target_year, target_value, comparator, nature)
      SELECT ${province}, ${plan.id}, (row_number() OVER (ORDER BY key))::int - 1, key, name_zh, unit,
        2020, CASE WHEN factor = 1 THEN 1000 ELSE 10 END, 2025, CASE WHEN factor = 1 THEN 5000 ELSE 50 END, '>=',
        'expected'
      FROM indicator_definition`.execute(tx);
    await sql`INSERT INTO indicator_value (region_code, indicator_key, as_of, value, source)
      SELECT r.code, d.key, DATE '2024-06-30', 42, '统计公报'
      FROM indicator_definition d CROSS JOIN region r
      WHERE d.method = 'entered' AND r.code LIKE ${`${province}%`} AND r.level IN ('province', 'city')`.execute(
      tx,
    );
    return plan.id;
  });
}

async function benchPlanId(db: Db, province: string): Promise<number> {
  const plan = await db
    .selectFrom('plan')
    .select('id')
    .where('region_code', '=', province)
    .where('name', '=', BENCH_PLAN_NAME)
    .executeTakeFirstOrThrow();
  return plan.id;
}

/** Reading once the rows evaluation reads: the same tables and joins, summed without grouping, best of 3. */
async function timeScan(db: Db, province: string): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await sql`SELECT sum(c.beds_total), sum(c.beds_nursing), sum(c.places_older_toddler), count(f.facility_type)
      FROM facility_capacity c JOIN facility f ON f.region_code = c.region_code AND f.id = c.facility_id
      WHERE c.region_code LIKE ${`${province}%`}`.execute(db);
    await sql`SELECT sum(count) FROM population_figure WHERE region_code LIKE ${`${province}%`}`.execute(db);
    await sql`SELECT count(*), count(c.id) FROM staff_member s LEFT JOIN staff_certificate c ON c.staff_id = s.id
      WHERE s.region_code LIKE ${`${province}%`}`.execute(db);
    await sql`SELECT count(*) FROM region WHERE code LIKE ${`${province}%`}`.execute(db);
    await sql`SELECT count(DISTINCT (region_code, person_id)) FROM visit_roster_period
      WHERE region_code LIKE ${`${province}%`}`.execute(db);
    runs.push(performance.now() - start);
  }
  return Math.min(...runs);
}

/** Reading the person records once (no indicator reads them today; reported for scale). */
async function timePersonScan(db: Db): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    await sql`SELECT count(*), count(living_situation) FROM person`.execute(db);
    await sql`SELECT count(*) FROM person_condition`.execute(db);
    runs.push(performance.now() - start);
  }
  return Math.min(...runs);
}

async function evaluateAll(
  db: Db,
  planId: number,
  regions: string[],
): Promise<{ ms: number; indicators: number; sample: string }> {
  const plan = (await findPlan(db, planId))!;
  const start = performance.now();
  const evaluations = await evaluateRegions(db, plan, regions, DATE, { visible: () => true }, true);
  const ms = performance.now() - start;
  const indicators = evaluations.reduce((sum, evaluation) => sum + evaluation.indicators.length, 0);
  const pick = (key: string) => evaluations[0].indicators.find((indicator) => indicator.key === key);
  const places = pick('childcare_places_per_1000');
  const beds = pick('beds_per_1000_elderly');
  const sample =
    `${regions[0]}: ${places?.numerator} places / ${places?.denominator} residents = ${places?.computed}‰; ` +
    `${beds?.numerator} beds / ${beds?.denominator} aged 60+ = ${beds?.computed}‰`;
  return { ms, indicators, sample };
}

/** The monthly visit rate's targets of each region on the date (the denominator a roster change moves). */
async function visitTargets(db: Db, planId: number, regions: string[]): Promise<(number | null)[]> {
  const plan = (await findPlan(db, planId))!;
  const evaluations = await evaluateRegions(db, plan, regions, DATE, { visible: () => true }, true);
  return evaluations.map(
    (evaluation) => evaluation.indicators.find((i) => i.key === 'monthly_visit_rate')?.denominator ?? null,
  );
}

/** The region a record lies in and every region above it: the evaluations one changed record can affect. */
function regionsOf(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((length) => length <= code.length).map((length) => code.slice(0, length));
}

async function loadProvince(
  url: string,
  prefixes: string[],
  options: PlanBenchOptions,
  log: (line: string) => void,
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(client);
    await client.query('BEGIN');
    await loadRegions(client, { prefixes });
    await client.query('COMMIT');
    log('regions loaded');
    await generateProvince(
      client,
      prefixes[0],
      {
        ...LIAONING,
        institutions: options.institutions ?? LIAONING.institutions,
        communityFacilities: options.facilities ?? LIAONING.communityFacilities,
        persons: options.persons ?? LIAONING.persons,
      },
      log,
    );
  } finally {
    await client.end();
  }
}

/** What a kept database was generated with: reused only when the next run asks for the same. */
function generationMark(prefixes: string[], options: PlanBenchOptions): string {
  return `laoyou plan bench: ${JSON.stringify({
    regions: prefixes,
    institutions: options.institutions ?? LIAONING.institutions,
    facilities: options.facilities ?? LIAONING.communityFacilities,
    persons: options.persons ?? LIAONING.persons,
  })}`;
}

/**
 * The database to measure on, generated unless a kept one with the same mark exists. A kept database is migrated
 * again, so migrations added since it was generated (and their backfills) apply to it as to a production one.
 */
async function prepareDatabase(
  admin: pg.Client,
  adminUrl: string,
  database: string,
  prefixes: string[],
  options: PlanBenchOptions,
  log: (line: string) => void,
): Promise<{ url: string; reused: boolean }> {
  const url = withDatabaseName(adminUrl, database);
  const mark = generationMark(prefixes, options);
  if (options.keepDatabase !== undefined) {
    const { rows } = await admin.query<{ mark: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`,
      [database],
    );
    if (rows.length === 1 && rows[0].mark === mark) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const applied = await migrate(client);
        // New tables filled by a migration have no statistics until autovacuum comes round; measure as after it.
        if (applied.length > 0) await client.query('ANALYZE');
        log(`reusing ${database}${applied.length > 0 ? `, migrated: ${applied.join(', ')}` : ''}`);
      } finally {
        await client.end();
      }
      return { url, reused: true };
    }
    // Half-made or of another scale: made again from scratch.
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${database}`);
  await loadProvince(url, prefixes, options, log);
  const handle = openDatabase(url, 2);
  try {
    await provincePlan(handle.db, prefixes[0]);
  } finally {
    await handle.close();
  }
  if (options.keepDatabase !== undefined) {
    await admin.query(`COMMENT ON DATABASE ${database} IS ${pg.escapeLiteral(mark)}`);
  }
  return { url, reused: false };
}

export async function run(options: PlanBenchOptions = {}): Promise<PlanBenchResult[]> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const prefixes = options.regions ?? ['21'];
  const log = options.log ?? ((line: string) => console.error(line));
  // `npm run bench -- --only plan` passes no options: the environment names the kept database there.
  options = { ...options, keepDatabase: options.keepDatabase ?? process.env.LAOYOU_BENCH_PLAN_DB };
  if (options.keepDatabase !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.keepDatabase)) {
    throw new Error(`not a plain database name: ${options.keepDatabase}`);
  }
  const database = options.keepDatabase ?? `laoyou_bench_plan_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    try {
      const { url } = await prepareDatabase(admin, adminUrl, database, prefixes, options, log);
      const handle = openDatabase(url, 2);
      try {
        const db = handle.db;
        const province = prefixes[0];
        const planId = await benchPlanId(db, province);
        const levels = await db
          .selectFrom('region')
          .select(['code', 'level'])
          .where('code', 'like', `${province}%`)
          .where('valid_to', 'is', null)
          .orderBy('code')
          .execute();
        const counted = (names: string[]) => levels.filter((r) => names.includes(r.level)).map((r) => r.code);
        const scanMs = await timeScan(db, province);
        log(`one read of the rows evaluation reads: ${scanMs.toFixed(1)} ms`);
        log(`one read of the person records: ${(await timePersonScan(db)).toFixed(0)} ms`);
        log((await evaluateAll(db, planId, [province])).sample); // warm-up
        const results: PlanBenchResult[] = [];
        const record = (
          name: string,
          regions: number,
          measured: { ms: number; indicators: number; writeMs?: number },
          target: number,
        ) => {
          const ms = Math.round(measured.ms);
          results.push({
            name,
            regionsEvaluated: regions,
            indicatorsEvaluated: measured.indicators,
            ms,
            scanMs: Math.round(scanMs * 10) / 10,
            ratioToScan: Math.round((measured.ms / scanMs) * 10) / 10,
            targetMs: target,
            met: ms <= target,
            ...(measured.writeMs === undefined ? {} : { writeMs: Math.round(measured.writeMs) }),
          });
          log(JSON.stringify(results.at(-1)));
        };
        for (const [name, names] of [
          ['plan-evaluate-province-cities-counties', ['province', 'city', 'county']],
          ['plan-evaluate-every-level-to-townships', ['province', 'city', 'county', 'township']],
          ['plan-evaluate-every-level-to-villages', ['province', 'city', 'county', 'township', 'village']],
        ] as const) {
          const regions = counted([...names]);
          record(name, regions.length, await evaluateAll(db, planId, regions), 5000);
        }

        // A care home's beds change: a new capacity period from 2024-06-01.
        const facility = await db
          .selectFrom('facility')
          .select(['id', 'region_code'])
          .where('facility_type', '=', 'care_home')
          .orderBy('id')
          .executeTakeFirstOrThrow();
        const affected = regionsOf(facility.region_code);
        const bedsBefore = (await evaluateAll(db, planId, affected)).sample;
        let start = performance.now();
        await inTransaction(db, async (tx) => {
          await sql`UPDATE facility_capacity SET valid_during = daterange(lower(valid_during), DATE '2024-06-01')
            WHERE facility_id = ${facility.id} AND upper_inf(valid_during)`.execute(tx);
          await sql`INSERT INTO facility_capacity (region_code, facility_id, valid_during, operating_status, beds_total)
            VALUES (${facility.region_code}, ${facility.id}, daterange(DATE '2024-06-01', NULL), 'operating', 999)`.execute(
            tx,
          );
        });
        let writeMs = performance.now() - start;
        let after = await evaluateAll(db, planId, affected);
        record(
          'plan-change-beds-visible-up-the-tree',
          affected.length,
          { ...after, ms: performance.now() - start, writeMs },
          1000,
        );
        log(`before: ${bedsBefore}\nafter:  ${after.sample}`);
        // Undone, so that a kept database measures the same change next time.
        await inTransaction(db, async (tx) => {
          await sql`DELETE FROM facility_capacity WHERE facility_id = ${facility.id}
            AND lower(valid_during) = DATE '2024-06-01' AND upper_inf(valid_during)`.execute(tx);
          await sql`UPDATE facility_capacity SET valid_during = daterange(lower(valid_during), NULL)
            WHERE facility_id = ${facility.id} AND upper(valid_during) = DATE '2024-06-01'`.execute(tx);
        });

        // A person's condition ends (a disability is lifted) and the roster follows in the same transaction, as
        // the roster sync of the person's community does: the elder leaves the caring-visit roster, so the monthly
        // visit rate's targets change up the tree. Each run ends another person's condition.
        const condition = await db
          .selectFrom('person_condition as c')
          .innerJoin('person as p', 'p.id', 'c.person_id')
          .innerJoin('visit_target as t', 't.person_id', 'c.person_id')
          .select(['c.id', 'c.person_id', 'c.region_code'])
          .where('c.kind', '=', 'disability')
          .where('c.valid_to', 'is', null)
          .where('t.on_roster', '=', true)
          .where('p.living_situation', '=', 'with_family')
          .where('p.capability_level', 'is', null)
          .orderBy('c.id')
          .executeTakeFirstOrThrow();
        const conditionRegions = regionsOf(condition.region_code);
        const targetsBefore = await visitTargets(db, planId, conditionRegions);
        start = performance.now();
        const synced = await inTransaction(db, async (tx) => {
          await sql`UPDATE person_condition SET valid_to = DATE '2024-11-30' WHERE id = ${condition.id}`.execute(
            tx,
          );
          return syncRoster(tx, condition.region_code, '2024-11-30', null, condition.person_id);
        });
        writeMs = performance.now() - start;
        after = await evaluateAll(db, planId, conditionRegions);
        record(
          'plan-change-condition-visible-up-the-tree',
          conditionRegions.length,
          { ...after, ms: performance.now() - start, writeMs },
          1000,
        );
        log(
          `roster sync: ${JSON.stringify(synced)}; visit targets in December ${targetsBefore.join('/')} → ` +
            `${(await visitTargets(db, planId, conditionRegions)).join('/')}`,
        );
        return results;
      } finally {
        await handle.close();
      }
    } finally {
      if (options.keepDatabase === undefined) {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
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
    else if (arg === '--persons') options.persons = Number(value(++i, arg));
    else if (arg === '--keep-db') options.keepDatabase = value(++i, arg);
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
