// The named computations indicator definitions refer to by key: each counts something in a region subtree on a
// date from the registries. Definitions are data; only these functions are code.
import type { Db, Tx } from '../../db/database.ts';
import { populationCount } from '../population/queries.ts';
import { capacityAsOf, type CapacityTotals } from '../providers/queries.ts';
import { ELDERLY_CARE_FACILITY_TYPES } from '../providers/facility-types.ts';
import { escapeLike } from '../providers/reach.ts';
import { certifiedCarers, certifiedStaffRate, socialWorkers } from '../staff/queries.ts';
import { rateOf } from '../visits/rate.ts';

/** A region subtree on a date; `once` shares one registry query among the computations that read it. */
export interface ComputationContext {
  db: Db | Tx;
  region: string;
  date: string;
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** The registry reads computations share, by `once` key: a batch loader may supply them for many regions at once. */
export type Preloaded = Map<string, unknown>;

export type Computation = (context: ComputationContext) => Promise<number | null>;

export function computationContext(
  db: Db | Tx,
  region: string,
  date: string,
  preloaded: Preloaded = new Map(),
): ComputationContext {
  const loads = new Map<string, Promise<unknown>>(
    [...preloaded].map(([key, value]) => [key, Promise.resolve(value)]),
  );
  return {
    db,
    region,
    date,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!loads.has(key)) loads.set(key, load());
      return loads.get(key) as Promise<T>;
    },
  };
}

/** Residential institutions (养老机构): the types whose beds the plans count. */
export const CARE_HOME_TYPES = ELDERLY_CARE_FACILITY_TYPES.filter((type) =>
  ['care_home', 'township_care_home', 'medical_care_institution'].includes(type),
);

export const ELDERLY_CAPACITY_KEY = (privateOnly: boolean) => `elderly_capacity:${privateOnly}`;

function elderlyCapacity(pick: (totals: CapacityTotals) => number, privateOnly = false): Computation {
  return async ({ db, region, date, once }) =>
    pick(
      (
        await once(ELDERLY_CAPACITY_KEY(privateOnly), () =>
          capacityAsOf(db, region, date, {
            domains: ['elderly_care'],
            ...(privateOnly ? { ownerships: ['private', 'publicly_built_privately_operated'] } : {}),
          }),
        )
      ).totals,
    );
}

function childcareCapacity(pick: (totals: CapacityTotals) => number): Computation {
  return async ({ db, region, date, once }) =>
    pick(
      (await once('childcare_capacity', () => capacityAsOf(db, region, date, { domains: ['childcare'] })))
        .totals,
    );
}

/** The years with population figures anywhere in the subtree up to the date's year, newest first. */
export async function populationYears(db: Db | Tx, region: string, year: number): Promise<number[]> {
  const rows = await db
    .selectFrom('population_figure')
    .select('year')
    .distinct()
    .where('region_code', 'like', `${escapeLike(region)}%`)
    .where('year', '<=', year)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((row) => row.year);
}

export const POPULATION_QUERIES = {
  resident_population: { basis: 'resident', ageFrom: 0, ageTo: null },
  population_60_plus: { basis: 'resident', ageFrom: 60, ageTo: null },
  registered_population_60_plus: { basis: 'registered', ageFrom: 60, ageTo: null },
} as const satisfies Record<
  string,
  { basis: 'resident' | 'registered'; ageFrom: number; ageTo: number | null }
>;

// A census or bulletin counts a year; the latest published year up to the date's stands until the next one.
function population(key: keyof typeof POPULATION_QUERIES): Computation {
  const { basis, ageFrom, ageTo } = POPULATION_QUERIES[key];
  return ({ db, region, date, once }) =>
    once(`population:${key}`, async () => {
      const years = await once('population_years', () =>
        populationYears(db, region, Number(date.slice(0, 4))),
      );
      for (const year of years) {
        const found = await populationCount(db, region, { year, basis, sex: 'total', ageFrom, ageTo });
        if (found) return found.count;
      }
      return null;
    });
}

const childcareStaff = ({ db, region, date, once }: ComputationContext) =>
  once('childcare_staff', () => certifiedStaffRate(db, region, date, 'childcare'));

export const COMPUTATIONS = {
  beds_total: elderlyCapacity((t) => t.bedsTotal),
  nursing_beds: elderlyCapacity((t) => t.bedsNursing),
  dementia_beds: elderlyCapacity((t) => t.bedsDementia),
  inclusive_beds: elderlyCapacity((t) => t.bedsInclusive),
  private_beds: elderlyCapacity((t) => t.bedsTotal, true),
  care_homes: ({ db, region, date, once }) =>
    once(
      'care_homes',
      async () =>
        (await capacityAsOf(db, region, date, { facilityTypes: CARE_HOME_TYPES })).totals.facilities,
    ),
  childcare_places: childcareCapacity((t) => t.places),
  inclusive_childcare_places: childcareCapacity((t) => t.placesInclusive),
  childcare_facilities: childcareCapacity((t) => t.facilities),
  inclusive_childcare_facilities: childcareCapacity((t) => t.inclusiveFacilities),
  resident_population: population('resident_population'),
  population_60_plus: population('population_60_plus'),
  registered_population_60_plus: population('registered_population_60_plus'),
  certified_carers: ({ db, region, date, once }) =>
    once('certified_carers', () => certifiedCarers(db, region, date)),
  social_workers: ({ db, region, date, once }) =>
    once('social_workers', () => socialWorkers(db, region, date)),
  childcare_staff: async (context) => (await childcareStaff(context)).staff,
  certified_childcare_staff: async (context) => (await childcareStaff(context)).certified,
  // Caring visits: the month of the date, so the rate moves as visits are verified.
  visit_targets: async ({ db, region, date, once }) =>
    (await once('visit_rate', () => rateOf(db, region, date.slice(0, 7)))).targets,
  visited_targets: async ({ db, region, date, once }) =>
    (await once('visit_rate', () => rateOf(db, region, date.slice(0, 7)))).visited,
} satisfies Record<string, Computation>;

export type ComputationKey = keyof typeof COMPUTATIONS;

export function isComputationKey(key: string): key is ComputationKey {
  return Object.hasOwn(COMPUTATIONS, key);
}

/** Computations whose values add up over regions, so a gap in them is a number of things to build. */
export const ADDITIVE_CAPACITY: readonly ComputationKey[] = [
  'beds_total',
  'nursing_beds',
  'dementia_beds',
  'inclusive_beds',
  'private_beds',
  'care_homes',
  'childcare_places',
  'inclusive_childcare_places',
  'childcare_facilities',
  'inclusive_childcare_facilities',
];
