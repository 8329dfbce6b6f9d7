// The key tasks of the five seed plans (seed/tasks.json, read out of the plans' texts by seed/extract-tasks.ts):
// 淮北 13, 巫溪 19, 辽宁 37, 许昌 43, 舟山 23, with their lead and participating departments and deadlines.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tx } from '../../db/database.ts';

export interface SeedTask {
  number: number;
  title: string;
  leadDepartments: string[];
  participatingDepartments: string[];
  /** The last day of the latest year the text commits the task to; null when it names none. */
  deadline: string | null;
}

export const SEED_TASKS = fileURLToPath(new URL('./seed/tasks.json', import.meta.url));

export function readSeedTasks(path = SEED_TASKS): Record<string, SeedTask[]> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, SeedTask[]>;
}

/** Inserts a seed plan's tasks; a plan is loaded once, so its tasks are too. */
export async function loadSeedTasks(
  tx: Tx,
  plan: { id: number; regionCode: string },
  tasks: readonly SeedTask[],
): Promise<number> {
  if (tasks.length === 0) return 0;
  await tx
    .insertInto('plan_task')
    .values(
      tasks.map((task) => ({
        region_code: plan.regionCode,
        plan_id: plan.id,
        number: task.number,
        title: task.title,
        lead_departments: task.leadDepartments,
        participating_departments: task.participatingDepartments,
        deadline: task.deadline,
      })),
    )
    .execute();
  return tasks.length;
}
