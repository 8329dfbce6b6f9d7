import { fieldError, type FieldError } from '../../server/errors.ts';
import type { ConditionKind } from './tables.ts';

// 一老一小 by definition (glossary): elders are 60 and over, young children under 3. Consent to act for someone is
// given to adults (18, the age of majority in the Civil Code).
export const ELDER_AGE = 60;
export const YOUNG_CHILD_AGE_LIMIT = 3;
export const ADULT_AGE = 18;

export { chinaDate } from './dates.ts';

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The same day `years` earlier; 29 February falls back to the 28th in a common year, as PostgreSQL does. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Age in completed years (周岁) on a date; someone born on 29 February comes of age on 1 March in common years. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The birth-date range of the people aged ageFrom..ageTo (completed years, both inclusive) on a date:
 * age ≥ n exactly when born on or before `yearsBefore(on, n)`.
 */
export function birthDateRange(
  on: string,
  ageFrom?: number,
  ageTo?: number,
): { bornOnOrBefore?: string; bornAfter?: string } {
  return {
    ...(ageFrom !== undefined && { bornOnOrBefore: yearsBefore(on, ageFrom) }),
    ...(ageTo !== undefined && { bornAfter: yearsBefore(on, ageTo + 1) }),
  };
}

/** Whether a [from, to) period holds on a date; an open end holds for ever. */
export function holdsOn(period: { from: string; to: string | null }, on: string): boolean {
  return period.from <= on && (period.to === null || period.to > on);
}

export interface ConditionInput {
  kind: ConditionKind;
  disabilityGrade?: number;
  validFrom: string;
  validTo?: string | null;
}

/** Field errors of a new condition: a disability carries its grade (and only a disability does). */
export function conditionProblems(input: ConditionInput): FieldError[] {
  const problems: FieldError[] = [];
  if (input.kind === 'disability' && input.disabilityGrade === undefined) {
    problems.push(
      fieldError('body.disabilityGrade', '残疾须填写残疾等级（1–4级）', 'A disability needs its grade (1–4)'),
    );
  }
  if (input.kind !== 'disability' && input.disabilityGrade !== undefined) {
    problems.push(
      fieldError(
        'body.disabilityGrade',
        '只有残疾可以填写残疾等级',
        'Only a disability has a disability grade',
      ),
    );
  }
  if (input.validTo && input.validTo <= input.validFrom) {
    problems.push(
      fieldError('body.validTo', '结束日期须晚于开始日期', 'The end date must come after the start date'),
    );
  }
  return problems;
}

/** Why a condition cannot be ended on a date, or null: an end falls on or after its start and before any set end. */
export function conditionEndProblem(
  period: { from: string; to: string | null },
  on: string,
): { status: 400 | 409; error: FieldError } | null {
  if (on < period.from) {
    return {
      status: 400,
      error: fieldError(
        'querystring.on',
        '结束日期不能早于该情形的开始日期',
        'The end date cannot be before the condition started',
      ),
    };
  }
  if (period.to !== null && period.to <= on) {
    return {
      status: 409,
      error: fieldError(
        'querystring.on',
        '该情形在此日期前已结束',
        'The condition has already ended by then',
      ),
    };
  }
  return null;
}

export interface CapabilityPatch {
  capabilityLevel?: number | null;
  capabilityAssessedOn?: string | null;
}

/** A capability level is only meaningful with the date of the assessment that gave it, never in the future. */
export function capabilityProblems(patch: CapabilityPatch, today: string): FieldError[] {
  const level = patch.capabilityLevel;
  const on = patch.capabilityAssessedOn;
  if (level === undefined && on === undefined) return [];
  const problems: FieldError[] = [];
  if ((level === null) !== (on === null) || (level === undefined) !== (on === undefined)) {
    problems.push(
      fieldError(
        level === undefined || level === null ? 'body.capabilityLevel' : 'body.capabilityAssessedOn',
        '能力等级与评估日期须同时填写或同时清除',
        'The capability level and its assessment date go together',
      ),
    );
  }
  if (on && on > today) {
    problems.push(
      fieldError(
        'body.capabilityAssessedOn',
        '评估日期不能晚于今天',
        'The assessment date cannot be in the future',
      ),
    );
  }
  return problems;
}
