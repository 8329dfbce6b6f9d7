/**
 * Times the as-of capacity summary (capacityAsOf: beds, places and facility counts of a region subtree on a date)
 * over a province's worth of capacity history.
 *
 *   node --import tsx bench/capacity-history.ts [--pg URL] [--facilities N] [--explain] [--keep]
 *
 * Creates a throwaway database on the given PostgreSQL, applies the migrations, loads 安徽 (34, 淮北 included),
 * generates organisations and facilities of every type spread over the province's townships, each with 5 capacity
 * periods (the last one open, a few suspended), then times capacityAsOf for the province, 淮北市 and 相山区 on
 * 2020-12-31 (a date inside the history, so every facility's periods must be told apart) and today's periods:
 * median of 5 runs after 1 warm-up. Prints one JSON line per scenario and drops the database.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase, withDatabaseName } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { capacityAsOf } from '../src/domains/providers/queries.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface CapacityHistoryBenchOptions {
  pgUrl?: string;
  facilities?: number;
  explain?: boolean;
  keep?: boolean;
  log?: (line: string) => void;
}

export interface CapacityHistoryBenchResult {
  name: string;
  region: string;
  asOf: string;
  facilities: number;
  periods: number;
  /** Facilities counted on the date in the region. */
  counted: number;
  bedsTotal: number;
  medianMs: number;
  runsMs: number[];
}

const PERIODS_PER_FACILITY = 5;
const SCENARIOS = [
  { name: 'capacity-as-of-province', region: '34', asOf: '2020-12-31' },
  { name: 'capacity-as-of-city', region: '3406', asOf: '2020-12-31' },
  { name: 'capacity-as-of-county', region: '340603', asOf: '2020-12-31' },
  { name: 'capacity-as-of-province-current', region: '34', asOf: '2026-01-15' },
];

