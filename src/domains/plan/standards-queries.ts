// The registry reads the facility-standard checks need: the standards and household sizes stored per region, the
// floor area of each community elderly-service site, childcare places and residents on a date.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { capacityAsOf, nextPrefix } from '../providers/queries.ts';
import { escapeLike } from '../providers/reach.ts';
import { COMPUTATIONS, computationContext } from './computations.ts';
import { householdSizeFor, type RegionCounts, type StandardRow } from './standards.ts';

/**
 * The sites the floor-area standard counts: community elderly-service facilities (社区养老服务设施) in residential
 * areas. Care homes are institutions with their own bed targets; rural mutual-aid homes fall outside the
 * residential-area standard.
 */
export const COMMUNITY_ELDERLY_TYPES = ['community_elderly_centre', 'day_care_centre', 'meal_point'] as const;

/** Standards stated by the region or any region above it, whatever their period. */
export async function standardsAbove(db: Db | Tx, regionCode: string): Promise<StandardRow[]> {
  const rows = await db
    .selectFrom('facility_standard')
    .selectAll()
    .where('region_code', 'in', ancestry(regionCode))
    .execute();
  return rows.map((row) => ({
    regionCode: row.region_code,
    measure: row.measure,
    areaType: row.area_type,
    minimum: Number(row.minimum),
    siteMinimum: row.site_minimum === null ? null : Number(row.site_minimum),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    source: row.source,
  }));
}

/** The codes of a region and every region above it: 340603 → 34, 3406, 340603. */
function ancestry(regionCode: string): string[] {
  return [2, 4, 6, 9, 12]
    .filter((length) => length <= regionCode.length)
    .map((length) => regionCode.slice(0, length));
}

async function elderlySites(db: Db | Tx, regionCode: string, date: string): Promise<number[]> {
  const next = nextPrefix(regionCode);
  let query = db
    .selectFrom('facility_capacity as c')
    .innerJoin('facility as f', (join) =>
      join.onRef('f.region_code', '=', 'c.region_code').onRef('f.id', '=', 'c.facility_id'),
    )
    .select(sql<number>`c.floor_area::float8`.as('floor_area'))
    .where('c.region_code', 'like', `${escapeLike(regionCode)}%`)
    .where('c.region_code', '>=', regionCode)
    .where(sql<boolean>`c.valid_during @> ${date}::date`)
    .where('c.operating_status', '=', 'operating')
    .where('c.floor_area', 'is not', null)
    .where('f.facility_type', 'in', [...COMMUNITY_ELDERLY_TYPES]);
  if (next !== null) query = query.where('c.region_code', '<', next);
  return (await query.execute()).map((row) => Number(row.floor_area));
}

export async function regionCounts(db: Db | Tx, regionCode: string, date: string): Promise<RegionCounts> {
  const sizes = await db
    .selectFrom('household_size')
    .select(['region_code', 'persons', 'valid_from', 'valid_to'])
    .where('region_code', 'in', ancestry(regionCode))
    .execute();
  const context = computationContext(db, regionCode, date);
  return {
    residents: await COMPUTATIONS.resident_population(context),
    householdSize: householdSizeFor(
      sizes.map((row) => ({
        regionCode: row.region_code,
        persons: Number(row.persons),
        validFrom: row.valid_from,
        validTo: row.valid_to,
      })),
      regionCode,
      date,
    ),
    elderlySites: await elderlySites(db, regionCode, date),
    childcarePlaces: (await capacityAsOf(db, regionCode, date, { domains: ['childcare'] })).totals.places,
  };
}
