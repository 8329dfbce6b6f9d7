/**
 * Times the main command (`node --import tsx src/main.ts`, what `npm start` runs) from spawn until
 * GET /api/health answers 200:
 *   startup-cold  an empty data folder: initdb, migrations, 淮北市's regions, the demo city
 *   startup-warm  a restart on that folder: PostgreSQL starts on existing files, nothing to load
 *
 *   node --import tsx bench/startup.ts [--repeats 3]
 *
 * Each is repeated (3 times by default); prints one JSON line per benchmark with every sample, the best and the
 * median in seconds. The web console is brought up to date first so that a console build is not timed (a sample
 * during which the command rebuilt it anyway, because its sources changed meanwhile, is discarded). Every
 * child is stopped (or killed) and every temporary data folder removed, also when a run fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWebConsole } from '../src/platform.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

export interface StartupBenchResult {
  name: 'startup-cold' | 'startup-warm';
  runs: number;
  /** Seconds from spawning the command until /api/health answered 200, per run. */
  samples: number[];
  best: number;
  median: number;
  /** Median of the "ready in … s" the command prints itself (without Node/tsx start-up and the health probe). */
  medianSelfReported: number;
  postgres: string;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

// Whatever happens (an exception, Ctrl-C on the bench), no main command or PostgreSQL outlives the bench.
// The children run in their own process groups, so a Ctrl-C on the bench does not reach them by itself.
process.on('exit', () => children.forEach(killGroup));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    children.forEach(killGroup);
    process.exit(130);
  });
}

function spawnMain(dataDir: string, port: number): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of [
    'DATABASE_URL',
    'PORT',
    'HOST',
    'LAOYOU_DATA_DIR',
    'LAOYOU_REGIONS',
    'NODE_TEST_CONTEXT',
  ]) {
    delete env[name];
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--data', dataDir, '--port', String(port)],
    { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => text, exited };
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One start: seconds until health answers 200; then a clean stop (SIGINT, as Ctrl-C). */
interface Sample {
  seconds: number;
  selfReported: number;
  postgres: string;
  /** The command rebuilt the web console (its sources changed meanwhile): not a start-up time. */
  consoleBuilt: boolean;
}

async function timeStart(dataDir: string): Promise<Sample> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const main = spawnMain(dataDir, port);
  let exitCode: number | null | undefined;
  void main.exited.then((code) => (exitCode = code));
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let postgres = '';
    for (;;) {
      if (exitCode !== undefined) throw new Error(`main command exited with ${exitCode}:\n${main.output()}`);
      if (Date.now() > deadline)
        throw new Error(`not healthy within ${READY_TIMEOUT_MS / 1000} s:\n${main.output()}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.status === 200) {
          const body = (await response.json()) as { database: { serverVersion: string } };
          postgres = body.database.serverVersion;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // The banner follows listen() by a moment.
    for (let i = 0; i < 100 && !/ready in/.test(main.output()); i++) await sleep(20);
    const selfReported = Number(main.output().match(/ready in ([\d.]+) s/)?.[1] ?? NaN);
    process.kill(-main.child.pid!, 'SIGINT');
    const code = await Promise.race([main.exited, sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const)]);
    if (code !== 0) throw new Error(`main command did not stop cleanly (${code}):\n${main.output()}`);
    const consoleBuilt = /built the web console|building the web console/.test(main.output());
    return { seconds, selfReported, postgres, consoleBuilt };
  } finally {
    if (children.has(main.child)) {
      killGroup(main.child);
      await Promise.race([main.exited, sleep(5000)]);
    }
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarise(name: StartupBenchResult['name'], runs: Sample[]): StartupBenchResult {
  const samples = runs.map((r) => round(r.seconds));
  return {
    name,
    runs: runs.length,
    samples,
    best: Math.min(...samples),
    median: round(median(samples)),
    medianSelfReported: round(median(runs.map((r) => r.selfReported))),
    postgres: runs[0]?.postgres ?? '',
  };
}

export async function run(options: { repeats?: number } = {}): Promise<StartupBenchResult[]> {
  const repeats = options.repeats ?? 3;
  ensureWebConsole((message) => console.error(message));
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'laoyou-bench-startup-'));
  try {
    // A sample during which the command had to rebuild the console is discarded and taken again (a few times).
    const sample = async (dataDir: (attempt: number) => string): Promise<Sample[]> => {
      const kept: Sample[] = [];
      for (let attempt = 0; kept.length < repeats && attempt < repeats * 2; attempt++) {
        const result = await timeStart(dataDir(attempt));
        if (result.consoleBuilt) console.error('(discarded a sample that rebuilt the web console)');
        else kept.push(result);
      }
      if (kept.length === 0)
        throw new Error('every start rebuilt the web console: are its sources changing?');
      return kept;
    };
    const coldDirs: string[] = [];
    const cold = await sample((attempt) => {
      coldDirs.push(path.join(base, `cold-${attempt}`));
      return coldDirs[attempt];
    });
    const warmDir = coldDirs[coldDirs.length - 1];
    const warm = await sample(() => warmDir);
    return [summarise('startup-cold', cold), summarise('startup-warm', warm)];
  } finally {
    children.forEach(killGroup);
    fs.rmSync(base, { recursive: true, force: true });
  }
}

function parseArgs(argv: string[]): { repeats?: number } {
  const options: { repeats?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--repeats') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error('--repeats needs a positive whole number');
      options.repeats = value;
    } else {
      throw new Error(`unknown argument ${argv[i]} (usage: startup.ts [--repeats N])`);
    }
  }
  return options;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run(parseArgs(process.argv.slice(2))).then(
    (results) => results.forEach((result) => console.log(JSON.stringify(result))),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
