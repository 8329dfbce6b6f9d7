// Community elderly services of the demo city: the plan's 186 county, township and village centres (养老服务中心) on
// 2020-12-31 (county guidance centres, a centre in every street and town, stations and day-care centres in the
// communities), more stations each year after, and meal points and rural mutual-aid homes, which the plan mentions
// without a count: those are synthetic and their records say so.
import type { FacilityType, Ownership } from '../domains/providers/facility-types.ts';
import {
  addressIn,
  coordinatesIn,
  villagesOf,
  type DemoCounty,
  type DemoRegions,
  type DemoVillage,
} from './demo-regions.ts';
import { GROWTH_YEARS, type DemoSize } from './demo-size.ts';
import type { Operators } from './operators.ts';
import type { PlannedFacility, ProviderBook } from './provider-book.ts';
import type { Random } from './random.ts';
import { dayIn, yearWindow } from './timeline.ts';

interface Context {
  book: ProviderBook;
  regions: DemoRegions;
  size: DemoSize;
  random: Random;
  asOf: string;
  operators: Operators;
}

export const SYNTHETIC_NOTE = '演示数据（合成）：规划未给出该类设施数量';

interface Site {
  county: DemoCounty;
  regionCode: string;
  label: string;
  village: DemoVillage;
}

function addFacility(
  ctx: Context,
  site: Site,
  spec: {
    name: string;
    type: FacilityType;
    openedOn: string;
    floorArea: number;
    note?: string;
    roles?: string[];
  },
): PlannedFacility {
  const { book, random, operators } = ctx;
  const ownership: Ownership = random.chance(0.45) ? 'publicly_built_privately_operated' : 'public';
  const organisation =
    ownership === 'public'
      ? operators.publicOf.get(site.county.code)!
      : random.pick(operators.privateIn.get(site.county.code)!);
  const meals = spec.type === 'meal_point' || spec.type === 'day_care_centre';
  return book.facility(
    {
      name: book.freeName(spec.name),
      organisationUscc: organisation.uscc,
      regionCode: site.regionCode,
      facilityType: spec.type,
      ownership,
      address: addressIn(ctx.regions, site.village, random).replace(
        /\d+栋\d+单元\d+室$/,
        `${random.int(1, 80)}号`,
      ),
      coordinates: coordinatesIn(site.county, random),
      openedOn: spec.openedOn,
      specialRoles: spec.roles ?? [],
      residentTypes: [],
      serviceModes: spec.type === 'day_care_centre' ? ['full_day', 'half_day'] : [],
      premisesTenure: 'free_use',
      premisesLeaseEnds: null,
      fireSafety: 'passed',
      foodLicenceNumber: meals
        ? `JY3${site.county.code}${String(random.int(0, 99_999_999)).padStart(8, '0')}`
        : null,
      liabilityInsurance: random.chance(0.7),
      ltcInsuranceDesignated: false,
      videoSurveillance: random.chance(0.6),
      fees: meals ? { meal: [random.int(6, 10) * 50, random.int(12, 18) * 50] } : {},
    },
    { operatingStatus: 'operating', floorArea: spec.floorArea, note: spec.note },
  );
}

