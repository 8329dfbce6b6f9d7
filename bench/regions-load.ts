/**
 * Times loading all of China's administrative divisions into a fresh database.
 *
 *   node --import tsx bench/regions-load.ts [--pg postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Creates a throwaway database on the given server, applies the migrations, runs loadRegions('all') in one
 * transaction, prints {"name":"regions-load-all","rows":…,"seconds":…} and drops the database.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { migrate } from '../src/db/migrate.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface RegionsLoadBenchResult {
  name: 'regions-load-all';
  rows: number;
  seconds: number;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function run(options: { pgUrl?: string } = {}): Promise<RegionsLoadBenchResult> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const database = `laoyou_bench_regions_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      const client = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
      await client.connect();
      try {
        await migrate(client);
        const started = process.hrtime.bigint();
        await client.query('BEGIN');
        const result = await loadRegions(client, { prefixes: 'all' });
        await client.query('COMMIT');
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        return {
          name: 'regions-load-all',
          rows: result.inserted,
          seconds: Math.round(seconds * 1000) / 1000,
        };
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

function parseArgs(argv: string[]): { pgUrl?: string } {
  const options: { pgUrl?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--pg') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--pg needs a PostgreSQL URL');
      options.pgUrl = value;
    } else if (arg.startsWith('--pg=')) {
      options.pgUrl = arg.slice('--pg='.length);
    } else {
      throw new Error(`unknown argument ${arg} (usage: regions-load.ts [--pg URL])`);
    }
  }
  return options;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run(parseArgs(process.argv.slice(2))).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
