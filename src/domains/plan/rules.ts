// Pure rules of plan evaluation: trajectories, statuses, roll-ups, rounding checks and gaps. No database, no clock:
// the date is an argument.
import type { Comparator, Direction } from './tables.ts';

export type Status = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface TargetPath {
  baselineYear: number | null;
  baseline: number | null;
  midYear: number | null;
  mid: number | null;
  targetYear: number;
  target: number;
  comparator: Comparator;
  direction: Direction;
}

/** Plans state year-end figures: 2020's value is the value on 2020-12-31, so a date counts from the year's end. */
export function yearsOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  return year - 1 + (Date.UTC(year, month - 1, day) + 86_400_000 - start) / (end - start);
}

/** The deepest region code (2, 4, 6, 9 or 12 digits) that every code lies under; '' when none. */
export function commonRoot(codes: readonly string[]): string {
  let prefix = codes[0] ?? '';
  for (const code of codes) while (!code.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const length = [12, 9, 6, 4, 2].find((candidate) => candidate <= prefix.length);
  return length ? prefix.slice(0, length) : '';
}

/** The same day a year before; 29 February falls back to the 28th. */
export function yearEarlier(date: string): string {
  const [year, month, day] = date.split('-');
  const previous = `${Number(year) - 1}-${month}-${day}`;
  return month === '02' && day === '29' ? `${Number(year) - 1}-02-28` : previous;
}

/** The value the plan implies for a moment: linear between its stated points, flat before and after them. */
export function expectedAt(path: TargetPath, at: number): number | null {
  const points: [number, number][] = [];
  if (path.baselineYear !== null && path.baseline !== null) points.push([path.baselineYear, path.baseline]);
  if (path.midYear !== null && path.mid !== null) points.push([path.midYear, path.mid]);
  points.push([path.targetYear, path.target]);
  if (points.length === 1) return null;
  if (at <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (at <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (at - x0)) / (x1 - x0);
  }
  return points[points.length - 1][1];
}

export function meets(value: number, comparator: Comparator, target: number): boolean {
  switch (comparator) {
    case '>=':
      return value >= target;
    case '>':
      return value > target;
    case '<=':
      return value <= target;
    case '<':
      return value < target;
  }
}

/**
 * met: the target is reached. on track: at or beyond the trajectory for the date. at risk: short of it but with at
 * least half the progress expected so far. off track: less than that, or the target year has ended unmet. Without
 * a baseline there is no trajectory: unmet is at risk until the target year, then off track.
 */
export function statusOf(path: TargetPath, value: number | null, at: number): Status {
  if (value === null) return 'no_data';
  if (meets(value, path.comparator, path.target)) return 'met';
  if (at >= path.targetYear) return 'off_track';
  const expected = expectedAt(path, at);
  const start = path.baseline;
  if (expected === null || start === null) return 'at_risk';
  const sign = path.direction === 'higher' ? 1 : -1;
  if (sign * (value - expected) >= 0) return 'on_track';
  const expectedProgress = sign * (expected - start);
  const progress = sign * (value - start);
  return expectedProgress > 0 && progress >= expectedProgress / 2 ? 'at_risk' : 'off_track';
}

export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

export interface RatioPart {
  numerator: number | null;
  denominator: number | null;
}

/** A ratio over regions: numerators and denominators summed first, never an average of the regions' ratios. */
export function rollUpRatio(parts: readonly RatioPart[], factor: number): number | null {
  let numerator = 0;
  let denominator = 0;
  for (const part of parts) {
    if (part.numerator === null || part.denominator === null) return null;
    numerator += part.numerator;
    denominator += part.denominator;
  }
  return ratioValue(numerator, denominator, factor);
}

export function ratioValue(
  numerator: number | null,
  denominator: number | null,
  factor: number,
): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * factor;
}

function decimalsWritten(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Whether a published figure disagrees with the computed one by more than its own rounding: 52.9 stands for
 * 52.85–52.95, so 52.94 agrees and 49 (48.5–49.5) does not.
 */
export function differsBeyondRounding(computed: number | null, published: number | null): boolean {
  if (computed === null || published === null) return false;
  const tolerance = 0.5 * 10 ** -decimalsWritten(published) + 1e-9;
  return Math.abs(computed - published) > tolerance;
}

/** How many of a definition's units one of the plan's units is: 辽宁 counts beds in 万张. */
export function unitScale(planUnit: string, definitionUnit: string): number {
  if (planUnit.startsWith('万') && planUnit.slice(1) === definitionUnit) return 10_000;
  return 1;
}

/**
 * What must be added to the numerator to meet a target, the denominator staying as it is: for a count the target
 * minus the count, for a ratio target × denominator / factor minus the numerator. Never negative; null when the
 * records cannot tell.
 */
export function toAdd(
  target: number,
  comparator: Comparator,
  numerator: number | null,
  denominator: number | null,
  factor: number,
): number | null {
  if (numerator === null) return null;
  if (comparator === '<' || comparator === '<=') return null;
  const needed = denominator === null ? target : (target * denominator) / factor;
  let add = Math.ceil(needed - numerator - 1e-9);
  // A strict '>' needs one more than the target itself.
  if (comparator === '>' && numerator + add <= needed) add += 1;
  return Math.max(0, add);
}

export interface ScheduleYear {
  year: number;
  added: number;
  /** The level the plan implies at the end of the year: the baseline plus every addition so far. */
  planned: number;
  /** What is still missing against that level today (0 when the records are ahead). */
  toAdd: number;
}

/** A plan's yearly additions (淮北: 2,664 / 2,000 / 2,200 / 800 / 500 places) as levels to compare with today's. */
export function yearlySchedule(
  baseline: number,
  additions: readonly { year: number; added: number }[],
  current: number,
): ScheduleYear[] {
  let planned = baseline;
  return [...additions]
    .sort((a, b) => a.year - b.year)
    .map(({ year, added }) => {
      planned += added;
      return { year, added, planned, toAdd: Math.max(0, planned - current) };
    });
}
