/**
 * Times the first page of the people list over a large registry (issue target: a list filtered by region subtree
 * and condition over 5,000,000 persons returns its first page in ≤100 ms).
 *
 *   node --import tsx bench/people-list.ts [--pg URL] [--persons N] [--regions 34] [--explain] [--keep]
 *
 * Creates a throwaway database on the given PostgreSQL, applies the migrations, loads the regions (all of Anhui by
 * default, so a city is a realistic share of the rows), generates persons in SQL (random villages and birth dates,
 * ~10% with a live condition, some with ended ones; ID number columns left empty), then times listPeople — the
 * query the route runs, page and capped total together — for each scenario: median of 5 runs after 1 warm-up.
 * Prints one JSON line per scenario and drops the database.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase, withDatabaseName } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import {
  listPeople,
  peopleCountQuery,
  peoplePageQuery,
  type PeopleListFilter,
} from '../src/domains/people/queries.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PeopleListBenchOptions {
  pgUrl?: string;
  persons?: number;
  /** Region prefixes to load (province, city or county codes). */
  regions?: string[];
  explain?: boolean;
  /** Leave the database in place (for studying plans); its name is logged. */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface PeopleListBenchResult {
  name: string;
  persons: number;
  filter: Omit<PeopleListFilter, 'on'>;
  pageRows: number;
  total: number;
  medianMs: number;
  runsMs: number[];
  targetMs: number;
  met: boolean;
}

const TARGET_MS = 100;
const ON = '2026-01-15';

const SCENARIOS: { name: string; filter: Omit<PeopleListFilter, 'on'> }[] = [
  { name: 'people-list-city-condition', filter: { region: '3406', condition: 'minimum_living_allowance' } },
  { name: 'people-list-county-condition', filter: { region: '340603', condition: 'dementia' } },
  {
    name: 'people-list-township-living-situation',
    filter: { region: '340603001', livingSituation: 'alone' },
  },
  {
    name: 'people-list-city-rare-condition',
    filter: { region: '3406', condition: 'family_planning_special' },
  },
  {
    name: 'people-list-county-condition-age-band',
    filter: { region: '340603', condition: 'disability', ageFrom: 80, ageTo: 89 },
  },
];

