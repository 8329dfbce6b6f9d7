import type { ColumnType, Generated } from 'kysely';

type Numeric = ColumnType<number, number | string, number | string>;

export const STANDARD_MEASURES = [
  'elderly_space_per_100_households',
  'childcare_places_per_1000_residents',
  'elderly_land_per_resident',
] as const;
export type StandardMeasure = (typeof STANDARD_MEASURES)[number];
export const AREA_TYPES = ['new', 'existing', 'all'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export interface FacilityStandardTable {
  region_code: string;
  id: Generated<number>;
  measure: StandardMeasure;
  area_type: AreaType;
  minimum: Numeric;
  site_minimum: Numeric | null;
  valid_from: string;
  valid_to: string | null;
  source: string;
  created_at: Generated<Date>;
}

export interface HouseholdSizeTable {
  region_code: string;
  id: Generated<number>;
  persons: Numeric;
  valid_from: string;
  valid_to: string | null;
  source: string;
}

export interface StandardTables {
  facility_standard: FacilityStandardTable;
  household_size: HouseholdSizeTable;
}
