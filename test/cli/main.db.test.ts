/**
 * The main command as a user runs it: `node --import tsx src/main.ts` (what `npm start` runs) in a child process,
 * with its own temporary data folder and port. Covers the embedded PostgreSQL life cycle (first start, lock,
 * Ctrl-C, restart, --reset) and DATABASE_URL mode.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withDatabaseName } from '../../src/db/database.ts';
import { adminUrl, dropDatabase, withAdmin } from '../helpers/database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Generous: a first start may build the web console (≈30 s) and initialise a cluster on a busy 2-core VM. */
const READY_TIMEOUT = 240_000;
const STOP_TIMEOUT = 15_000;
const TEST_TIMEOUT = 300_000;
const DEMO_USERNAMES = [
  'city.civil',
  'xiangshan.civil',
  'city.health',
  'city.planning',
  'provider.demo',
  'family.demo',
];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface MainProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  exited: Promise<Exit>;
  exit: Exit | null;
}

const running = new Set<MainProcess>();

/** Starts the main command in its own process group, so that Ctrl-C can be imitated (and cleanup kills all). */
function startMain(args: string[], env: Record<string, string> = {}): MainProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const name of [
    'PORT',
    'HOST',
    'LAOYOU_DATA_DIR',
    'LAOYOU_REGIONS',
    'LAOYOU_PERSONAL_DATA_KEYS',
    'LAOYOU_PERSONAL_DATA_HASH_KEY',
    'NODE_TEST_CONTEXT',
  ]) {
    delete childEnv[name];
  }
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const main: MainProcess = {
    child,
    pid: child.pid!,
    output: () => text,
    exit: null,
    exited: new Promise<Exit>((resolve) => {
      child.on('close', (code, signal) => {
        main.exit = { code, signal };
        running.delete(main);
        resolve(main.exit);
      });
    }),
  };
  running.add(main);
  return main;
}

/** Kills every main command still running (and the PostgreSQL in its process group). */
async function killAll(): Promise<void> {
  const left = [...running];
  for (const main of left) {
    try {
      process.kill(-main.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(
    left.map((main) => within(main.exited, 10_000, 'killed process to exit').catch(() => {})),
  );
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms);
    }),
  ]);
}

