// Facility standards checked for a region: pure functions of the standards in force and the region's counts.
import type { AreaType, StandardMeasure } from './standards-tables.ts';

export interface StandardRow {
  regionCode: string;
  measure: StandardMeasure;
  areaType: AreaType;
  minimum: number;
  siteMinimum: number | null;
  validFrom: string;
  validTo: string | null;
  source: string;
}

const validOn = (row: { validFrom: string; validTo: string | null }, date: string) =>
  row.validFrom <= date && (row.validTo === null || date < row.validTo);

/** For each measure and area type, the standard of the nearest region at or above `regionCode` in force on the date. */
export function standardsInForce(
  rows: readonly StandardRow[],
  regionCode: string,
  date: string,
): StandardRow[] {
  const nearest = new Map<string, StandardRow>();
  for (const row of rows) {
    if (!regionCode.startsWith(row.regionCode) || !validOn(row, date)) continue;
    const key = `${row.measure}:${row.areaType}`;
    const held = nearest.get(key);
    if (!held || row.regionCode.length > held.regionCode.length) nearest.set(key, row);
  }
  const order = (row: StandardRow) =>
    [
      'elderly_space_per_100_households',
      'childcare_places_per_1000_residents',
      'elderly_land_per_resident',
    ].indexOf(row.measure) *
      3 +
    ['new', 'existing', 'all'].indexOf(row.areaType);
  return [...nearest.values()].sort((a, b) => order(a) - order(b));
}

/** The household size of the nearest region at or above `regionCode` in force on the date. */
export function householdSizeFor(
  rows: readonly { regionCode: string; persons: number; validFrom: string; validTo: string | null }[],
  regionCode: string,
  date: string,
): number | null {
  let best: (typeof rows)[number] | null = null;
  for (const row of rows) {
    if (!regionCode.startsWith(row.regionCode) || !validOn(row, date)) continue;
    if (!best || row.regionCode.length > best.regionCode.length) best = row;
  }
  return best?.persons ?? null;
}

export interface RegionCounts {
  residents: number | null;
  /** Persons per household; null when no region above states one. */
  householdSize: number | null;
  /** Floor area (m²) of each community elderly-service site operating on the date. */
  elderlySites: readonly number[];
  childcarePlaces: number;
}

export type StandardStatus = 'met' | 'not_met' | 'no_data';

export interface StandardCheck {
  measure: StandardMeasure;
  areaType: AreaType;
  minimum: number;
  siteMinimum: number | null;
  source: string;
  standardRegionCode: string;
  /** The region's level: m² per 100 households, places per 1,000 residents, m² per resident. */
  value: number | null;
  /** What the standard asks for in the region: m² of floor area, or places. */
  required: number | null;
  /** What the region has that counts toward it. */
  provided: number | null;
  /** What is missing to meet it (0 when met), in m² or places. */
  shortfall: number | null;
  status: StandardStatus;
  /** Why a check could not be made, or what it left out. */
  note: 'no_population' | 'no_household_size' | 'land_not_recorded' | 'small_sites_excluded' | null;
  /** Sites below the per-site minimum, which the standard does not count. */
  sitesExcluded: number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function checkStandard(standard: StandardRow, counts: RegionCounts): StandardCheck {
  const base = {
    measure: standard.measure,
    areaType: standard.areaType,
    minimum: standard.minimum,
    siteMinimum: standard.siteMinimum,
    source: standard.source,
    standardRegionCode: standard.regionCode,
    sitesExcluded: 0,
  };
  const noData = (note: StandardCheck['note']): StandardCheck => ({
    ...base,
    value: null,
    required: null,
    provided: null,
    shortfall: null,
    status: 'no_data',
    note,
  });
  const residents = counts.residents;
  if (residents === null || residents <= 0) return noData('no_population');
  // The registries record floor area, not land: land per resident waits for a land register.
  if (standard.measure === 'elderly_land_per_resident') return noData('land_not_recorded');
  if (standard.measure === 'childcare_places_per_1000_residents') {
    const required = Math.ceil((standard.minimum * residents) / 1000);
    const provided = counts.childcarePlaces;
    return {
      ...base,
      value: round1((provided / residents) * 1000),
      required,
      provided,
      shortfall: Math.max(0, required - provided),
      status: provided >= required ? 'met' : 'not_met',
      note: null,
    };
  }
  if (counts.householdSize === null) return noData('no_household_size');
  const households = residents / counts.householdSize;
  const counted = counts.elderlySites.filter(
    (area) => standard.siteMinimum === null || area >= standard.siteMinimum,
  );
  const provided = round1(counted.reduce((sum, area) => sum + area, 0));
  const required = Math.ceil((standard.minimum * households) / 100);
  const excluded = counts.elderlySites.length - counted.length;
  return {
    ...base,
    value: round1((provided / households) * 100),
    required,
    provided,
    shortfall: Math.max(0, Math.ceil(required - provided)),
    status: provided >= required ? 'met' : 'not_met',
    note: excluded > 0 ? 'small_sites_excluded' : null,
    sitesExcluded: excluded,
  };
}
