import type { RegionLevel } from '../api/types';

export const LEVEL_ORDER: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

/** The four levels counted on the home page. */
export const COUNTED_LEVELS = ['city', 'county', 'township', 'village'] as const;
export type CountedLevel = (typeof COUNTED_LEVELS)[number];

export function levelRank(level: RegionLevel): number {
  return LEVEL_ORDER.indexOf(level);
}

/** Levels strictly below `level` among the counted ones. */
export function countedLevelsBelow(level: RegionLevel): CountedLevel[] {
  return COUNTED_LEVELS.filter((counted) => levelRank(counted) > levelRank(level));
}

export const LEVEL_COLORS: Record<RegionLevel, string> = {
  province: 'purple',
  city: 'blue',
  county: 'cyan',
  township: 'green',
  village: 'gold',
};
