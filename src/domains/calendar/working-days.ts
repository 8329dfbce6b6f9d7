/**
 * Working days under China's adjusted calendar (调休): public holidays are days off even on weekdays, and some
 * weekends around them are working days. Dates are plain 'YYYY-MM-DD' strings in China time, so no time zone can
 * shift a deadline by a day.
 */

export type CalendarDayKind = 'holiday' | 'workday_swap';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface WorkingCalendar {
  /** Dates off although they may be weekdays. */
  holidays: ReadonlySet<string>;
  /** Weekend dates that are working days. */
  workdaySwaps: ReadonlySet<string>;
  /** Years the calendar holds an arrangement for: outside them only weekends are known. */
  years: ReadonlySet<number>;
}

export function workingCalendar(days: readonly CalendarDay[]): WorkingCalendar {
  const holidays = new Set<string>();
  const workdaySwaps = new Set<string>();
  const years = new Set<number>();
  for (const day of days) {
    (day.kind === 'holiday' ? holidays : workdaySwaps).add(day.date);
    years.add(Number(day.date.slice(0, 4)));
  }
  return { holidays, workdaySwaps, years };
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return dateOfDayNumber(dayNumber(date) + n);
}

/** The calendar date in China (UTC+8 all year, no daylight saving) of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.workdaySwaps.has(date)) return true;
  return !isWeekend(date);
}

// Deadlines of thousands of filings walk the same days over and over: remember each day's answer per calendar.
const dayCache = new WeakMap<WorkingCalendar, Map<number, boolean>>();

function isWorkingDayNumber(day: number, calendar: WorkingCalendar): boolean {
  let cache = dayCache.get(calendar);
  if (!cache) dayCache.set(calendar, (cache = new Map()));
  let working = cache.get(day);
  if (working === undefined) {
    working = isWorkingDay(dateOfDayNumber(day), calendar);
    cache.set(day, working);
  }
  return working;
}

/**
 * The n-th working day after `start` (the event day itself never counts, worked or not): a step due "within 5
 * working days" of a filing submitted on a Friday is due on the following Friday. n = 0 gives `start`.
 */
export function addWorkingDays(start: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays expects a whole n ≥ 0, got ${n}`);
  let day = dayNumber(start);
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day, calendar)) left -= 1;
  }
  return dateOfDayNumber(day);
}

/**
 * Working days after `from` up to and including `to`, so that workingDaysBetween(d, addWorkingDays(d, n)) = n;
 * negative when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (end < start) return -workingDaysBetween(to, from, calendar);
  const prefix = prefixCovering(start, end, calendar);
  return prefix.cumulative[end - prefix.base] - prefix.cumulative[start - prefix.base];
}

/** cumulative[i] = working days from base + 1 to base + i: any span's count is then one subtraction. */
interface WorkingDayPrefix {
  base: number;
  cumulative: Int32Array;
}
const prefixCache = new WeakMap<WorkingCalendar, WorkingDayPrefix>();

function prefixCovering(start: number, end: number, calendar: WorkingCalendar): WorkingDayPrefix {
  const known = prefixCache.get(calendar);
  if (known && start >= known.base && end < known.base + known.cumulative.length) return known;
  // Grow by a year on each side so that neighbouring spans reuse the table.
  const base = Math.min(start, known?.base ?? start) - 366;
  const last = Math.max(end, known ? known.base + known.cumulative.length - 1 : end) + 366;
  const cumulative = new Int32Array(last - base + 1);
  for (let i = 1; i < cumulative.length; i++) {
    cumulative[i] = cumulative[i - 1] + (isWorkingDayNumber(base + i, calendar) ? 1 : 0);
  }
  const prefix = { base, cumulative };
  prefixCache.set(calendar, prefix);
  return prefix;
}

/** Whether every year from `from` to `to` has a published arrangement; a deadline beyond them is provisional. */
export function calendarCovers(from: string, to: string, calendar: WorkingCalendar): boolean {
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    if (!calendar.years.has(year)) return false;
  }
  return true;
}
