/**
 * Times loading the demo city into a fresh, migrated database holding 淮北市's regions (targets: the full demo, what
 * the main command loads on first start, in under ~10 s on a 2-core machine; the small one every test server
 * loads in under ~1.5 s).
 *
 *   node --import tsx bench/demo-city.ts [--pg postgres://postgres@127.0.0.1:5432/postgres] [--runs 3]
 *
 * For each size: a throwaway database per run (migrated, 3406's regions loaded, not timed), then loadDemoCity on it
 * in one transaction, timed, with its planning and writing parts; prints one JSON line per size and drops the
 * databases.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase, withDatabaseName } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { DEMO_CITY, loadDemoCity, type DemoSummary } from '../src/demo/demo-city.ts';
import type { DemoSizeName } from '../src/demo/demo-size.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';
import { makeDevelopmentKeys } from '../src/shared/personal-data.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const TARGET_SECONDS: Record<DemoSizeName, number> = { full: 10, small: 1.5 };

export interface DemoCityBenchResult {
  name: string;
  samples: number[];
  best: number;
  median: number;
  targetSeconds: number;
  met: boolean;
  planningMs: number;
  writingMs: number;
  persons: number;
  facilities: number;
  staff: number;
  filings: number;
}

async function loadOnce(
  adminUrl: string,
  size: DemoSizeName,
): Promise<{ seconds: number; summary: DemoSummary }> {
  const name = `laoyou_bench_demo_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const client = new pg.Client({ connectionString: withDatabaseName(adminUrl, name) });
      await client.connect();
      try {
        await migrate(client);
        await client.query('BEGIN');
        await loadRegions(client, { prefixes: [DEMO_CITY] });
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      const database = openDatabase(withDatabaseName(adminUrl, name), 2);
      try {
        const started = process.hrtime.bigint();
        const summary = await loadDemoCity(database.db, makeDevelopmentKeys(), { size });
        return { seconds: Number(process.hrtime.bigint() - started) / 1e9, summary };
      } finally {
        await database.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

export async function run(options: { pgUrl?: string; runs?: number } = {}): Promise<DemoCityBenchResult[]> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const results: DemoCityBenchResult[] = [];
  for (const size of ['small', 'full'] as const) {
    const samples: number[] = [];
    let last: DemoSummary | undefined;
    for (let i = 0; i < (options.runs ?? 3); i++) {
      const { seconds, summary } = await loadOnce(adminUrl, size);
      samples.push(Math.round(seconds * 1000) / 1000);
      last = summary;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    results.push({
      name: `demo-city-${size}`,
      samples,
      best: sorted[0],
      median,
      targetSeconds: TARGET_SECONDS[size],
      met: median <= TARGET_SECONDS[size],
      planningMs: last!.planningMs,
      writingMs: last!.writingMs,
      persons: last!.persons,
      facilities: last!.facilities,
      staff: last!.staff,
      filings: last!.filings,
    });
  }
  return results;
}

function parseArgs(argv: string[]): { pgUrl?: string; runs?: number } {
  const options: { pgUrl?: string; runs?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--pg' || arg === '--runs') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === '--pg') options.pgUrl = value;
      else options.runs = Number(value);
    } else {
      throw new Error(`unknown argument ${arg} (usage: demo-city.ts [--pg URL] [--runs N])`);
    }
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
