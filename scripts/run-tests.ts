/**
 * The whole test suite: unit tests, integration tests against a real PostgreSQL (the embedded server, or
 * `--pg URL` for an external one), and browser tests. Usage:
 *   npm test                       all suites on the embedded PostgreSQL
 *   npm test -- --suite db         one suite (unit | db | browser), repeatable
 *   npm test -- --pg postgres://postgres@127.0.0.1:5432/postgres --suite db
 *   npm test -- src/shared         only test files whose path contains this text
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { buildTemplate, dropDatabase, withAdmin } from '../test/helpers/database.ts';
import { ensureWebBuilt } from '../test/helpers/server.ts';

type Suite = 'unit' | 'db' | 'browser';
const ROOT = path.resolve(import.meta.dirname, '..');

function suiteOf(file: string): Suite {
  if (file.endsWith('.browser.test.ts')) return 'browser';
  if (file.endsWith('.db.test.ts')) return 'db';
  return 'unit';
}

function findTests(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, found);
    else if (entry.name.endsWith('.test.ts')) found.push(path.relative(ROOT, full));
  }
  return found;
}

function runNodeTests(files: string[], env: NodeJS.ProcessEnv, concurrency: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
      { cwd: ROOT, env, stdio: 'inherit' },
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { suite: { type: 'string', multiple: true }, pg: { type: 'string' } },
    allowPositionals: true,
  });
  const suites = new Set<Suite>((values.suite as Suite[] | undefined) ?? ['unit', 'db', 'browser']);
  const all = findTests(path.join(ROOT, 'src')).concat(findTests(path.join(ROOT, 'test')));
  const chosen = all.filter(
    (file) =>
      suites.has(suiteOf(file)) && (positionals.length === 0 || positionals.some((p) => file.includes(p))),
  );
  const bySuite = (suite: Suite) => chosen.filter((file) => suiteOf(file) === suite).sort();
  let failed = 0;

  const unit = bySuite('unit');
  if (unit.length > 0) {
    console.log(`\n=== unit tests (${unit.length} files) ===`);
    failed += (await runNodeTests(unit, process.env, 2)) === 0 ? 0 : 1;
  }

  const needsDb = [...bySuite('db'), ...bySuite('browser')];
  if (needsDb.length > 0) {
    let admin = values.pg;
    let stopEmbedded: (() => Promise<void>) | undefined;
    if (!admin) {
      const clusterDir = path.join(ROOT, '.test-data', `pg-${process.pid}`);
      const server = await startEmbeddedPostgres({ clusterDir, ephemeral: true });
      admin = server.adminUrl;
      stopEmbedded = async () => {
        await server.stop();
        fs.rmSync(clusterDir, { recursive: true, force: true });
      };
      console.log(`\n(embedded PostgreSQL for tests on port ${server.port})`);
    } else {
      const version = await withAdmin(admin, (c) => c.query('SHOW server_version'));
      console.log(`\n(external PostgreSQL ${version.rows[0].server_version})`);
    }
    const template = `laoyou_tpl_${crypto.randomBytes(4).toString('hex')}`;
    try {
      await buildTemplate(admin, template);
      // A test that wants the scheduler running in the main command sets LAOYOU_SCHEDULER itself.
      const env = {
        ...process.env,
        LAOYOU_TEST_ADMIN_URL: admin,
        LAOYOU_TEST_TEMPLATE: template,
        LAOYOU_SCHEDULER: 'off',
      };
      const db = bySuite('db');
      if (db.length > 0) {
        console.log(`\n=== integration tests (${db.length} files) ===`);
        failed += (await runNodeTests(db, env, 2)) === 0 ? 0 : 1;
      }
      const browser = bySuite('browser');
      if (browser.length > 0) {
        ensureWebBuilt();
        console.log(`\n=== browser tests (${browser.length} files) ===`);
        failed += (await runNodeTests(browser, env, 1)) === 0 ? 0 : 1;
      }
    } finally {
      await dropDatabase(admin, template).catch(() => {});
      await stopEmbedded?.();
    }
  }
  if (chosen.length === 0) console.log('no test files matched');
  console.log(failed === 0 ? '\nall test suites passed' : `\n${failed} test suite(s) failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
