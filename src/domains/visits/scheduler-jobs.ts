// One scheduled job for one district, as its own transaction: the work, its run record and its audit entry commit
// together or not at all, and a failure is recorded (after the rollback) with its reason. Districts run side by
// side on separate connections, the largest first, so that a city's month is not bound to one core.
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../db/database.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { generateTasks } from './generate.ts';
import { alreadyDone, insertRun, type JobName } from './scheduler-runs.ts';

const SYSTEM: Actor = { principal: null, ip: null, requestId: null };

export interface RunReport {
  district: string;
  job: JobName;
  period: string;
  outcome: 'done' | 'failed' | 'skipped';
  counts: Record<string, number>;
  error?: string;
}

export async function runJob(
  db: Db,
  clock: () => Date,
  district: string,
  job: JobName,
  period: string,
  work: (tx: Tx) => Promise<Record<string, number>>,
): Promise<RunReport> {
  const startedAt = clock();
  try {
    return await inTransaction(db, async (tx) => {
      // Under the scheduler's lock this only guards against a run recorded since the pass looked.
      if (await alreadyDone(tx, district, job, period)) {
        return { district, job, period, outcome: 'skipped', counts: {} } satisfies RunReport;
      }
      const counts = await work(tx);
      const runId = await insertRun(tx, {
        district,
        job,
        period,
        startedAt,
        finishedAt: clock(),
        outcome: 'done',
        counts,
        error: null,
      });
      await recordAudit(tx, SYSTEM, {
        action: job === 'roster_sync' ? 'update' : 'create',
        entity: job === 'roster_sync' ? 'visit_roster' : 'visit_task',
        regionCode: district,
        detail: { by: 'system', job, period, runId, ...counts },
      });
      return { district, job, period, outcome: 'done', counts } satisfies RunReport;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await inTransaction(db, async (tx) => {
      const runId = await insertRun(tx, {
        district,
        job,
        period,
        startedAt,
        finishedAt: clock(),
        outcome: 'failed',
        counts: {},
        error: message.slice(0, 2000),
      });
      await recordAudit(tx, SYSTEM, {
        action: 'create',
        entity: 'visit_job_run',
        entityId: runId,
        regionCode: district,
        detail: { by: 'system', job, period, outcome: 'failed' },
      });
    });
    return { district, job, period, outcome: 'failed', counts: {}, error: message };
  }
}

/** Runs `work` over the items with at most `concurrency` at a time, in the items' order. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  keepGoing: () => boolean = () => true,
): Promise<R[]> {
  const queue = [...items];
  const results: R[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && keepGoing(); next = queue.shift()) {
      results.push(await work(next));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/** The districts under the prefixes (empty: all of China), those with the most targets first. */
export async function districtsBySize(db: Db, servedRegions: readonly string[]): Promise<string[]> {
  const prefixes = servedRegions.map((code) => `${code}%`);
  const result = await sql<{ code: string }>`
    SELECT r.code
      FROM region r
      LEFT JOIN (SELECT substr(region_code, 1, 6) AS code, count(*) AS n FROM visit_target
                  WHERE on_roster AND (cardinality(${prefixes}::text[]) = 0 OR region_code LIKE ANY(${prefixes}::text[]))
                  GROUP BY 1) t ON t.code = r.code
     WHERE r.level = 'county' AND (cardinality(${prefixes}::text[]) = 0 OR r.code LIKE ANY(${prefixes}::text[]))
     ORDER BY coalesce(t.n, 0) DESC, r.code
  `.execute(db);
  return result.rows.map((row) => row.code);
}

/**
 * A month's regular tasks for each district, each district all-or-nothing in its own transaction and recorded as a
 * run; a district whose generation fails is reported and the others still get their tasks.
 */
export function generateMonth(
  db: Db,
  clock: () => Date,
  districts: readonly string[],
  month: string,
  concurrency: number,
  keepGoing?: () => boolean,
): Promise<RunReport[]> {
  return inParallel(
    districts,
    concurrency,
    (district) =>
      runJob(db, clock, district, 'task_generation', `${month}-01`, async (tx) => ({
        created: await generateTasks(tx, district, month),
      })),
    keepGoing,
  );
}
