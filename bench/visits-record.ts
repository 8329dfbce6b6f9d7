/**
 * The recording part of the visits benchmark (issue 5: ≤ 50 ms at p99 with 200 concurrent workers): 200 worker
 * sessions post door visits to the real HTTP server, from a separate process (bench/visits-load.ts). Besides the
 * latencies it reports the server's CPU per visit (Node and the PostgreSQL backends), which, unlike latency, does
 * not depend on what else the machine is doing.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { inTransaction, type Db } from '../src/db/database.ts';
import { createSession } from '../src/domains/accounts/queries.ts';
import { newSecret } from '../src/domains/accounts/secrets.ts';
import { buildApp, SESSION_COOKIE } from '../src/server/app.ts';
import { makeDevelopmentKeys } from '../src/shared/personal-data.ts';
import type { LoadJob, LoadResult } from './visits-load.ts';

const WORKERS = 200;
const LOAD_SCRIPT = fileURLToPath(new URL('./visits-load.ts', import.meta.url));

/** CPU milliseconds each of the database's server connections has used so far (Linux /proc), by process id. */
async function backendCpuMs(pool: pg.Pool, database: string): Promise<Map<number, number>> {
  // The server's connections (the probe's own is one of them), not autovacuum working on the freshly loaded tables.
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
    [database],
  );
  const used = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // utime and stime, fields 14 and 15, follow the parenthesised command name.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // USER_HZ is 100 on Linux
    } catch {
      // A backend that ended in between used no more CPU for us.
    }
  }
  return used;
}

/**
 * CPU used between two readings: per connection, so that a pool connection closed meanwhile (idle timeout) does not
 * subtract what it had used before (its last minutes are lost: a slight undercount).
 */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

function inChild(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_SCRIPT, [], { execArgv: ['--import', 'tsx'] });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load process exited with ${code}`));
    });
    child.send(job);
  });
}

export interface RecordingBenchInput {
  db: Db;
  pool: pg.Pool;
  database: string;
  targets: number;
  /** Visits each of the 200 workers records flat out (half as many at a worker's pace). */
  requests: number;
  /** The server's clock; the visits are made an hour before it. */
  now: Date;
  log: (line: string) => void;
}

export async function recordingBench(input: RecordingBenchInput) {
  const { db, pool, database, targets, requests, now, log } = input;
  // 200 workers with their own sessions and targets, on the real HTTP server.
  const workers = await pool.query<{ account_id: number; persons: number[] }>(
    `SELECT worker_account_id AS account_id, (array_agg(person_id ORDER BY person_id))[1:50] AS persons
       FROM visit_target GROUP BY worker_account_id ORDER BY worker_account_id LIMIT $1`,
    [WORKERS],
  );
  const sessions = await inTransaction(db, async (tx) =>
    Promise.all(
      workers.rows.map(async (worker) => {
        const token = newSecret('lys_');
        await createSession(tx, worker.account_id, token, new Date(), { ip: null, userAgent: 'bench' });
        return { cookie: `${SESSION_COOKIE}=${token}`, persons: worker.persons.map(Number) };
      }),
    ),
  );
  const app = await buildApp({
    db,
    keys: makeDevelopmentKeys(),
    clock: () => now,
    webDir: null,
    servedRegions: ['3406'],
    logLevel: 'silent',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const startedAt = new Date(now.getTime() - 3_600_000).toISOString();
  const endedAt = new Date(now.getTime() - 2_100_000).toISOString();
  const scenario = async (count: number, perWorker: number, paceMs: [number, number] | null) => {
    const nodeBefore = process.cpuUsage();
    const pgBefore = await backendCpuMs(pool, database);
    const load = await inChild({
      baseUrl,
      sessions: sessions.slice(0, count),
      requests: perWorker,
      paceMs,
      startedAt,
      endedAt,
    });
    const node = process.cpuUsage(nodeBefore);
    const pgMs = cpuBetween(pgBefore, await backendCpuMs(pool, database));
    return {
      targets,
      workers: count,
      ...load,
      serverNodeCpuMsPerVisit: Math.round(((node.user + node.system) / 1000 / load.requests) * 100) / 100,
      serverPgCpuMsPerVisit: Math.round((pgMs / load.requests) * 100) / 100,
      targetP99Ms: 50,
      met: load.p99Ms <= 50,
    };
  };
  const results = [];
  try {
    await scenario(20, 5, null); // warm-up
    // One worker alone: the service time of a request without any queueing.
    const alone = await scenario(1, 100, null);
    results.push({ name: 'visits-record-one-worker', ...alone });
    log(`one worker: ${JSON.stringify(alone)}`);
    const flat = await scenario(sessions.length, requests, null);
    results.push({ name: 'visits-record-flat-out', ...flat });
    log(`flat out: ${JSON.stringify(flat)}`);
    const paced = await scenario(sessions.length, Math.max(5, Math.round(requests / 2)), [1000, 3000]);
    results.push({ name: 'visits-record-paced', ...paced });
    log(`paced: ${JSON.stringify(paced)}`);
  } finally {
    await app.close();
  }
  return results;
}
