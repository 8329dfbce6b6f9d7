// Dates of the demo's history: each growth year's events fall inside that year and never after the demo's "today".
import { addDays } from '../domains/calendar/working-days.ts';
import type { Random } from './random.ts';

/** The part of a year that has happened by `asOf`, or null when the year has not begun. */
export function yearWindow(year: number, asOf: string): [string, string] | null {
  const from = `${year}-01-01`;
  if (asOf < from) return null;
  const to = `${year}-12-31`;
  return [from, asOf < to ? asOf : to];
}

/** A day inside the year's window, kept off the first and last fortnight when the window allows. */
export function dayIn(window: [string, string], random: Random): string {
  const [from, to] = window;
  const inner: [string, string] = [addDays(from, 14), addDays(to, -14)];
  return inner[0] <= inner[1] ? random.date(inner[0], inner[1]) : random.date(from, to);
}

export const BASELINE_DAY = '2020-12-31';
