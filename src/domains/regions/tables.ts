import type { ColumnType } from 'kysely';

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';
export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];
export type TownshipType = 'street' | 'town' | 'township' | 'other';

export interface RegionTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  path: string;
  township_type: TownshipType | null;
  stat_code: string;
  valid_from: ColumnType<string, string | undefined, string>;
  valid_to: string | null;
}

export interface RegionTables {
  region: RegionTable;
}
