import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, withDatabaseName, type DatabaseHandle } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadRegions } from '../../src/domains/regions/load-regions.ts';

/**
 * Each test file gets its own database, copied from a template that is already migrated and holds 淮北市's
 * regions: copying takes a fraction of a second, migrating and loading would take seconds.
 * scripts/run-tests.ts prepares the template once per run and passes it in the environment; a test file run on its
 * own builds a template on the machine's PostgreSQL (LAOYOU_TEST_ADMIN_URL or 127.0.0.1:5432).
 */
export const TEMPLATE_REGIONS = ['3406'];

export function adminUrl(): string {
  return process.env.LAOYOU_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

let templateReady: Promise<string> | undefined;

export function templateName(): Promise<string> {
  if (process.env.LAOYOU_TEST_TEMPLATE) return Promise.resolve(process.env.LAOYOU_TEST_TEMPLATE);
  templateReady ??= (async () => {
    const name = `laoyou_tpl_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    await buildTemplate(adminUrl(), name);
    process.once('exit', () => {
      // best effort: a template left behind by a killed run is dropped by the next run's cleanup
    });
    return name;
  })();
  return templateReady;
}

export async function buildTemplate(admin: string, name: string): Promise<void> {
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
  const client = new pg.Client({ connectionString: withDatabaseName(admin, name) });
  await client.connect();
  try {
    await migrate(client);
    await client.query('BEGIN');
    await loadRegions(client, { prefixes: TEMPLATE_REGIONS });
    await client.query(`INSERT INTO setting (key, value) VALUES ('regions.loaded', $1::jsonb)`, [
      JSON.stringify(TEMPLATE_REGIONS),
    ]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await templateName();
  const name = `laoyou_t_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl(), (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = withDatabaseName(adminUrl(), name);
  const handle = openDatabase(url, 5);
  return {
    ...handle,
    url,
    name,
    drop: async () => {
      await handle.close();
      await dropDatabase(adminUrl(), name);
    },
  };
}

export async function dropDatabase(admin: string, name: string): Promise<void> {
  await withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function withAdmin<T>(admin: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
