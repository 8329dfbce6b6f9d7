// Shared by the residential plan and its growth: where institutions settle, how they are named and drafted, and
// how a draft becomes a planned facility with its organisation.
import type { Ownership } from '../domains/providers/facility-types.ts';
import { makeUscc } from '../shared/uscc.ts';
import {
  addressIn,
  coordinatesIn,
  type DemoCounty,
  type DemoRegions,
  type DemoTownship,
} from './demo-regions.ts';
import type { DemoSize } from './demo-size.ts';
import { organisationFor } from './operators.ts';
import type { CapacityChange, PlannedFacility, ProviderBook } from './provider-book.ts';
import type { Random } from './random.ts';

/** The provider demo account's organisation: one of the 51, in 相山区. */
export const KANGLE = {
  name: '淮北市相山区康乐养老院',
  uscc: makeUscc('52340603MJB12345X'),
  county: '340603',
};

export const RESIDENTIAL_TYPES = ['care_home', 'township_care_home', 'medical_care_institution'] as const;

export interface ResidentialContext {
  book: ProviderBook;
  regions: DemoRegions;
  size: DemoSize;
  random: Random;
  asOf: string;
}

// Where private institutions settle: the city centre most, rural 濉溪 a fair share.
const COUNTY_WEIGHTS: Record<string, number> = {
  '340602': 0.15,
  '340603': 0.4,
  '340604': 0.15,
  '340621': 0.3,
};

export function pickCounty(ctx: ResidentialContext): DemoCounty {
  return ctx.random.weighted(
    ctx.regions.counties.map((county) => [county, COUNTY_WEIGHTS[county.code] ?? 0.1]),
  );
}

export function pickTownship(ctx: ResidentialContext, county: DemoCounty): DemoTownship {
  const streets = county.townships.filter((township) => township.kind === 'street');
  return ctx.random.pick(streets.length > 0 && ctx.random.chance(0.7) ? streets : county.townships);
}

function range(random: Random, low: [number, number], spread: [number, number], step = 10): [number, number] {
  const min = Math.round(random.int(low[0], low[1]) / step) * step;
  return [min, min + Math.round(random.int(spread[0], spread[1]) / step) * step];
}

export interface Draft {
  kind: 'township' | 'medical' | 'care_home';
  county: DemoCounty;
  township: DemoTownship;
  name: string;
  ownership: Ownership;
  openedOn: string;
  weight: number;
  special?: 'honour_home' | 'kangle' | 'welfare_centre';
}

/** A drafted institution as a planned facility run by its own organisation (康乐养老院 keeps its known code). */
export function facilityFor(ctx: ResidentialContext, draft: Draft, first: CapacityChange): PlannedFacility {
  const { book, random, regions } = ctx;
  if (draft.special !== 'kangle') draft.name = book.freeName(draft.name);
  const village = random.pick(draft.township.villages);
  const address = addressIn(regions, village, random).replace(
    /\d+栋\d+单元\d+室$/,
    `${random.int(1, 300)}号`,
  );
  const publicSide = draft.ownership !== 'private';
  const organisation =
    draft.special === 'kangle'
      ? organisationFor(book, random, {
          county: draft.county,
          regionCode: draft.county.code,
          name: KANGLE.name,
          category: '52',
          ownership: 'private',
          address,
          uscc: KANGLE.uscc,
        })
      : organisationFor(book, random, {
          county: draft.county,
          regionCode: draft.township.code,
          name: draft.name,
          category: draft.ownership === 'public' ? '12' : random.chance(0.6) ? '52' : '91',
          ownership: draft.ownership,
          address,
        });
  const leased = !publicSide && random.chance(0.6);
  return book.facility(
    {
      name: draft.name,
      organisationUscc: organisation.uscc,
      regionCode: village.code,
      facilityType:
        draft.kind === 'township'
          ? 'township_care_home'
          : draft.kind === 'medical'
            ? 'medical_care_institution'
            : 'care_home',
      ownership: draft.ownership,
      address,
      coordinates: coordinatesIn(draft.county, random),
      openedOn: draft.openedOn,
      specialRoles:
        draft.kind === 'township'
          ? ['extreme_poverty_support']
          : draft.special === 'honour_home'
            ? ['honour_home']
            : [],
      residentTypes:
        draft.kind === 'medical'
          ? ['semi_disabled', 'disabled', 'demented']
          : draft.kind === 'township'
            ? ['self_care', 'semi_disabled']
            : ['self_care', 'semi_disabled', 'disabled'],
      serviceModes: [],
      premisesTenure: leased
        ? 'leased'
        : publicSide
          ? draft.ownership === 'public'
            ? 'owned'
            : 'free_use'
          : 'owned',
      premisesLeaseEnds: leased ? random.date('2028-01-01', '2036-12-31') : null,
      fireSafety: draft.kind === 'township' && random.chance(0.15) ? 'pending' : 'passed',
      foodLicenceNumber: `JY3${draft.county.code}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      liabilityInsurance: random.chance(0.85),
      ltcInsuranceDesignated: draft.kind === 'medical' || random.chance(0.15),
      videoSurveillance: random.chance(0.9),
      fees:
        draft.kind === 'township'
          ? { bed: [0, 600], nursing: [0, 800], meal: [0, 450], depositMax: 0 }
          : {
              bed: range(random, [600, 1200], [300, 900]),
              nursing: range(random, [200, 600], [800, 2500]),
              meal: range(random, [450, 700], [100, 300]),
              depositMax: draft.ownership === 'private' ? random.int(1, 10) * 1000 : 0,
            },
    },
    { operatingStatus: 'operating', ...first },
  );
}
