import { sumOverRange } from '../population/age-bands.ts';
import type { PopulationFigure } from '../population/figure.ts';
import { POPULATION_SOURCES, type PopulationBasis, type PopulationSource } from '../population/tables.ts';
import { ageGroups, PROJECTED_SEXES, type SexVectors } from './age-groups.ts';

export interface GroupedPopulation {
  vectors: SexVectors;
  source: PopulationSource;
}

/**
 * A region's population of one year by sex in the projection's 5-year groups, from whatever granularity is stored
 * (single years, 5-year groups, an open band), all from one source, the most trusted that covers every group of
 * both sexes. Null when no source does: mixing a census count of one group with an estimate of the next would
 * make a cohort's change an artefact of the sources.
 */
export function groupedPopulation(
  figures: readonly PopulationFigure[],
  year: number,
  basis: PopulationBasis,
  openAge: number,
): GroupedPopulation | null {
  const groups = ageGroups(openAge);
  for (const source of POPULATION_SOURCES) {
    const vectors: Partial<SexVectors> = {};
    for (const sex of PROJECTED_SEXES) {
      const matching = figures.filter(
        (figure) =>
          figure.year === year && figure.basis === basis && figure.sex === sex && figure.source === source,
      );
      const counts = groups.map((group) => sumOverRange(matching, group));
      if (counts.some((count) => count === null)) break;
      vectors[sex] = counts as number[];
    }
    if (vectors.female && vectors.male) return { vectors: vectors as SexVectors, source };
  }
  return null;
}

export function addVectors(parts: readonly SexVectors[]): SexVectors {
  const add = (sex: keyof SexVectors) =>
    parts[0][sex].map((_, x) => parts.reduce((sum, part) => sum + part[sex][x], 0));
  return { female: add('female'), male: add('male') };
}