async function generate(client: pg.Client, facilities: number, log: (line: string) => void): Promise<number> {
  const organisations = Math.max(1, Math.floor(facilities / 10));
  // Credit codes need only the database's format check here: the API is not in the loop.
  await client.query(
    `INSERT INTO organisation (region_code, uscc, name, ownership, organisation_type)
     SELECT '34', '52' || lpad(g::text, 15, '0') || 'X', 'bench organisation ' || g,
            (ARRAY['public','private','publicly_built_privately_operated'])[1 + g % 3], 'social_organisation'
     FROM generate_series(1, $1::int) g`,
    [organisations],
  );
  await client.query(`
    CREATE TEMP TABLE bench_township AS
      SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code FROM region WHERE level = 'township'`);
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_township');
  if (rows[0].n === 0) throw new Error('no townships loaded');
  await client.query(
    `INSERT INTO facility (region_code, organisation_id, name, facility_type, ownership, address)
     SELECT t.code, o.id, 'bench facility ' || g,
            (ARRAY['care_home','township_care_home','community_elderly_centre','day_care_centre','meal_point',
                   'rural_mutual_aid_home','medical_care_institution','childcare_institution',
                   'kindergarten_toddler_class','community_childcare_point','home_childcare_point'])[1 + g % 11],
            o.ownership, 'bench'
     FROM generate_series(1, $1::int) g
     JOIN bench_township t ON t.n = (hashint4(g) & 2147483647) % $2
     JOIN organisation o ON o.id = 1 + g % $3`,
    [facilities, rows[0].n, organisations],
  );
  log(`facilities ${facilities}`);
  // Five periods a year or so apart, staggered per facility; beds or places grow each period.
  const { rowCount } = await client.query(
    `INSERT INTO facility_capacity (region_code, facility_id, valid_during, operating_status, beds_total,
       beds_nursing, beds_dementia, beds_inclusive, places_young_toddler, places_older_toddler, places_inclusive,
       inclusive, floor_area, grade, medical_integration)
     SELECT f.region_code, f.id,
            daterange(DATE '2017-01-01' + (k * 365 + f.id % 300)::int,
                      CASE WHEN k < $1 - 1 THEN DATE '2017-01-01' + ((k + 1) * 365 + f.id % 300)::int END),
            CASE WHEN k = 2 AND f.id % 17 = 0 THEN 'suspended' ELSE 'operating' END,
            b.beds, b.beds / 2, b.beds / 10, b.beds / 4, p.places, p.places, p.places / 2,
            f.id % 3 = 0, 200 + f.id % 2000, CASE WHEN f.id % 4 > 0 THEN 1 + f.id % 5 END,
            (ARRAY['none','signed_agreement','nursing_station','internal_clinic'])[1 + f.id % 4]
     FROM facility f
     CROSS JOIN generate_series(0, $1 - 1) k
     CROSS JOIN LATERAL (SELECT CASE WHEN f.domain = 'elderly_care' THEN 10 + f.id % 90 + k * 5 ELSE 0 END AS beds) b
     CROSS JOIN LATERAL (SELECT CASE WHEN f.domain = 'childcare' THEN 5 + f.id % 20 + k ELSE 0 END AS places) p`,
    [PERIODS_PER_FACILITY],
  );
  log(`periods ${rowCount}`);
  await client.query('VACUUM ANALYZE organisation');
  await client.query('VACUUM ANALYZE facility');
  await client.query('VACUUM ANALYZE facility_capacity');
  return rowCount ?? 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(options: CapacityHistoryBenchOptions = {}): Promise<CapacityHistoryBenchResult[]> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const facilities = options.facilities ?? 30_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const database = `laoyou_bench_capacity_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      const url = withDatabaseName(adminUrl, database);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      let periods: number;
      try {
        await migrate(client);
        await client.query('BEGIN');
        await loadRegions(client, { prefixes: ['34'] });
        await client.query('COMMIT');
        log('regions loaded');
        periods = await generate(client, facilities, log);
      } finally {
        await client.end();
      }
      const handle = openDatabase(url, 1);
      try {
        const results: CapacityHistoryBenchResult[] = [];
        for (const scenario of SCENARIOS) {
          let summary = await capacityAsOf(handle.db, scenario.region, scenario.asOf);
          const runsMs: number[] = [];
          for (let i = 0; i < 5; i++) {
            const started = process.hrtime.bigint();
            summary = await capacityAsOf(handle.db, scenario.region, scenario.asOf);
            runsMs.push(Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100);
          }
          results.push({
            name: scenario.name,
            region: scenario.region,
            asOf: scenario.asOf,
            facilities,
            periods,
            counted: summary.facilityCounts.reduce((sum, entry) => sum + entry.facilities, 0),
            bedsTotal: summary.totals.bedsTotal,
            medianMs: median(runsMs),
            runsMs,
          });
        }
        if (options.explain) {
          // The shape of the statement capacityAsOf runs, for the county scenario.
          const plan = await handle.pool.query(
            `EXPLAIN (ANALYZE, BUFFERS)
             SELECT f.facility_type, f.ownership, c.operating_status, count(*), sum(c.beds_total)
             FROM facility_capacity c JOIN facility f ON f.region_code = c.region_code AND f.id = c.facility_id
             WHERE c.region_code LIKE '340603%' AND c.valid_during @> DATE '2020-12-31'
             GROUP BY 1, 2, 3`,
          );
          log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
        }
        return results;
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
}

function parseArgs(argv: string[]): CapacityHistoryBenchOptions {
  const options: CapacityHistoryBenchOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const given = inline ?? argv[++i];
      if (given === undefined) throw new Error(`${flag} needs a value`);
      return given;
    };
    if (flag === '--pg') options.pgUrl = value();
    else if (flag === '--facilities') options.facilities = Number(value());
    else if (flag === '--explain') options.explain = true;
    else if (flag === '--keep') options.keep = true;
    else
      throw new Error(`unknown argument ${argv[i]} (usage: capacity-history.ts [--pg URL] [--facilities N])`);
  }
  if (options.facilities !== undefined && !(Number.isInteger(options.facilities) && options.facilities > 0)) {
    throw new Error('--facilities must be a positive integer');
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
