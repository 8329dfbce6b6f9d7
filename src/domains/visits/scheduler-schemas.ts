// The contract of the scheduler's run list: zod alone, so that the console imports it as well as the API.
import { z } from 'zod';

export const JOBS = ['roster_sync', 'task_generation'] as const;
export const RUN_OUTCOMES = ['done', 'failed'] as const;

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
