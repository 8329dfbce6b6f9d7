import { GROUP_WIDTH, type SexVectors } from './age-groups.ts';

/**
 * The inputs of a cohort-component projection over one population with 5-year groups, the last one open. Rates
 * hold for every step; migrants are per step (5 years).
 */
export interface CohortComponentParameters {
  /** Person-years lived nLx per group and sex; the last value is T of the open group (Tω). */
  nLx: SexVectors;
  /** l0 of the life tables. */
  radix: number;
  /** Age-specific fertility rates (births per woman per year) by group index; absent groups have none. */
  asfr: readonly number[];
  /** Boys per girl at birth (1.05 = 105 boys per 100 girls). */
  sexRatioAtBirth: number;
  /** Net migrants per group and sex over one step; zeros when absent. */
  netMigrants?: SexVectors;
}

export interface StepResult {
  population: SexVectors;
  /** Births over the step by the mother's age group (index as in asfr). */
  birthsByMotherAge: number[];
  totalBirths: number;
}

/**
 * Survival ratios from one group into the next over a step: nLx[x+1]/nLx[x]; into the open group the survivors of
 * the last closed group and of the open group itself survive together at Tω / (L_{ω-5} + Tω).
 */
export function survivalRatios(nLx: readonly number[]): number[] {
  const last = nLx.length - 1;
  const ratios: number[] = [];
  for (let x = 0; x < last - 1; x++) ratios.push(nLx[x + 1] / nLx[x]);
  ratios.push(nLx[last] / (nLx[last - 1] + nLx[last]));
  return ratios;
}

function survive(start: readonly number[], nLx: readonly number[], migrants: readonly number[]): number[] {
  const ratios = survivalRatios(nLx);
  const last = start.length - 1;
  const end = new Array<number>(start.length).fill(0);
  for (let x = 0; x < last - 1; x++) end[x + 1] = start[x] * ratios[x];
  end[last] = (start[last - 1] + start[last]) * ratios[last - 1];
  // The other half of each group's migrants arrives at the end of the step, unexposed to mortality.
  for (let x = 1; x <= last; x++) end[x] += migrants[x] / 2;
  return end;
}

/**
 * One 5-year step (Preston, Heuveline & Guillot 2001, Box 6.2): half of each group's net migrants join at the start
 * and are exposed to mortality, half at the end; births come from the ASFRs applied to the average of the women at
 * the start (with half the migrants) and at the end of the step; births split by the sex ratio at birth and
 * survive into 0–4 at L0 / (5·l0).
 */
export function projectStep(population: SexVectors, parameters: CohortComponentParameters): StepResult {
  const groups = population.female.length;
  const migrants = parameters.netMigrants ?? {
    female: new Array<number>(groups).fill(0),
    male: new Array<number>(groups).fill(0),
  };
  const start = {
    female: population.female.map((count, x) => count + migrants.female[x] / 2),
    male: population.male.map((count, x) => count + migrants.male[x] / 2),
  };
  const end: SexVectors = {
    female: survive(start.female, parameters.nLx.female, migrants.female),
    male: survive(start.male, parameters.nLx.male, migrants.male),
  };
  const birthsByMotherAge = start.female.map(
    (women, x) => (parameters.asfr[x] ?? 0) * GROUP_WIDTH * ((women + end.female[x]) / 2),
  );
  const totalBirths = birthsByMotherAge.reduce((sum, births) => sum + births, 0);
  const girls = totalBirths / (1 + parameters.sexRatioAtBirth);
  const boys = (totalBirths * parameters.sexRatioAtBirth) / (1 + parameters.sexRatioAtBirth);
  const infantSurvival = (sex: keyof SexVectors) => parameters.nLx[sex][0] / (GROUP_WIDTH * parameters.radix);
  end.female[0] = girls * infantSurvival('female') + migrants.female[0] / 2;
  end.male[0] = boys * infantSurvival('male') + migrants.male[0] / 2;
  return { population: end, birthsByMotherAge, totalBirths };
}

/** The population at each of `years` (each baseYear + a multiple of 5), stepping 5 years at a time, unrounded. */
export function projectCohortComponent(
  base: SexVectors,
  baseYear: number,
  years: readonly number[],
  parameters: CohortComponentParameters,
): Map<number, SexVectors> {
  const wanted = new Set(years);
  const last = Math.max(...years);
  const result = new Map<number, SexVectors>();
  let population = base;
  for (let year = baseYear + GROUP_WIDTH; year <= last; year += GROUP_WIDTH) {
    population = projectStep(population, parameters).population;
    if (wanted.has(year)) result.set(year, population);
  }
  return result;
}
