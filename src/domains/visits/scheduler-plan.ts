// What the scheduler owes a district at a moment: pure, so the catch-up after downtime is decided by tested rules
// rather than by when the process happened to wake.
import { monthOf } from './rules.ts';

/** A district's last successful runs, as recorded in visit_job_run. */
export interface DistrictRuns {
  /** The last China day the roster was synced, or null. */
  lastSyncedOn: string | null;
  /** The last month whose tasks were generated ('YYYY-MM'), or null. */
  lastGeneratedMonth: string | null;
}

export interface DueWork {
  syncRoster: boolean;
  /** Months to generate, oldest first. */
  months: string[];
}

/** A catch-up never reaches back further than this: a year-old month's tasks are owed to no one any more. */
export const MAX_CATCH_UP_MONTHS = 12;

export function nextMonth(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The roster is synced once a China day; a month's tasks are generated once, at the first run in that month. A
 * district never generated before starts with this month (history is not invented); one that missed months while
 * the platform was down gets each missed month once, in order, up to a year back.
 */
export function dueWork(runs: DistrictRuns, today: string): DueWork {
  const thisMonth = monthOf(today);
  const months: string[] = [];
  if (runs.lastGeneratedMonth === null) months.push(thisMonth);
  else {
    for (let m = nextMonth(runs.lastGeneratedMonth); m <= thisMonth; m = nextMonth(m)) months.push(m);
  }
  return {
    syncRoster: runs.lastSyncedOn === null || runs.lastSyncedOn < today,
    months: months.slice(-MAX_CATCH_UP_MONTHS),
  };
}
