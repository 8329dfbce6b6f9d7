// Reads of providers' records that other domains build on: the plan indicators count beds and places from here.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import {
  FACILITY_DOMAINS,
  facilityDomain,
  type FacilityDomain,
  type FacilityType,
  type OperatingStatus,
  type Ownership,
} from './facility-types.ts';
import { escapeLike } from './reach.ts';

export const facilityColumns = [
  'region_code',
  'id',
  'organisation_id',
  'name',
  'facility_type',
  'domain',
  'ownership',
  'address',
  'longitude',
  'latitude',
  'opened_on',
  'special_roles',
  'resident_types',
  'service_modes',
  'premises_tenure',
  'premises_lease_ends',
  'fire_safety',
  'food_licence_number',
  'liability_insurance',
  'ltc_insurance_designated',
  'video_surveillance',
  'bed_fee_min',
  'bed_fee_max',
  'nursing_fee_min',
  'nursing_fee_max',
  'meal_fee_min',
  'meal_fee_max',
  'childcare_fee_min',
  'childcare_fee_max',
  'deposit_max',
] as const;

export async function findFacility(db: Db | Tx, id: number, lock = false) {
  let query = db.selectFrom('facility').select(facilityColumns).where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}
export type FacilityRow = NonNullable<Awaited<ReturnType<typeof findFacility>>>;

export async function findOrganisation(db: Db | Tx, id: number) {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}
export type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

function capacitySelect(db: Db | Tx) {
  return db
    .selectFrom('facility_capacity')
    .select([
      'id',
      'facility_id',
      sql<string>`lower(valid_during)`.as('valid_from'),
      sql<string | null>`upper(valid_during)`.as('valid_to'),
      'operating_status',
      'beds_total',
      'beds_nursing',
      'beds_dementia',
      'beds_inclusive',
      'places_infant',
      'places_young_toddler',
      'places_older_toddler',
      'places_mixed',
      'places_inclusive',
      'inclusive',
      'floor_area',
      'grade',
      'medical_integration',
      'note',
      'recorded_at',
    ]);
}
export type CapacityRow = Awaited<ReturnType<ReturnType<typeof capacitySelect>['execute']>>[number];

/** A facility's capacity history, oldest period first. */
export async function capacityHistory(db: Db | Tx, facilityId: number): Promise<CapacityRow[]> {
  return capacitySelect(db)
    .where('facility_id', '=', facilityId)
    .orderBy(sql`lower(valid_during)`)
    .execute();
}

/** The periods in effect on a date for the given facilities, by facility id. */
export async function capacityOn(
  db: Db | Tx,
  facilityIds: number[],
  date: string,
): Promise<Map<number, CapacityRow>> {
  if (facilityIds.length === 0) return new Map();
  const rows = await capacitySelect(db)
    .where('facility_id', 'in', facilityIds)
    .where(sql<boolean>`valid_during @> ${date}::date`)
    .execute();
  return new Map(rows.map((row) => [row.facility_id, row]));
}