async function generatePersons(client: pg.Client, persons: number, log: (line: string) => void) {
  await client.query(`
    CREATE TEMP TABLE bench_village AS
      SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code FROM region WHERE level = 'village'`);
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_village');
  const villages = rows[0].n;
  if (villages === 0) throw new Error('no villages loaded');
  // Secondary indexes are built once after loading rather than maintained row by row: same indexes, faster load.
  const { rows: indexes } = await client.query<{ name: string; def: string }>(`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname = 'person' AND NOT x.indisprimary AND NOT x.indisunique`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  const batch = 1_000_000;
  for (let start = 1; start <= persons; start += batch) {
    const end = Math.min(persons, start + batch - 1);
    // 80% elders born 1925–1965, 20% young children born in the three years before ON.
    await client.query(
      `INSERT INTO person (region_code, name, sex, birth_date, address, living_situation,
                           capability_level, capability_assessed_on)
       SELECT v.code,
              (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙'])[1 + (g % 12)::int]
                || (ARRAY['秀英','桂兰','玉兰','建国','德明','文华','淑珍','国强','春梅','志刚'])[1 + ((g / 12) % 10)::int],
              CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
              CASE WHEN g % 5 = 0 THEN DATE '${ON}' - (1 + (g * 7919) % 1090)::int
                   ELSE DATE '1925-01-01' + ((g * 104729) % 14600)::int END,
              '演示路' || g || '号',
              CASE WHEN g % 5 = 0 THEN NULL
                   ELSE (ARRAY[NULL,'alone','empty_nest','left_behind','with_family','with_family'])[1 + ((g / 5) % 6)::int] END,
              CASE WHEN g % 3 = 0 THEN ((g / 3) % 5)::smallint END,
              CASE WHEN g % 3 = 0 THEN DATE '2025-01-01' + (g % 365)::int END
       FROM generate_series($1::bigint, $2::bigint) AS g
       JOIN bench_village v ON v.n = (hashint8(g) & 2147483647) % $3`,
      [start, end, villages],
    );
    log(`persons ${end}/${persons}`);
  }
  for (const index of indexes) await client.query(index.def);
  // ~10% of persons hold a live condition, weighted towards the common kinds; 2% more have an ended one.
  await client.query(`
    INSERT INTO person_condition (region_code, person_id, kind, disability_grade, valid_from, source)
    SELECT region_code, id, k.kind, CASE WHEN k.kind = 'disability' THEN 1 + id % 4 END,
           DATE '2021-01-01' + (id % 1500)::int, 'bench'
    FROM person
    CROSS JOIN LATERAL (SELECT (ARRAY['minimum_living_allowance','minimum_living_allowance','minimum_living_allowance',
                                      'low_income','low_income','disability','disability','dementia',
                                      'extreme_poverty','family_planning_special'])[1 + ((id / 10) % 10)::int] AS kind) k
    WHERE id % 10 = 3`);
  await client.query(`
    INSERT INTO person_condition (region_code, person_id, kind, disability_grade, valid_from, valid_to, source)
    SELECT region_code, id, 'low_income', NULL, DATE '2015-01-01', DATE '2020-06-30', 'bench'
    FROM person WHERE id % 50 = 7`);
  log('conditions loaded');
  await client.query('VACUUM ANALYZE person');
  await client.query('VACUUM ANALYZE person_condition');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(options: PeopleListBenchOptions = {}): Promise<PeopleListBenchResult[]> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const persons = options.persons ?? 5_000_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const database = `laoyou_bench_people_${crypto.randomBytes(4).toString('hex')}`;
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
        await loadRegions(client, { prefixes: options.regions ?? ['34'] });
        await client.query('COMMIT');
        log('regions loaded');
        await generatePersons(client, persons, log);
      } finally {
        await client.end();
      }
      const handle = openDatabase(url, 1);
      try {
        const results: PeopleListBenchResult[] = [];
        for (const scenario of SCENARIOS) {
          const filter = { ...scenario.filter, on: ON };
          if (options.explain) {
            for (const query of [
              peoplePageQuery(handle.db, filter, { limit: 20 }),
              peopleCountQuery(handle.db, filter),
            ]) {
              const compiled = query.compile();
              const plan = await handle.pool.query(
                `EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`,
                compiled.parameters as unknown[],
              );
              log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
            }
          }
          const runsMs: number[] = [];
          let page = await listPeople(handle.db, filter, { limit: 20 });
          for (let i = 0; i < 5; i++) {
            const started = process.hrtime.bigint();
            page = await listPeople(handle.db, filter, { limit: 20 });
            runsMs.push(Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100);
          }
          const medianMs = median(runsMs);
          results.push({
            name: scenario.name,
            persons,
            filter: scenario.filter,
            pageRows: page.rows.length,
            total: page.total,
            medianMs,
            runsMs,
            targetMs: TARGET_MS,
            met: medianMs <= TARGET_MS,
          });
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

function parseArgs(argv: string[]): PeopleListBenchOptions {
  const options: PeopleListBenchOptions = {};
  const value = (i: number, flag: string) => {
    const given = argv[i];
    if (given === undefined) throw new Error(`${flag} needs a value`);
    return given;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--pg') options.pgUrl = value(++i, arg);
    else if (arg === '--persons') options.persons = Number(value(++i, arg));
    else if (arg === '--regions') options.regions = value(++i, arg).split(',');
    else if (arg === '--explain') options.explain = true;
    else if (arg === '--keep') options.keep = true;
    else
      throw new Error(
        `unknown argument ${arg} (usage: people-list.ts [--pg URL] [--persons N] [--regions 34])`,
      );
  }
  if (options.persons !== undefined && !(Number.isInteger(options.persons) && options.persons > 0)) {
    throw new Error('--persons must be a positive integer');
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
