import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Config } from './config.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { openDatabase, withDatabaseName, type DatabaseHandle } from './db/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { DEMO_CITY, DEMO_LOGINS, loadDemoCity } from './demo/demo-city.ts';
import { loadRegions, parseRegionPrefixes } from './domains/regions/load-regions.ts';
import { buildApp, type App } from './server/app.ts';
import { makeDevelopmentKeys, parsePersonalDataKeys, type PersonalDataKeys } from './shared/personal-data.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');
const DATABASE_NAME = 'laoyou';

export interface RunningPlatform {
  url: string;
  app: App;
  database: DatabaseHandle;
  demoLoaded: boolean;
  stop(): Promise<void>;
}

export function personalDataKeysFrom(config: Pick<Config, 'personalDataKeys' | 'personalDataHashKey'>): {
  keys: PersonalDataKeys;
  development: boolean;
} {
  if (config.personalDataKeys && config.personalDataHashKey) {
    return {
      keys: parsePersonalDataKeys(config.personalDataKeys, config.personalDataHashKey),
      development: false,
    };
  }
  if (config.personalDataKeys || config.personalDataHashKey) {
    throw new Error('set both LAOYOU_PERSONAL_DATA_KEYS and LAOYOU_PERSONAL_DATA_HASH_KEY, or neither');
  }
  return { keys: makeDevelopmentKeys(), development: true };
}

/** Everything the main command does: database, migrations, regions, demo city, HTTP server. */
export async function startPlatform(
  config: Config,
  log: (message: string) => void = (message) => console.log(message),
): Promise<RunningPlatform> {
  const prefixes = parseRegionPrefixes(config.regions);
  const { keys, development } = personalDataKeysFrom(config);
  if (development) log('! using development encryption keys: set LAOYOU_PERSONAL_DATA_KEYS in production');
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    let url: string;
    if (config.databaseUrl) {
      url = config.databaseUrl;
    } else {
      cleanups.push(acquireDataDirLock(config.dataDir));
      const clusterDir = path.join(config.dataDir, 'pg');
      if (config.reset) {
        log(`resetting ${clusterDir}`);
        fs.rmSync(clusterDir, { recursive: true, force: true });
      }
      const server: EmbeddedServer = await startEmbeddedPostgres({ clusterDir });
      cleanups.push(() => server.stop());
      await ensureDatabase(server.adminUrl, DATABASE_NAME);
      url = withDatabaseName(server.adminUrl, DATABASE_NAME);
    }
    const database = openDatabase(url);
    cleanups.push(() => database.close());
    const client = await database.pool.connect();
    let demoLoaded = false;
    try {
      await migrate(client);
      await ensureRegionsLoaded(client, prefixes, log);
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM account');
      if (rows[0].n === 0 && config.demo) {
        log('loading the demo city 淮北市 …');
        await ensureRegionsLoaded(client, [DEMO_CITY], log);
        await loadDemoCity(database.db, keys);
        demoLoaded = true;
      }
    } finally {
      client.release();
    }
    const app = await buildApp({
      db: database.db,
      keys,
      clock: () => new Date(),
      webDir: WEB_DIR,
      servedRegions: prefixes === 'all' ? [] : prefixes,
      logLevel: config.logLevel,
    });
    cleanups.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return { url: `http://${config.host}:${port}`, app, database, demoLoaded, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/** Loads the parts of China this deployment serves that are not loaded yet; a later --region adds more. */
export async function ensureRegionsLoaded(
  client: pg.PoolClient,
  prefixes: string[] | 'all',
  log: (message: string) => void,
): Promise<void> {
  const { rows } = await client.query<{ value: string[] | 'all' }>(
    "SELECT value FROM setting WHERE key = 'regions.loaded'",
  );
  const loaded = rows[0]?.value ?? [];
  if (loaded === 'all') return;
  const missing =
    prefixes === 'all' ? 'all' : prefixes.filter((p) => !loaded.some((done) => p.startsWith(done)));
  if (missing !== 'all' && missing.length === 0) return;
  const started = Date.now();
  await client.query('BEGIN');
  try {
    const result = await loadRegions(client, { prefixes: missing });
    const next = missing === 'all' ? 'all' : [...loaded, ...missing];
    await client.query(
      `INSERT INTO setting (key, value) VALUES ('regions.loaded', $1::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify(next)],
    );
    await client.query('COMMIT');
    log(
      `loaded ${result.inserted} regions (${missing === 'all' ? 'all of China' : missing.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export { DEMO_LOGINS };