async function waitForOutput(main: MainProcess, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = main.output().match(pattern);
    if (match) return match;
    if (main.exit) {
      throw new Error(
        `main command exited (${JSON.stringify(main.exit)}) before printing ${pattern}:\n${main.output()}`,
      );
    }
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms / 1000} s:\n${main.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the "ready" banner and returns the URL it prints. */
async function waitReady(main: MainProcess): Promise<string> {
  await waitForOutput(main, /Press Ctrl-C to stop\./, READY_TIMEOUT);
  return main.output().match(/laoyou is running at (http:\/\/\S+)/)![1];
}

async function stopWith(main: MainProcess, signal: NodeJS.Signals, group: boolean): Promise<Exit> {
  process.kill(group ? -main.pid : main.pid, signal);
  return within(main.exited, STOP_TIMEOUT, `the main command to stop after ${signal}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** PostgreSQL processes whose command line names this data folder's cluster. */
function postgresUsing(dataDir: string): string[] {
  const cluster = path.join(dataDir, 'pg');
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(cluster) && /postgres/.test(line));
}

async function request(
  url: string,
  options: { method?: string; cookie?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; contentType: string; setCookie: string[] }> {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.cookie && { cookie: options.cookie }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (the console's HTML)
  }
  return {
    status: response.status,
    body,
    contentType: response.headers.get('content-type') ?? '',
    setCookie: response.headers.getSetCookie(),
  };
}

async function logIn(baseUrl: string, username: string): Promise<string> {
  const reply = await request(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    body: { username, password: 'laoyou2026' },
  });
  assert.equal(reply.status, 200, `login ${username}: ${JSON.stringify(reply.body)}`);
  const cookie = reply.setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('laoyou_session='));
  assert.ok(cookie, 'login sets the session cookie');
  return cookie;
}

async function assertHealthy(baseUrl: string): Promise<any> {
  const health = await request(`${baseUrl}/api/health`);
  assert.equal(health.status, 200, JSON.stringify(health.body));
  assert.equal(health.body.status, 'ok');
  assert.equal(health.body.database.status, 'up');
  return health.body;
}

async function assertHuaibeiSummary(baseUrl: string, cookie: string): Promise<void> {
  const summary = await request(`${baseUrl}/api/regions/3406/summary`, { cookie });
  assert.equal(summary.status, 200, JSON.stringify(summary.body));
  assert.equal(summary.body.region.name, '淮北市');
  assert.equal(summary.body.countsByLevel.county, 4);
  assert.deepEqual(
    summary.body.children.map((child: { code: string }) => child.code),
    ['340602', '340603', '340604', '340621'],
  );
}

const PERSON_NAME = '重启测试老人';

async function countTestPeople(baseUrl: string, cookie: string): Promise<number> {
  const list = await request(`${baseUrl}/api/people?region=340603&name=${encodeURIComponent(PERSON_NAME)}`, {
    cookie,
  });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.total;
}

after(killAll);

describe('main command: options', () => {
  it('--help prints the options and exits 0', { timeout: 60_000 }, async () => {
    const main = startMain(['--help']);
    const exit = await within(main.exited, 60_000, '--help to exit');
    assert.deepEqual(exit, { code: 0, signal: null }, main.output());
    for (const option of ['--port', '--data', '--region', '--reset', '--no-demo', 'DATABASE_URL']) {
      assert.ok(main.output().includes(option), `help mentions ${option}:\n${main.output()}`);
    }
  });

  it('an unknown flag exits 2 with the help', { timeout: 60_000 }, async () => {
    const main = startMain(['--frobnicate']);
    const exit = await within(main.exited, 60_000, 'the unknown flag to be refused');
    assert.deepEqual(exit, { code: 2, signal: null }, main.output());
    assert.match(main.output(), /frobnicate/);
    assert.match(main.output(), /Usage: npm start/);
    assert.match(main.output(), /--port/);
  });
});

describe('main command with the embedded PostgreSQL', () => {
  let dataDir: string;
  let first: MainProcess;
  let baseUrl: string;
  let oldCookie: string;

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoyou-cli-'));
  });
  after(async () => {
    await killAll();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'on an empty data folder starts PostgreSQL, migrates, loads the demo city and serves it',
    { timeout: TEST_TIMEOUT },
    async () => {
      const port = await freePort();
      first = startMain(['--data', dataDir, '--port', String(port)]);
      baseUrl = await waitReady(first);
      const output = first.output();
      assert.equal(baseUrl, `http://127.0.0.1:${port}`);
      assert.match(output, /loaded \d+ regions \(3406\)/);
      assert.match(output, /loading the demo city 淮北市/);
      assert.match(output, /password for all: laoyou2026/);
      for (const username of DEMO_USERNAMES) assert.ok(output.includes(username), `prints ${username}`);
      assert.ok(
        fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION')),
        'the cluster lives in the data folder',
      );
      assert.equal(fs.readFileSync(path.join(dataDir, 'laoyou.lock'), 'utf8'), String(first.pid));
      assert.equal(postgresUsing(dataDir).length, 1, 'one postmaster on this folder');

      const health = await assertHealthy(baseUrl);
      assert.ok(health.database.migrations >= 1);
      const cookie = await logIn(baseUrl, 'city.civil');
      await assertHuaibeiSummary(baseUrl, cookie);

      const created = await request(`${baseUrl}/api/people`, {
        method: 'POST',
        cookie,
        body: { regionCode: '340603', name: PERSON_NAME, sex: 'female', birthDate: '1941-03-08' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(await countTestPeople(baseUrl, cookie), 1);
      oldCookie = cookie;

      const page = await request(`${baseUrl}/`);
      assert.equal(page.status, 200, `the web console is served at /:\n${first.output()}`);
      assert.match(page.contentType, /text\/html/);
    },
  );

  it(
    'a second process on the same data folder exits non-zero: the folder is in use',
    { timeout: TEST_TIMEOUT },
    async () => {
      assert.ok(first, 'the first process started');
      const second = startMain(['--data', dataDir, '--port', String(await freePort())]);
      const exit = await within(second.exited, READY_TIMEOUT, 'the second process to give up');
      assert.notEqual(exit.code, 0);
      assert.match(second.output(), /in use/);
      assert.ok(second.output().includes(dataDir), second.output());
      assert.ok(second.output().includes(`pid ${first.pid}`), second.output());
      // The first one is unharmed and still owns the folder.
      assert.equal(first.exit, null);
      await assertHealthy(baseUrl);
      assert.equal(fs.readFileSync(path.join(dataDir, 'laoyou.lock'), 'utf8'), String(first.pid));
      assert.equal(postgresUsing(dataDir).length, 1);
    },
  );

  it(
    'Ctrl-C (SIGINT to the process group) stops it cleanly within 15 s',
    { timeout: TEST_TIMEOUT },
    async () => {
      assert.ok(first, 'the first process started');
      const exit = await stopWith(first, 'SIGINT', true);
      assert.deepEqual(exit, { code: 0, signal: null }, first.output());
      assert.match(first.output(), /SIGINT: stopping laoyou/);
      assert.ok(!fs.existsSync(path.join(dataDir, 'laoyou.lock')), 'the lock file is removed');
      assert.ok(!fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'PostgreSQL shut down cleanly');
      assert.deepEqual(postgresUsing(dataDir), [], 'no PostgreSQL left on this folder');
    },
  );

  it('a restart keeps the data and does not reload the demo', { timeout: TEST_TIMEOUT }, async () => {
    const again = startMain(['--data', dataDir, '--port', String(await freePort())]);
    const url = await waitReady(again);
    assert.doesNotMatch(again.output(), /loading the demo city/);
    assert.doesNotMatch(again.output(), /loaded \d+ regions/);
    assert.doesNotMatch(again.output(), /resetting/);
    await assertHealthy(url);
    const me = await request(`${url}/api/auth/me`, { cookie: oldCookie });
    assert.equal(me.status, 200, 'a session from before the restart is still valid');
    const cookie = await logIn(url, 'city.civil');
    await assertHuaibeiSummary(url, cookie);
    assert.equal(await countTestPeople(url, cookie), 1, 'the person registered before the restart is there');

    // A service manager stops it with SIGTERM to the main process alone.
    const exit = await stopWith(again, 'SIGTERM', false);
    assert.deepEqual(exit, { code: 0, signal: null }, again.output());
    assert.ok(!fs.existsSync(path.join(dataDir, 'laoyou.lock')));
    assert.deepEqual(postgresUsing(dataDir), []);
  });

  it('stops cleanly on Ctrl-C after its PostgreSQL has already gone', { timeout: TEST_TIMEOUT }, async () => {
    const main = startMain(['--data', dataDir, '--port', String(await freePort())]);
    const url = await waitReady(main);
    const postmasterPid = Number(
      fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    process.kill(postmasterPid, 'SIGINT');
    const deadline = Date.now() + STOP_TIMEOUT;
    while (postgresUsing(dataDir).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(postgresUsing(dataDir), [], 'PostgreSQL stopped');
    const health = await request(`${url}/api/health`);
    assert.equal(health.status, 503, 'health reports the database down');
    assert.equal(health.body.status, 'degraded');

    const started = Date.now();
    const exit = await stopWith(main, 'SIGINT', false);
    assert.deepEqual(exit, { code: 0, signal: null }, main.output());
    assert.ok(Date.now() - started < 5000, 'it does not wait for an exit that already happened');
    assert.ok(!fs.existsSync(path.join(dataDir, 'laoyou.lock')), 'the lock file is removed');
  });

  it('--reset starts again from an empty database', { timeout: TEST_TIMEOUT }, async () => {
    const reset = startMain(['--data', dataDir, '--port', String(await freePort()), '--reset']);
    const url = await waitReady(reset);
    assert.match(reset.output(), /resetting/);
    assert.match(reset.output(), /loaded \d+ regions \(3406\)/);
    assert.match(reset.output(), /loading the demo city 淮北市/);
    const me = await request(`${url}/api/auth/me`, { cookie: oldCookie });
    assert.equal(me.status, 401, 'sessions from the old database are gone');
    const cookie = await logIn(url, 'city.civil');
    await assertHuaibeiSummary(url, cookie);
    assert.equal(await countTestPeople(url, cookie), 0, 'the person registered before the reset is gone');

    const exit = await stopWith(reset, 'SIGINT', true);
    assert.deepEqual(exit, { code: 0, signal: null }, reset.output());
    assert.ok(!fs.existsSync(path.join(dataDir, 'laoyou.lock')));
    assert.deepEqual(postgresUsing(dataDir), []);
  });
});

describe('main command with DATABASE_URL', () => {
  const admin = adminUrl();
  const database = `laoyou_cli_${crypto.randomBytes(5).toString('hex')}`;
  const dataDir = path.join(os.tmpdir(), `laoyou-cli-unused-${crypto.randomBytes(5).toString('hex')}`);
  let created = false;

  before(async () => {
    await withAdmin(admin, (client) => client.query(`CREATE DATABASE "${database}"`));
    created = true;
  });
  after(async () => {
    await killAll();
    if (created) await dropDatabase(admin, database);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses that PostgreSQL and creates no data folder', { timeout: TEST_TIMEOUT }, async () => {
    const main = startMain(['--data', dataDir, '--port', String(await freePort())], {
      DATABASE_URL: withDatabaseName(admin, database),
    });
    const url = await waitReady(main);
    assert.match(main.output(), /loading the demo city 淮北市/);
    const health = await assertHealthy(url);
    const version = await withAdmin(admin, (client) => client.query('SHOW server_version'));
    assert.equal(health.database.serverVersion, version.rows[0].server_version);
    const tables = await withAdmin(withDatabaseName(admin, database), (client) =>
      client.query<{ n: number }>('SELECT count(*)::int AS n FROM account WHERE username = ANY($1)', [
        DEMO_USERNAMES,
      ]),
    );
    assert.equal(tables.rows[0].n, DEMO_USERNAMES.length, 'the demo accounts are in the given database');
    const cookie = await logIn(url, 'city.civil');
    await assertHuaibeiSummary(url, cookie);
    assert.ok(!fs.existsSync(dataDir), 'no data folder is created');

    const exit = await stopWith(main, 'SIGINT', true);
    assert.deepEqual(exit, { code: 0, signal: null }, main.output());
    assert.ok(!fs.existsSync(dataDir), 'no data folder is created');
  });
});
