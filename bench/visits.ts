/**
 * Caring visits at 淮北's size (issue 5 targets): 300,000 targets with 12 months of verified visits;
 * generating a month's tasks ≤ 10 s, the monthly rate for all regions ≤ 1 s, recording a visit ≤ 50 ms at p99 with
 * 200 concurrent workers.
 *
 *   node --import tsx bench/visits.ts [--pg URL] [--targets 300000] [--requests 25] [--keep] [--generate-only]
 *
 * --generate-only (or LAOYOU_BENCH_VISITS=generate under `npm run bench`) loads the targets and roster without the
 * year of visits, which generation never reads, and times only the task generation: minutes less per try.
 * LAOYOU_BENCH_VISITS=record under `npm run bench` skips the rate timing: generation (the visits fulfil its tasks) and
 * the recording scenarios (bench/visits-record.ts) only.
 *
 * Creates a throwaway database, applies the migrations, loads 淮北's real regions, generates persons, targets, roster
 * periods, one community worker per village and a year of verified visits in SQL, then times generateTasks and
 * ratesOfSubtree as the routes call them, and drives POST /api/visits/records on the real HTTP server with 200
 * worker sessions: once flat out (each worker sends its next visit as soon as the last is answered) and once at a
 * worker's pace (a visit every 1–3 s per worker, still far above what people on doorsteps produce).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { inTransaction, openDatabase, withDatabaseName } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';
import { generateTasks } from '../src/domains/visits/generate.ts';
import { districtsBySize, generateMonth } from '../src/domains/visits/scheduler-jobs.ts';
import { ratesOfSubtree } from '../src/domains/visits/rate.ts';
import { recordingBench } from './visits-record.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const CITY = '3406';
const MONTH = '2026-01';
// China 10:00 on 20 January 2026: the visits recorded below happen that morning.
const NOW = new Date('2026-01-20T02:00:00Z');

/** Thrown to roll back a timed transaction. */
class RolledBack extends Error {}

export interface VisitsBenchOptions {
  pgUrl?: string;
  targets?: number;
  /** Visits each of the 200 workers records per load scenario. */
  requests?: number;
  keep?: boolean;
  /** Only the task generation (skips the visit history, rates and recording). */
  generateOnly?: boolean;
  log?: (line: string) => void;
}

export interface VisitsBenchResult {
  name: string;
  targets: number;
  [key: string]: unknown;
}

