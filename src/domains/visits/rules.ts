// Caring-visit rules as functions of data and a date: who is a target, their tier and visit frequency, the tasks a
// period owes, the extra visit after a major change, the flags on a record, and the monthly rate.
import { ageOn, ELDER_AGE, holdsOn } from '../people/rules.ts';
import type { ConditionKind, LivingSituation } from '../people/tables.ts';
import type { FlagView, FrequencyName, RosterReasonName, TierName } from './schemas.ts';

/** A city's visit settings on a date (a visit_setting row). */
export interface VisitSettings {
  highFrequency: FrequencyName;
  keyFrequency: FrequencyName;
  generalFrequency: FrequencyName;
  highRiskAge: number;
  extraVisitHours: number;
  distanceToleranceM: number;
  scheduleToleranceDays: number;
  alertDays: number;
  targetRate: number;
}

export interface SettingRow extends VisitSettings {
  regionCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/** The setting of the most specific region (by code prefix) valid on the date; the national default has no region. */
export function settingFor(
  rows: readonly SettingRow[],
  regionCode: string,
  on: string,
): VisitSettings | null {
  let best: SettingRow | null = null;
  for (const row of rows) {
    if (!holdsOn({ from: row.validFrom, to: row.validTo }, on)) continue;
    const code = row.regionCode ?? '';
    if (!regionCode.startsWith(code)) continue;
    if (best === null || code.length > (best.regionCode ?? '').length) best = row;
  }
  return best;
}

export interface PersonFacts {
  birthDate: string;
  livingSituation: LivingSituation | null;
  /** GB/T 42195-2022 final level: 2–4 are 中度以上失能. */
  capabilityLevel: number | null;
  conditions: readonly {
    kind: ConditionKind;
    disabilityGrade: number | null;
    from: string;
    to: string | null;
  }[];
}

export interface OverrideDecision {
  include: boolean;
  tier: TierName | null;
}

export interface RosterDecision {
  include: boolean;
  /** What the rules alone give; `tier` differs only by a staff override. */
  ruleTier: TierName;
  tier: TierName;
  reasons: RosterReasonName[];
}

/** The reasons that put an elder on the roster (民政部 2022): the others only raise the tier. */
const QUALIFYING: ReadonlySet<RosterReasonName> = new Set([
  'living_alone',
  'empty_nest',
  'left_behind',
  'disabled',
  'severely_handicapped',
  'special_family',
]);

/** Disability grades 1 and 2 are 重度残疾 (GB/T 26341-2010). */
const SEVERE_DISABILITY_GRADE = 2;
/** 中度以上失能 (GB/T 42195-2022 levels 2–4), and 重度以上 (3–4) for the high tier. */
const DISABLED_LEVEL = 2;
const SEVERELY_DISABLED_LEVEL = 3;

/** Whether a person is a target on a date and at which tier, by the rules and any staff override. */
export function rosterDecision(
  facts: PersonFacts,
  settings: VisitSettings,
  on: string,
  override: OverrideDecision | null = null,
): RosterDecision {
  const age = ageOn(facts.birthDate, on);
  const live = facts.conditions.filter((condition) =>
    holdsOn({ from: condition.from, to: condition.to }, on),
  );
  const reasons: RosterReasonName[] = [];
  if (facts.livingSituation === 'alone') reasons.push('living_alone');
  if (facts.livingSituation === 'empty_nest') reasons.push('empty_nest');
  if (facts.livingSituation === 'left_behind') reasons.push('left_behind');
  const level = facts.capabilityLevel ?? 0;
  if (level >= DISABLED_LEVEL) reasons.push('disabled');
  if (live.some((c) => c.kind === 'disability' && (c.disabilityGrade ?? 9) <= SEVERE_DISABILITY_GRADE)) {
    reasons.push('severely_handicapped');
  }
  if (live.some((c) => c.kind === 'family_planning_special')) reasons.push('special_family');
  const qualifies = age >= ELDER_AGE && reasons.some((reason) => QUALIFYING.has(reason));
  if (live.some((c) => c.kind === 'dementia')) reasons.push('dementia');
  if (age >= settings.highRiskAge) reasons.push('age_80_plus');

  const withoutFamily = facts.livingSituation === 'alone' || facts.livingSituation === 'empty_nest';
  const ruleTier: TierName =
    (facts.livingSituation === 'alone' && age >= settings.highRiskAge) ||
    (withoutFamily && (level >= SEVERELY_DISABLED_LEVEL || reasons.includes('dementia')))
      ? 'high'
      : facts.livingSituation === 'alone' ||
          level >= DISABLED_LEVEL ||
          reasons.includes('severely_handicapped') ||
          reasons.includes('special_family') ||
          reasons.filter((reason) => QUALIFYING.has(reason)).length >= 2
        ? 'key'
        : 'general';

  if (override && !override.include) return { include: false, ruleTier, tier: ruleTier, reasons };
  if (override?.include) {
    return {
      include: true,
      ruleTier,
      tier: override.tier ?? ruleTier,
      reasons: qualifies ? reasons : ['override', ...reasons],
    };
  }
  return { include: qualifies, ruleTier, tier: ruleTier, reasons };
}

export function frequencyOf(tier: TierName, settings: VisitSettings): FrequencyName {
  return tier === 'high'
    ? settings.highFrequency
    : tier === 'key'
      ? settings.keyFrequency
      : settings.generalFrequency;
}

// ---- dates ----

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
export function addDays(date: string, days: number): string {
  return iso(new Date(utc(date).getTime() + days * 86_400_000));
}

/** The first day of a 'YYYY-MM' month and the first day of the next. */
export function monthBounds(month: string): { start: string; next: string } {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return { start: `${month}-01`, next: iso(new Date(Date.UTC(year, m, 1))) };
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Days of the month that remain, today included (1 on its last day). */
export function daysLeftInMonth(today: string): number {
  const { next } = monthBounds(monthOf(today));
  return (utc(next).getTime() - utc(today).getTime()) / 86_400_000;
}

export interface RegularPeriod {
  periodStart: string;
  dueOn: string;
}

/**
 * The regular visit periods a month's generation owes a target of this frequency: each week (Monday–Sunday) that
 * overlaps the month, the month itself, or the quarter containing it; periods that end before the target entered the
 * roster are skipped. A week across two months comes from both months' generations, and generating again is harmless:
 * a target has one regular task per period start.
 */
export function regularPeriods(frequency: FrequencyName, month: string, enteredOn: string): RegularPeriod[] {
  const { start, next } = monthBounds(month);
  let periods: RegularPeriod[];
  if (frequency === 'weekly') {
    periods = [];
    const weekday = (utc(start).getUTCDay() + 6) % 7; // Monday 0
    for (let monday = addDays(start, -weekday); monday < next; monday = addDays(monday, 7)) {
      periods.push({ periodStart: monday, dueOn: addDays(monday, 6) });
    }
  } else if (frequency === 'monthly') {
    periods = [{ periodStart: start, dueOn: addDays(next, -1) }];
  } else {
    const m = Number(month.slice(5, 7));
    const firstMonth = m - ((m - 1) % 3);
    const quarterStart = `${month.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
    const quarterNext = monthBounds(`${month.slice(0, 4)}-${String(firstMonth + 2).padStart(2, '0')}`).next;
    periods = [{ periodStart: quarterStart, dueOn: addDays(quarterNext, -1) }];
  }
  return periods.filter((period) => period.dueOn >= enteredOn);
}

/** An extra visit after a major change is due within the city's hours (24) of the change. */
export function extraVisitDue(occurredAt: Date, settings: VisitSettings): Date {
  return new Date(occurredAt.getTime() + settings.extraVisitHours * 3_600_000);
}

/** A task shown to people: an open task past its due date is overdue. */
export function taskStatus(status: 'open' | 'done' | 'cancelled', dueOn: string, today: string) {
  return status === 'open' && dueOn < today ? 'overdue' : status;
}

// ---- location and flags ----

const EARTH_RADIUS_M = 6_371_000;

/**
 * Great-circle distance in metres, rounded to 10 m: what the far-from-home check needs, and all the server keeps of
 * where a visit was made.
 */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round((2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))) / 10) * 10;
}

export interface FlagInput {
  mode: 'door' | 'phone' | 'video';
  /** Metres from the home, when both the home and the visit's location are known. */
  distanceM: number | null;
  homeKnown: boolean;
  locationGiven: boolean;
  visitedOn: string;
  startedAt: Date;
  task: { periodStart: string; dueOn: string; dueAt: Date | null } | null;
  offSiteReason: string | null;
  offScheduleReason: string | null;
}

/**
 * The exceptions a supervisor sees before verifying: a door visit away from the home (beyond the tolerance) or
 * without a location where the home is known, a visit outside its task's period (beyond the schedule tolerance), an
 * extra visit after its deadline. Each carries the worker's reason code when one was given.
 */
export function visitFlags(input: FlagInput, settings: VisitSettings): FlagView[] {
  const flags: FlagView[] = [];
  if (input.mode === 'door' && input.homeKnown) {
    if (!input.locationGiven) {
      flags.push({ code: 'no_location', reasonCode: input.offSiteReason });
    } else if (input.distanceM !== null && input.distanceM > settings.distanceToleranceM) {
      flags.push({ code: 'far_from_home', reasonCode: input.offSiteReason });
    }
  }
  const task = input.task;
  if (task) {
    const tolerance = settings.scheduleToleranceDays;
    if (
      input.visitedOn < addDays(task.periodStart, -tolerance) ||
      input.visitedOn > addDays(task.dueOn, tolerance)
    ) {
      flags.push({ code: 'off_schedule', reasonCode: input.offScheduleReason });
    }
    if (task.dueAt && input.startedAt.getTime() > task.dueAt.getTime()) {
      flags.push({ code: 'late_extra_visit', reasonCode: input.offScheduleReason });
    }
  }
  return flags;
}

// ---- the monthly rate ----

/** Targets with ≥1 verified visit in the month ÷ targets on the roster that month, in percent to one decimal. */
export function monthlyRate(targets: number, visited: number): number | null {
  if (targets === 0) return null;
  return Math.round((Math.min(visited, targets) / targets) * 1000) / 10;
}

/** Whether a month's unvisited targets are shown yet: when the city's alert days (7) or fewer remain. */
export function unvisitedAlertDue(today: string, settings: VisitSettings): boolean {
  return daysLeftInMonth(today) <= settings.alertDays;
}
