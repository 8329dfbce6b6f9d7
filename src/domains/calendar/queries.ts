import type { Db, Tx } from '../../db/database.ts';
import { workingCalendar, type CalendarDay, type WorkingCalendar } from './working-days.ts';

export async function calendarDays(db: Db | Tx, year?: number): Promise<CalendarDay[]> {
  let query = db.selectFrom('calendar_day').select(['date', 'kind', 'name']);
  if (year !== undefined)
    query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return query.orderBy('date').execute();
}

/** The whole calendar: a few dozen rows a year, so deadlines are computed in memory. */
export async function loadWorkingCalendar(db: Db | Tx): Promise<WorkingCalendar> {
  return workingCalendar(await calendarDays(db));
}
