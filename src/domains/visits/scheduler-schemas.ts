// The contract of the scheduler's run list (zod only, so the console can import it as well as the API).
import { z } from 'zod';
import { RegionCode } from '../../server/schemas.ts';

export const JOBS = ['roster_sync', 'task_generation'] as const;
export const RUN_OUTCOMES = ['done', 'failed'] as const;

export const SchedulerRunsQuery = z.object({
  regionCode: RegionCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const SchedulerRun = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  job: z.enum(JOBS),
  /** The day synced, or the first day of the month generated. */
  period: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(RUN_OUTCOMES),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  /** Null: the platform's scheduler ran it, not a person. */
  runByAccountId: z.number().int().nullable(),
});

export const SchedulerRunList = z.object({ items: z.array(SchedulerRun) });
