// The in-process scheduler of caring visits: syncs each district's roster from the registry rules once a China day
// and generates each month's tasks at the month's first pass, catching up months missed while the platform was
// down. A PostgreSQL advisory lock held for the whole pass keeps a second app instance from doing the same work; the
// run records (visit_job_run) make a pass that finds everything done do nothing.
import type pg from 'pg';
import type { Db } from '../../db/database.ts';
import { chinaDate } from '../people/dates.ts';
import { syncRoster } from './roster.ts';
import { districtsBySize, generateMonth, inParallel, runJob, type RunReport } from './scheduler-jobs.ts';
import { dueWork } from './scheduler-plan.ts';
import { lastRuns } from './scheduler-runs.ts';
import { topUpMonthTasks } from './topup.ts';

/** pg_try_advisory_lock key of the caring-visit scheduler (migrations use another). */
export const SCHEDULER_LOCK_KEY = 7_351_202_605;

export interface SchedulerOptions {
  db: Db;
  /** The same database's pool: the lock is held on a connection of its own for the whole pass. */
  pool: pg.Pool;
  /** Injected so that tests can put the scheduler on any day. */
  clock: () => Date;
  /** Region codes this deployment serves; empty means all of China. */
  servedRegions: string[];
  /** How often a pass looks for due work; the first pass runs at start. */
  intervalMs?: number;
  /** Districts worked on at once, each in its own transaction and connection. */
  concurrency?: number;
  log?: (message: string) => void;
}

export interface PassReport {
  /** False when another instance held the lock, so this pass did nothing. */
  ran: boolean;
  runs: RunReport[];
}

export interface VisitScheduler {
  /** Starts the first pass at once (its outcome is returned for whoever waits) and then one every interval. */
  start(): Promise<PassReport | null>;
  /** Stops the timer and waits for a pass under way, which stops between districts. */
  stop(): Promise<void>;
  /** One pass now: what start() does at once and then on every interval. */
  runOnce(): Promise<PassReport>;
}

export function createVisitScheduler(options: SchedulerOptions): VisitScheduler {
  const { db, pool, clock, servedRegions } = options;
  const intervalMs = options.intervalMs ?? 10 * 60_000;
  const concurrency = options.concurrency ?? 2;
  const log = options.log ?? (() => {});
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<PassReport> | null = null;
  let stopping = false;
  const keepGoing = () => !stopping;

  async function work(): Promise<RunReport[]> {
    const today = chinaDate(clock());
    const districts = await districtsBySize(db, servedRegions);
    const last = await lastRuns(db, districts);
    const due = new Map(districts.map((code) => [code, dueWork(last.get(code)!, today)]));
    const reports = await inParallel(
      districts.filter((code) => due.get(code)!.syncRoster),
      concurrency,
      (district) =>
        runJob(db, clock, district, 'roster_sync', today, async (tx) => {
          const synced = await syncRoster(tx, district, today, null);
          // An elder who joins the roster mid-month is owed this month's visit once the month's tasks exist.
          return { ...synced, created: await topUpMonthTasks(tx, district, today, synced.entered) };
        }),
      keepGoing,
    );
    // Month by month, so that a district whose earlier month failed is not given a later one: the next pass
    // retries it first.
    const failed = new Set<string>();
    const months = [...new Set([...due.values()].flatMap((d) => d.months))].sort();
    for (const month of months) {
      if (stopping) break;
      const owing = districts.filter((code) => due.get(code)!.months.includes(month) && !failed.has(code));
      const generated = await generateMonth(db, clock, owing, month, concurrency, keepGoing);
      for (const report of generated) if (report.outcome === 'failed') failed.add(report.district);
      reports.push(...generated);
    }
    return reports;
  }

  async function pass(): Promise<PassReport> {
    const connection = await pool.connect();
    // The connection sits idle while the districts work on others; losing the server then must end the pass with
    // an error, not the process (a checked-out client's 'error' event has no other listener).
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    connection.on('error', onError);
    try {
      const lock = await connection.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
        SCHEDULER_LOCK_KEY,
      ]);
      if (!lock.rows[0]!.ok) return { ran: false, runs: [] };
      try {
        const runs = await work();
        for (const run of runs.filter((r) => r.outcome === 'failed')) {
          log(`visits scheduler: ${run.job} ${run.period} of ${run.district} failed: ${run.error}`);
        }
        return { ran: true, runs };
      } finally {
        if (!lost) await connection.query('SELECT pg_advisory_unlock($1::bigint)', [SCHEDULER_LOCK_KEY]);
      }
    } finally {
      connection.removeListener('error', onError);
      connection.release(lost);
    }
  }

  function runOnce(): Promise<PassReport> {
    // Passes never overlap within one instance: a slow pass delays the next one instead of racing it.
    const next = (current ?? Promise.resolve(null)).catch(() => null).then(() => pass());
    current = next;
    return next;
  }

  function passThenWait(): Promise<PassReport | null> {
    return runOnce()
      .catch((error: unknown) => {
        log(`visits scheduler: pass failed: ${(error as Error).message}`);
        return null;
      })
      .finally(() => {
        if (!stopping) timer = setTimeout(() => void passThenWait(), intervalMs);
      });
  }

  return {
    start() {
      stopping = false;
      return passThenWait();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current?.catch(() => null);
    },
    runOnce,
  };
}