/** The smallest digit string after every code starting with the prefix ('3406' → '3407'); null for '99…'. */
export function nextPrefix(prefix: string): string | null {
  if (!/^\d+$/.test(prefix) || /^9+$/.test(prefix)) return null;
  return (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
}

export interface CapacityAsOfFilters {
  /** Only facilities of these domains (both when left out). */
  domains?: readonly FacilityDomain[];
  facilityTypes?: readonly FacilityType[];
  ownerships?: readonly Ownership[];
  organisationIds?: readonly number[];
  /** Whose beds and places count in the totals; facilities of every status are counted regardless. */
  capacityStatuses?: readonly OperatingStatus[];
}

export interface CapacityTotals {
  facilities: number;
  inclusiveFacilities: number;
  bedsTotal: number;
  bedsNursing: number;
  bedsDementia: number;
  bedsInclusive: number;
  placesInfant: number;
  placesYoungToddler: number;
  placesOlderToddler: number;
  placesMixed: number;
  places: number;
  placesInclusive: number;
  floorArea: number;
}

export interface CapacityAsOf {
  regionCode: string;
  asOf: string;
  capacityStatuses: OperatingStatus[];
  totals: CapacityTotals;
  byType: (CapacityTotals & { facilityType: FacilityType; domain: FacilityDomain })[];
  facilityCounts: {
    facilityType: FacilityType;
    ownership: Ownership;
    operatingStatus: OperatingStatus;
    facilities: number;
  }[];
}

export const emptyCapacityTotals = (): CapacityTotals => ({
  facilities: 0,
  inclusiveFacilities: 0,
  bedsTotal: 0,
  bedsNursing: 0,
  bedsDementia: 0,
  bedsInclusive: 0,
  placesInfant: 0,
  placesYoungToddler: 0,
  placesOlderToddler: 0,
  placesMixed: 0,
  places: 0,
  placesInclusive: 0,
  floorArea: 0,
});

export function addCapacityInto(target: CapacityTotals, part: CapacityTotals): void {
  for (const key of Object.keys(target) as (keyof CapacityTotals)[]) target[key] += part[key];
}

/** One group of capacityByRegion: the facilities of one region, type, ownership and operating status on the date. */
export interface CapacityGroup {
  regionCode: string;
  facilityType: FacilityType;
  ownership: Ownership;
  operatingStatus: OperatingStatus;
  totals: CapacityTotals;
}

export interface CapacityByRegionOptions extends Omit<CapacityAsOfFilters, 'capacityStatuses'> {
  /**
   * The digits of the level the groups are cut to (2 province, 4 city, 6 county, 9 township, 12 village); each
   * facility's own region when left out.
   */
  codeLength?: number;
}

/**
 * Capacity in a region subtree on a date in one grouped read: for each region (at the level asked for), facility
 * type, ownership and operating status, how many facilities had a period covering the date and their beds and
 * places. Both the summary of one subtree (capacityAsOf) and the plan's all-regions-at-once reads build on it, so
 * they count alike.
 */
export async function capacityByRegion(
  db: Db | Tx,
  regionPrefix: string,
  date: string,
  options: CapacityByRegionOptions = {},
): Promise<CapacityGroup[]> {
  const domains = options.domains ?? FACILITY_DOMAINS;
  const emptyFilter = [domains, options.facilityTypes, options.ownerships, options.organisationIds].some(
    (list) => list !== undefined && list.length === 0,
  );
  if (emptyFilter) return [];
  const region =
    options.codeLength === undefined
      ? sql<string>`c.region_code`
      : sql<string>`left(c.region_code, ${options.codeLength})`;
  let query = db
    .selectFrom('facility_capacity as c')
    .innerJoin('facility as f', (join) =>
      join.onRef('f.region_code', '=', 'c.region_code').onRef('f.id', '=', 'c.facility_id'),
    )
    .where('c.region_code', 'like', `${escapeLike(regionPrefix)}%`)
    .where((eb) => {
      // The same subtree as a range of codes, which the GiST index on (region_code, valid_during) can use.
      const next = nextPrefix(regionPrefix);
      const from = eb('c.region_code', '>=', regionPrefix);
      return next === null ? from : eb.and([from, eb('c.region_code', '<', next)]);
    })
    .where(sql<boolean>`c.valid_during @> ${date}::date`)
    .where('f.domain', 'in', [...domains]);
  if (options.facilityTypes) query = query.where('f.facility_type', 'in', [...options.facilityTypes]);
  if (options.ownerships) query = query.where('f.ownership', 'in', [...options.ownerships]);
  if (options.organisationIds) query = query.where('f.organisation_id', 'in', [...options.organisationIds]);
  const rows = await query
    .select([
      region.as('region'),
      'f.facility_type',
      'f.ownership',
      'c.operating_status',
      sql<number>`count(*)::int`.as('facilities'),
      sql<number>`count(*) FILTER (WHERE c.inclusive)::int`.as('inclusive_facilities'),
      sql<number>`sum(c.beds_total)::int`.as('beds_total'),
      sql<number>`sum(c.beds_nursing)::int`.as('beds_nursing'),
      sql<number>`sum(c.beds_dementia)::int`.as('beds_dementia'),
      sql<number>`sum(c.beds_inclusive)::int`.as('beds_inclusive'),
      sql<number>`sum(c.places_infant)::int`.as('places_infant'),
      sql<number>`sum(c.places_young_toddler)::int`.as('places_young_toddler'),
      sql<number>`sum(c.places_older_toddler)::int`.as('places_older_toddler'),
      sql<number>`sum(c.places_mixed)::int`.as('places_mixed'),
      sql<number>`sum(c.places_inclusive)::int`.as('places_inclusive'),
      sql<number>`coalesce(sum(c.floor_area), 0)::float8`.as('floor_area'),
    ])
    .groupBy([sql`1`, 'f.facility_type', 'f.ownership', 'c.operating_status'])
    .orderBy(sql`1`)
    .orderBy('f.facility_type')
    .orderBy('f.ownership')
    .orderBy('c.operating_status')
    .execute();
  return rows.map((row) => ({
    regionCode: row.region,
    facilityType: row.facility_type,
    ownership: row.ownership,
    operatingStatus: row.operating_status,
    totals: {
      facilities: row.facilities,
      inclusiveFacilities: row.inclusive_facilities,
      bedsTotal: row.beds_total,
      bedsNursing: row.beds_nursing,
      bedsDementia: row.beds_dementia,
      bedsInclusive: row.beds_inclusive,
      placesInfant: row.places_infant,
      placesYoungToddler: row.places_young_toddler,
      placesOlderToddler: row.places_older_toddler,
      placesMixed: row.places_mixed,
      places: row.places_infant + row.places_young_toddler + row.places_older_toddler + row.places_mixed,
      placesInclusive: row.places_inclusive,
      floorArea: row.floor_area,
    },
  }));
}

/**
 * Capacity in a region subtree as it stood on a date: beds and places summed by facility type over the facilities
 * whose period on that date has one of `capacityStatuses` (operating ones by default), and how many facilities of
 * each type, ownership and operating status there were. A facility with no period covering the date did not exist
 * then, as far as the records go.
 */
export async function capacityAsOf(
  db: Db | Tx,
  regionPrefix: string,
  date: string,
  filters: CapacityAsOfFilters = {},
): Promise<CapacityAsOf> {
  const { capacityStatuses: statuses, ...grouping } = filters;
  const capacityStatuses = [...(statuses ?? ['operating'])];
  const base: CapacityAsOf = {
    regionCode: regionPrefix,
    asOf: date,
    capacityStatuses,
    totals: emptyCapacityTotals(),
    byType: [],
    facilityCounts: [],
  };
  const groups = await capacityByRegion(db, regionPrefix, date, {
    ...grouping,
    codeLength: regionPrefix.length,
  });
  const byType = new Map<FacilityType, CapacityTotals>();
  for (const group of groups) {
    base.facilityCounts.push({
      facilityType: group.facilityType,
      ownership: group.ownership,
      operatingStatus: group.operatingStatus,
      facilities: group.totals.facilities,
    });
    if (!capacityStatuses.includes(group.operatingStatus)) continue;
    if (!byType.has(group.facilityType)) byType.set(group.facilityType, emptyCapacityTotals());
    addCapacityInto(byType.get(group.facilityType)!, group.totals);
    addCapacityInto(base.totals, group.totals);
  }
  base.byType = [...byType].map(([facilityType, totals]) => ({
    facilityType,
    domain: facilityDomain(facilityType),
    ...totals,
  }));
  base.totals.floorArea = Math.round(base.totals.floorArea * 10) / 10;
  for (const entry of base.byType) entry.floorArea = Math.round(entry.floorArea * 10) / 10;
  return base;
}
