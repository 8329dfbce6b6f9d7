import { GROUP_WIDTH, PROJECTED_SEXES, type SexVectors } from './age-groups.ts';

/** Women of these ages bear the children the child–woman ratio relates to. */
export const CHILDBEARING = { ageFrom: 15, ageTo: 49 } as const;

export interface CohortChangeRatios {
  /** Per sex and group; the groups younger than the interval have none (null): the child–woman ratio serves them. */
  ccr: { female: (number | null)[]; male: (number | null)[] };
  /** Per sex, for the groups younger than the interval: children per woman of childbearing age. */
  cwr: { female: (number | null)[]; male: (number | null)[] };
  interval: number;
}

/** Women of childbearing age: the groups starting within 15–49 (the open group too when it starts there). */
export function womenOfChildbearingAge(female: readonly number[]): number {
  return female.reduce(
    (sum, count, x) =>
      x * GROUP_WIDTH >= CHILDBEARING.ageFrom && x * GROUP_WIDTH <= CHILDBEARING.ageTo ? sum + count : sum,
    0,
  );
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Cohort-change ratios from two counts `interval` years apart (a multiple of 5): CCR_x = P_x(t) / P_{x−k}(t−k).
 * The open group gathers everyone who was at least `open − k` at t−k. A cohort that was empty has no ratio (null)
 * and its group is carried over unchanged rather than divided by zero. Groups under the interval take the child–woman
 * ratio P_x(t) / W_15–49(t) instead.
 */
export function cohortChangeRatios(
  earlier: SexVectors,
  later: SexVectors,
  interval: number,
): CohortChangeRatios {
  const shift = interval / GROUP_WIDTH;
  const last = earlier.female.length - 1;
  const women = womenOfChildbearingAge(later.female);
  const ccr: CohortChangeRatios['ccr'] = { female: [], male: [] };
  const cwr: CohortChangeRatios['cwr'] = { female: [], male: [] };
  for (const sex of PROJECTED_SEXES) {
    for (let x = 0; x <= last; x++) {
      if (x < shift) {
        ccr[sex].push(null);
        cwr[sex].push(women > 0 ? later[sex][x] / women : null);
        continue;
      }
      const before = x === last ? sum(earlier[sex].slice(last - shift)) : earlier[sex][x - shift];
      ccr[sex].push(before > 0 ? later[sex][x] / before : null);
      cwr[sex].push(null);
    }
  }
  return { ccr, cwr, interval };
}

/** One step of `interval` years from `current` with the ratios; unrounded. */
export function hamiltonPerryStep(current: SexVectors, ratios: CohortChangeRatios): SexVectors {
  const shift = ratios.interval / GROUP_WIDTH;
  const last = current.female.length - 1;
  const next: SexVectors = { female: [], male: [] };
  for (const sex of PROJECTED_SEXES) {
    for (let x = 0; x <= last; x++) {
      if (x < shift) {
        next[sex].push(0);
        continue;
      }
      const ratio = ratios.ccr[sex][x];
      const cohort = x === last ? sum(current[sex].slice(last - shift)) : current[sex][x - shift];
      next[sex].push(ratio === null ? current[sex][x] : cohort * ratio);
    }
  }
  // Children come from the women projected for the same date, so they follow the older groups.
  const women = womenOfChildbearingAge(next.female);
  for (const sex of PROJECTED_SEXES) {
    for (let x = 0; x < shift; x++) next[sex][x] = women * (ratios.cwr[sex][x] ?? 0);
  }
  return next;
}

function interpolate(from: SexVectors, to: SexVectors, share: number): SexVectors {
  const mix = (a: readonly number[], b: readonly number[]) =>
    a.map((value, x) => value + (b[x] - value) * share);
  return { female: mix(from.female, to.female), male: mix(from.male, to.male) };
}

/**
 * The population at each of `years` after `laterYear`, stepping by the interval between the two counts; a year
 * between two steps (2025 between 2020 and 2030 with ten-year ratios) is interpolated linearly group by group.
 */
export function projectHamiltonPerry(
  earlier: SexVectors,
  later: SexVectors,
  interval: number,
  laterYear: number,
  years: readonly number[],
): Map<number, SexVectors> {
  const ratios = cohortChangeRatios(earlier, later, interval);
  const steps = new Map<number, SexVectors>([[laterYear, later]]);
  const last = Math.max(...years);
  let current = later;
  for (let year = laterYear + interval; year - interval < last; year += interval) {
    current = hamiltonPerryStep(current, ratios);
    steps.set(year, current);
  }
  const result = new Map<number, SexVectors>();
  for (const year of years) {
    const from = laterYear + Math.floor((year - laterYear) / interval) * interval;
    result.set(
      year,
      from === year
        ? steps.get(year)!
        : interpolate(steps.get(from)!, steps.get(from + interval)!, (year - from) / interval),
    );
  }
  return result;
}
