import type { AgeRange } from '../population/figure.ts';

/** Both projection methods move people in 5-year steps through 5-year age groups. */
export const GROUP_WIDTH = 5;

/**
 * The age groups 0–4, 5–9, … up to an open group `openAge`+. The open group matters: survival into it and cohort
 * change within it follow their own rule.
 */
export function ageGroups(openAge: number): AgeRange[] {
  const groups: AgeRange[] = [];
  for (let from = 0; from < openAge; from += GROUP_WIDTH) groups.push({ ageFrom: from, ageTo: from + 4 });
  groups.push({ ageFrom: openAge, ageTo: null });
  return groups;
}

export function groupLabel(group: AgeRange): string {
  return group.ageTo === null ? `${group.ageFrom}+` : `${group.ageFrom}-${group.ageTo}`;
}

/** One population by sex, each a vector over `ageGroups(openAge)`. */
export interface SexVectors {
  female: number[];
  male: number[];
}

export type ProjectedSex = keyof SexVectors;
export const PROJECTED_SEXES = ['female', 'male'] as const satisfies readonly ProjectedSex[];