async function generate(
  client: pg.Client,
  targets: number,
  log: (line: string) => void,
  withHistory: boolean,
) {
  await client.query(`
    CREATE TEMP TABLE bench_village AS
      SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code FROM region
       WHERE level = 'village' AND code LIKE '${CITY}%'`);
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_village');
  const villages = rows[0]!.n;
  // Elders 60–100 living alone, empty-nest or left-behind, spread over the villages; tiers 10% high, 40% key.
  await client.query(
    `INSERT INTO person (region_code, name, sex, birth_date, address, living_situation)
     SELECT v.code, '老人' || g, CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
            DATE '1926-01-01' + ((g * 104729) % 14600)::int, '演示路' || g || '号',
            (ARRAY['alone', 'empty_nest', 'left_behind'])[1 + (g % 3)::int]
       FROM generate_series(1, $1::bigint) AS g
       JOIN bench_village v ON v.n = (hashint8(g) & 2147483647) % $2`,
    [targets, villages],
  );
  log(`persons ${targets}`);
  // One community worker per village.
  await client.query(`
    INSERT INTO account (username, display_name, principal_type, password_hash)
    SELECT 'bench.worker.' || n, '探访员' || n, 'government', NULL FROM bench_village`);
  await client.query(`
    INSERT INTO account_role (account_id, role, region_code, domain)
    SELECT a.id, 'community_worker', v.code, 'elderly_care'
      FROM bench_village v JOIN account a ON a.username = 'bench.worker.' || v.n`);
  await client.query(`
    INSERT INTO visit_target (region_code, person_id, tier, rule_tier, reasons, worker_account_id, on_roster,
                              home_lat, home_lng)
    SELECT p.region_code, p.id, t.tier, t.tier, ARRAY['living_alone'], ar.account_id, true,
           33.9 + (p.id % 1000) / 10000.0, 116.7 + (p.id % 997) / 10000.0
      FROM person p
      JOIN account_role ar ON ar.region_code = p.region_code AND ar.role = 'community_worker'
      CROSS JOIN LATERAL (SELECT CASE WHEN p.id % 10 = 0 THEN 'high' WHEN p.id % 10 < 5 THEN 'key'
                                      ELSE 'general' END AS tier) t`);
  await client.query(`
    INSERT INTO visit_roster_period (region_code, person_id, entered_on, source, entry_reasons)
    SELECT region_code, person_id, DATE '2025-01-01', 'rule', reasons FROM visit_target`);
  log('targets and roster');
  // Secondary indexes are built once after loading rather than maintained row by row: same indexes, faster load.
  const { rows: indexes } = await client.query<{ name: string; def: string }>(`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname IN ('visit_record', 'visit_month_visited') AND NOT x.indisprimary`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  // A year of visits (January–December 2025), ~95% of targets each month, all verified.
  for (let month = 1; withHistory && month <= 12; month++) {
    const start = `2025-${String(month).padStart(2, '0')}-01`;
    await client.query(
      `INSERT INTO visit_record (region_code, client_id, person_id, worker_account_id, mode, started_at, ended_at,
                                 visited_on, checklist, status, reviewed_by, reviewed_at, recorded_at)
       SELECT t.region_code, gen_random_uuid(), t.person_id, t.worker_account_id, 'door',
              d + time '09:00', d + time '09:30', d,
              '{"health":"ok","mentalState":"ok","utilitiesSafety":"ok","hygiene":"ok","livingEnvironment":"ok"}',
              'verified', t.worker_account_id, d + time '18:00', d + time '10:00'
         FROM visit_target t
         CROSS JOIN LATERAL (SELECT $1::date + (t.person_id % 27)::int AS d) x
        WHERE hashint8(t.person_id * 100 + $2) % 20 <> 0`,
      [start, month],
    );
    log(`visits ${start}`);
  }
  await client.query(`
    INSERT INTO visit_month_visited (region_code, person_id, month, record_id)
    SELECT region_code, person_id, date_trunc('month', visited_on)::date, id FROM visit_record`);
  for (const index of indexes) await client.query(index.def);
  for (const table of [
    'person',
    'visit_target',
    'visit_roster_period',
    'visit_record',
    'visit_month_visited',
  ]) {
    await client.query(`VACUUM ANALYZE ${table}`);
  }
  log('history loaded');
  return villages;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function run(options: VisitsBenchOptions = {}): Promise<VisitsBenchResult[]> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const targets = options.targets ?? 300_000;
  const requests = options.requests ?? 25;
  const log = options.log ?? ((line: string) => console.error(line));
  const generateOnly = options.generateOnly ?? process.env.LAOYOU_BENCH_VISITS === 'generate';
  const recordOnly = process.env.LAOYOU_BENCH_VISITS === 'record';
  const database = `laoyou_bench_visits_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const results: VisitsBenchResult[] = [];
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      const url = withDatabaseName(adminUrl, database);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await migrate(client);
        await client.query('BEGIN');
        await loadRegions(client, { prefixes: [CITY] });
        await client.query('COMMIT');
        await generate(client, targets, log, !generateOnly);
      } finally {
        await client.end();
      }

      const handle = openDatabase(url, 10);
      try {
        // The route's way: the whole city in one transaction, rolled back (then vacuumed away) so that the
        // scheduler's way below starts from the same empty month.
        const singleStarted = performance.now();
        let singleCreated = 0;
        await inTransaction(handle.db, async (tx) => {
          singleCreated = await generateTasks(tx, CITY, MONTH);
          throw new RolledBack();
        }).catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error;
        });
        const singleSeconds = (performance.now() - singleStarted) / 1000;
        results.push({
          name: 'visits-generate-month-one-transaction',
          targets,
          tasks: singleCreated,
          seconds: Math.round(singleSeconds * 100) / 100,
          targetSeconds: 10,
          met: singleSeconds <= 10,
        });
        log(`generated ${singleCreated} tasks in one transaction in ${singleSeconds.toFixed(2)} s`);
        await handle.pool.query('VACUUM visit_task');

        // The scheduler's way: each district all-or-nothing in its own transaction, two at a time, largest first.
        const generateStarted = performance.now();
        const districts = await districtsBySize(handle.db, [CITY]);
        const runs = await generateMonth(handle.db, () => new Date(), districts, MONTH, 2);
        const generateSeconds = (performance.now() - generateStarted) / 1000;
        const created = runs.reduce((sum, run) => sum + (run.counts.created ?? 0), 0);
        results.push({
          name: 'visits-generate-month',
          targets,
          tasks: created,
          districts: runs.length,
          failed: runs.filter((run) => run.outcome !== 'done').length,
          seconds: Math.round(generateSeconds * 100) / 100,
          targetSeconds: 10,
          met: generateSeconds <= 10 && runs.every((run) => run.outcome === 'done'),
        });
        log(`generated ${created} tasks per district in ${generateSeconds.toFixed(2)} s`);
        if (generateOnly) return results;

        const runsMs: number[] = [];
        let regions = 0;
        for (let i = 0; i < (recordOnly ? 0 : 6); i++) {
          const t0 = performance.now();
          const { rates } = await ratesOfSubtree(handle.db, CITY, '2025-12');
          if (i > 0) runsMs.push(round(performance.now() - t0));
          regions = rates.size;
        }
        const rateMedian = [...runsMs].sort((a, b) => a - b)[Math.floor(runsMs.length / 2)]!;
        if (!recordOnly)
          results.push({
            name: 'visits-rate-all-regions',
            targets,
            regions,
            medianMs: rateMedian,
            runsMs,
            targetMs: 1000,
            met: rateMedian <= 1000,
          });

        results.push(
          ...(await recordingBench({
            db: handle.db,
            pool: handle.pool,
            database,
            targets,
            requests,
            now: NOW,
            log,
          })),
        );
      } finally {
        await handle.close();
      }
    } finally {
      if (options.keep) log(`kept database ${database}`);
      else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  return results;
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) {
  const { values } = parseArgs({
    options: {
      pg: { type: 'string' },
      targets: { type: 'string' },
      requests: { type: 'string' },
      keep: { type: 'boolean' },
      'generate-only': { type: 'boolean' },
    },
  });
  run({
    pgUrl: values.pg,
    ...(values.targets && { targets: Number(values.targets) }),
    ...(values.requests && { requests: Number(values.requests) }),
    keep: values.keep ?? false,
    generateOnly: values['generate-only'] ?? false,
  }).then(
    (results) => {
      for (const result of results) console.log(JSON.stringify(result));
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
