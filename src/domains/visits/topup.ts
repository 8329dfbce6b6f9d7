// Elders who join the roster after their month's tasks were generated are owed this month's visits at once. The
// scheduler's daily sync, a staff override and a manual sync all top the month up here, in the caller's transaction.
import type { Tx } from '../../db/database.ts';
import { generateTasks } from './generate.ts';
import { districtsBySize } from './scheduler-jobs.ts';
import { alreadyDone } from './scheduler-runs.ts';

const DISTRICT_DIGITS = 6;

/**
 * After `entered` elders joined the roster of the subtree on `today`, adds the regular tasks this month owes them —
 * only where the district's month was already generated (before that, the month's generation creates them with
 * everyone's). Generation is idempotent, so only the newcomers' tasks are added. Returns how many were added.
 */
export async function topUpMonthTasks(
  tx: Tx,
  prefix: string,
  today: string,
  entered: number,
): Promise<number> {
  if (entered <= 0) return 0;
  const month = today.slice(0, 7);
  const period = `${month}-01`;
  if (prefix.length >= DISTRICT_DIGITS) {
    const generated = await alreadyDone(tx, prefix.slice(0, DISTRICT_DIGITS), 'task_generation', period);
    return generated ? generateTasks(tx, prefix, month) : 0;
  }
  // A city or province: each of its districts by its own month.
  let added = 0;
  for (const district of await districtsBySize(tx, [prefix])) {
    if (await alreadyDone(tx, district, 'task_generation', period)) {
      added += await generateTasks(tx, district, month);
    }
  }
  return added;
}