export function planCommunityServices(ctx: Context): PlannedFacility[] {
  const { random, regions, size } = ctx;
  const planned: PlannedFacility[] = [];
  const used = new Set<string>();
  const villageSite = (village: DemoVillage): Site => ({
    county: regions.counties.find((county) => county.code === village.countyCode)!,
    regionCode: village.code,
    label: village.shortName,
    village,
  });
  // Villages in an order that alternates counties, so even a small demo has services in each.
  const byCounty = regions.counties.map((county) => random.shuffle(villagesOf(county)));
  const villages: DemoVillage[] = [];
  for (let i = 0; villages.length < byCounty.flat().length; i++) {
    for (const list of byCounty) if (list[i]) villages.push(list[i]);
  }
  const take = (want: (village: DemoVillage) => boolean): DemoVillage | null => {
    const village = villages.find((candidate) => !used.has(candidate.code) && want(candidate)) ?? null;
    if (village) used.add(village.code);
    return village;
  };

  regions.counties.slice(0, size.centres.countyLevel).forEach((county) => {
    const seat = county.townships[0];
    planned.push(
      addFacility(ctx, villageSite(seat.villages[0]), {
        name: `${county.name}养老服务指导中心`,
        type: 'community_elderly_centre',
        openedOn: random.date('2018-01-01', '2019-12-31'),
        floorArea: random.int(8, 20) * 100,
      }),
    );
  });
  const townships = regions.counties.map((county) => county.townships);
  const interleaved = [];
  for (let i = 0; interleaved.length < townships.flat().length; i++) {
    for (const list of townships) if (list[i]) interleaved.push(list[i]);
  }
  for (const township of interleaved.slice(0, size.centres.townshipLevel)) {
    const street = township.kind === 'street';
    planned.push(
      addFacility(ctx, villageSite(random.pick(township.villages)), {
        name: `${township.name}${street ? '综合养老服务中心' : '区域性养老服务中心'}`,
        type: 'community_elderly_centre',
        openedOn: random.date('2016-01-01', '2020-11-30'),
        floorArea: random.int(5, 15) * 100,
        roles: street ? ['street_centre'] : [],
      }),
    );
  }
  const station = (openedOn: string, note?: string) => {
    const village = take(() => true);
    if (!village) return;
    planned.push(
      addFacility(ctx, villageSite(village), {
        name: `${village.shortName}${village.urban ? '居家养老服务站' : '村级养老服务站'}`,
        type: 'community_elderly_centre',
        openedOn,
        floorArea: random.int(15, 60) * 10,
        note,
      }),
    );
  };
  for (let i = 0; i < size.centres.stations; i++) station(random.date('2014-01-01', '2020-12-15'));
  for (let i = 0; i < size.centres.dayCare; i++) {
    const village = take((candidate) => candidate.urban) ?? take(() => true);
    if (!village) break;
    planned.push(
      addFacility(ctx, villageSite(village), {
        name: `${village.shortName}日间照料中心`,
        type: 'day_care_centre',
        openedOn: random.date('2014-01-01', '2020-12-15'),
        floorArea: random.int(20, 80) * 10,
      }),
    );
  }
  GROWTH_YEARS.forEach((year, index) => {
    const window = yearWindow(year, ctx.asOf);
    if (!window) return;
    for (let i = 0; i < size.centres.openedByYear[index]; i++)
      station(dayIn(window, random), `${year}年新建`);
  });

  // Meal points in communities and villages alike; mutual-aid homes in villages only.
  for (let i = 0; i < size.mealPoints; i++) {
    const village = take(() => true);
    if (!village) break;
    const openedOn = random.date('2017-01-01', ctx.asOf < '2025-12-31' ? ctx.asOf : '2025-12-31');
    planned.push(
      addFacility(ctx, villageSite(village), {
        name: `${village.shortName}${village.urban ? '老年助餐点' : '老年食堂'}`,
        type: 'meal_point',
        openedOn,
        floorArea: random.int(6, 30) * 10,
        note: SYNTHETIC_NOTE,
      }),
    );
  }
  for (let i = 0; i < size.mutualAidHomes; i++) {
    const village = take((candidate) => !candidate.urban);
    if (!village) break;
    planned.push(
      addFacility(ctx, villageSite(village), {
        name: `${village.shortName}农村幸福院`,
        type: 'rural_mutual_aid_home',
        openedOn: random.date('2014-01-01', ctx.asOf < '2024-12-31' ? ctx.asOf : '2024-12-31'),
        floorArea: random.int(10, 40) * 10,
        note: SYNTHETIC_NOTE,
      }),
    );
  }
  return planned;
}
