// The record of the scheduler's runs (visit_job_run): what each district last had done, one row per run written
// with the run's own work (or, for a failure, after its rollback), and the recent runs the district console shows.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { inPrefixes } from './queries.ts';
import type { DistrictRuns } from './scheduler-plan.ts';

export type JobName = 'roster_sync' | 'task_generation';

export interface RunRow {
  id: number;
  region_code: string;
  region_name: string;
  job: JobName;
  period: string;
  started_at: Date;
  finished_at: Date;
  outcome: 'done' | 'failed';
  counts: Record<string, number>;
  error: string | null;
  run_by_account_id: number | null;
}

/** Each district's last successful sync day and generated month. */
export async function lastRuns(db: Db | Tx, districts: string[]): Promise<Map<string, DistrictRuns>> {
  const result = await sql<{ region_code: string; synced: string | null; generated: string | null }>`
    SELECT region_code,
           max(period) FILTER (WHERE job = 'roster_sync') AS synced,
           max(period) FILTER (WHERE job = 'task_generation') AS generated
      FROM visit_job_run
     WHERE outcome = 'done' AND region_code = ANY(${districts}::text[])
     GROUP BY region_code
  `.execute(db);
  const runs = new Map<string, DistrictRuns>();
  for (const code of districts) runs.set(code, { lastSyncedOn: null, lastGeneratedMonth: null });
  for (const row of result.rows) {
    runs.set(row.region_code, {
      lastSyncedOn: row.synced,
      lastGeneratedMonth: row.generated?.slice(0, 7) ?? null,
    });
  }
  return runs;
}

/** Whether this job already succeeded for the period: checked inside the run's transaction, under the lock. */
export async function alreadyDone(tx: Tx, district: string, job: JobName, period: string): Promise<boolean> {
  const result = await sql`
    SELECT 1 FROM visit_job_run
     WHERE region_code = ${district} AND job = ${job} AND period = ${period}::date AND outcome = 'done'
  `.execute(tx);
  return result.rows.length > 0;
}

export async function insertRun(
  tx: Tx,
  run: {
    district: string;
    job: JobName;
    period: string;
    startedAt: Date;
    finishedAt: Date;
    outcome: 'done' | 'failed';
    counts: Record<string, number>;
    error: string | null;
  },
): Promise<number> {
  const result = await sql<{ id: number }>`
    INSERT INTO visit_job_run (region_code, job, period, started_at, finished_at, outcome, counts, error)
    VALUES (${run.district}, ${run.job}, ${run.period}::date, ${run.startedAt}, ${run.finishedAt}, ${run.outcome},
            ${JSON.stringify(run.counts)}::jsonb, ${run.error})
    RETURNING id
  `.execute(tx);
  return result.rows[0]!.id;
}

/** The most recent runs of the districts in the prefixes, newest first. */
export async function recentRuns(db: Db | Tx, prefixes: string[] | null, limit: number): Promise<RunRow[]> {
  const result = await sql<RunRow>`
    SELECT j.id, j.region_code, r.name AS region_name, j.job, j.period, j.started_at, j.finished_at, j.outcome,
           j.counts, j.error, j.run_by_account_id
      FROM visit_job_run j JOIN region r ON r.code = j.region_code
     WHERE ${inPrefixes(sql`j.region_code`, prefixes)}
     ORDER BY j.started_at DESC, j.id DESC
     LIMIT ${limit}
  `.execute(db);
  return result.rows;
}
