// 养老机构 of the demo city: on 2020-12-31 exactly the plan's 51 institutions with 8,554 beds, 4,529 of them
// nursing-type (10 medical-care institutions with 2,103 beds among them, 19 others with a clinic or nursing station),
// then year by year toward "养老床位突破10000张" with a rising nursing-type share.
import { addDays } from '../domains/calendar/working-days.ts';
import type { MedicalIntegration, Ownership } from '../domains/providers/facility-types.ts';
import type { CapacityFigures } from '../domains/providers/rules.ts';
import { makeUscc } from '../shared/uscc.ts';
import { apportion } from './apportion.ts';
import { addressIn, coordinatesIn, type DemoCounty, type DemoRegions, type DemoTownship } from './demo-regions.ts';
import { GROWTH_YEARS, type DemoSize } from './demo-size.ts';
import { PROVIDER_WORDS } from './names.ts';
import { organisationFor } from './operators.ts';
import type { CapacityChange, PlannedFacility, ProviderBook } from './provider-book.ts';
import type { Random } from './random.ts';
import { BASELINE_DAY, dayIn, yearWindow } from './timeline.ts';

/** The provider demo account's organisation: one of the 51, in 相山区. */
export const KANGLE = {
  name: '淮北市相山区康乐养老院',
  uscc: makeUscc('52340603MJB12345X'),
  county: '340603',
};

export const RESIDENTIAL_TYPES = ['care_home', 'township_care_home', 'medical_care_institution'] as const;

interface Context {
  book: ProviderBook;
  regions: DemoRegions;
  size: DemoSize;
  random: Random;
  asOf: string;
}

// Where private institutions settle: the city centre most, rural 濉溪 a fair share.
const COUNTY_WEIGHTS: Record<string, number> = { '340602': 0.15, '340603': 0.4, '340604': 0.15, '340621': 0.3 };

function pickCounty(ctx: Context): DemoCounty {
  return ctx.random.weighted(ctx.regions.counties.map((county) => [county, COUNTY_WEIGHTS[county.code] ?? 0.1]));
}

function pickTownship(ctx: Context, county: DemoCounty): DemoTownship {
  const streets = county.townships.filter((township) => township.kind === 'street');
  return ctx.random.pick(streets.length > 0 && ctx.random.chance(0.7) ? streets : county.townships);
}

function range(random: Random, low: [number, number], spread: [number, number], step = 10): [number, number] {
  const min = Math.round(random.int(low[0], low[1]) / step) * step;
  return [min, min + Math.round(random.int(spread[0], spread[1]) / step) * step];
}

interface Draft {
  kind: 'township' | 'medical' | 'care_home';
  county: DemoCounty;
  township: DemoTownship;
  name: string;
  ownership: Ownership;
  openedOn: string;
  weight: number;
  special?: 'honour_home' | 'kangle' | 'welfare_centre';
}

/** The 2020 institutions before their beds are known. */
function drafts(ctx: Context): Draft[] {
  const { random, regions, size } = ctx;
  const words = random.shuffle(PROVIDER_WORDS.filter((word) => word !== '康乐'));
  let nextWord = 0;
  const word = () => words[nextWord++ % words.length];
  const list: Draft[] = [];

  // One 敬老院 per town, taking the counties in turn so a small demo still spreads them.
  const towns = regions.counties.map((county) =>
    county.townships.filter((township) => township.kind !== 'street').map((township) => ({ county, township })),
  );
  const interleaved: { county: DemoCounty; township: DemoTownship }[] = [];
  for (let i = 0; interleaved.length < towns.flat().length; i++) {
    for (const list of towns) if (list[i]) interleaved.push(list[i]);
  }
  for (const { county, township } of interleaved.slice(0, size.residential.townshipCareHomes)) {
    list.push({
      kind: 'township',
      county,
      township,
      name: `${county.name}${township.name}敬老院`,
      ownership: 'public',
      openedOn: random.date('1985-01-01', '2010-12-31'),
      weight: random.int(40, 120),
    });
  }

  for (let i = 0; i < size.residential.medicalCare; i++) {
    const county = pickCounty(ctx);
    list.push({
      kind: 'medical',
      county,
      township: pickTownship(ctx, county),
      name: i % 2 === 0 ? `淮北市${word()}护理院` : `${county.name}${word()}医养结合中心`,
      ownership: i % 4 === 1 ? 'public' : 'private',
      openedOn: random.date('2010-01-01', '2019-12-31'),
      weight: random.int(120, 320),
    });
  }

  const kangleCounty = regions.counties.find((county) => county.code === KANGLE.county) ?? regions.counties[0];
  list.push({
    kind: 'care_home',
    county: kangleCounty,
    township: kangleCounty.townships.find((township) => township.kind === 'street') ?? kangleCounty.townships[0],
    name: KANGLE.name,
    ownership: 'private',
    openedOn: '2016-03-18',
    weight: 0,
    special: 'kangle',
  });
  for (let i = 1; i < size.residential.careHomes; i++) {
    const ownership: Ownership = i === 1 || i === 4 ? 'public' : i % 4 === 2 ? 'publicly_built_privately_operated' : 'private';
    if (i === 1) {
      list.push({
        kind: 'care_home',
        county: kangleCounty,
        township: pickTownship(ctx, kangleCounty),
        name: `${regions.cityName}社会福利中心`,
        ownership,
        openedOn: '1998-06-01',
        weight: 350,
        special: 'welfare_centre',
      });
      continue;
    }
    const county = i === 4 ? regions.counties[regions.counties.length - 1] : pickCounty(ctx);
    const stem = word();
    const name =
      i === 4
        ? `${county.name}光荣院`
        : random.pick([`淮北市${county.name}${stem}养老院`, `淮北${stem}老年公寓`, `淮北市${stem}颐养中心`]);
    list.push({
      kind: 'care_home',
      county,
      township: pickTownship(ctx, county),
      name,
      ownership,
      openedOn: random.date('2003-01-01', '2020-10-31'),
      weight: random.int(40, 300),
      ...(i === 4 && { special: 'honour_home' as const }),
    });
  }
  return list;
}

function facilityFor(ctx: Context, draft: Draft, first: CapacityChange): PlannedFacility {
  const { book, random, regions } = ctx;
  if (draft.special !== 'kangle') draft.name = book.freeName(draft.name);
  const village = random.pick(draft.township.villages);
  const address = addressIn(regions, village, random).replace(/\d+栋\d+单元\d+室$/, `${random.int(1, 300)}号`);
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
        draft.kind === 'township' ? 'township_care_home' : draft.kind === 'medical' ? 'medical_care_institution' : 'care_home',
      ownership: draft.ownership,
      address,
      coordinates: coordinatesIn(draft.county, random),
      openedOn: draft.openedOn,
      specialRoles:
        draft.kind === 'township' ? ['extreme_poverty_support'] : draft.special === 'honour_home' ? ['honour_home'] : [],
      residentTypes:
        draft.kind === 'medical'
          ? ['semi_disabled', 'disabled', 'demented']
          : draft.kind === 'township'
            ? ['self_care', 'semi_disabled']
            : ['self_care', 'semi_disabled', 'disabled'],
      serviceModes: [],
      premisesTenure: leased ? 'leased' : publicSide ? (draft.ownership === 'public' ? 'owned' : 'free_use') : 'owned',
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

export interface ResidentialPlan {
  /** All institutions the demo ever has, the pending ones excluded. */
  facilities: PlannedFacility[];
  kangle: PlannedFacility;
}

export function planResidential(ctx: Context): ResidentialPlan {
  const { random, size } = ctx;
  const all = drafts(ctx);
  const medical = all.filter((draft) => draft.kind === 'medical');
  const kangle = all.find((draft) => draft.special === 'kangle')!;
  const others = all.filter((draft) => draft.kind !== 'medical' && draft !== kangle);
  const kangleBeds = Math.min(120, Math.floor((size.residential.beds - size.residential.medicalCareBeds) / 4));
  const kangleNursing = Math.round(kangleBeds * (2 / 3));

  const medicalBeds = apportion(
    size.residential.medicalCareBeds,
    medical.map((draft) => draft.weight),
  );
  const medicalNursing = apportion(
    Math.round(size.residential.medicalCareBeds * 0.9),
    medicalBeds,
    medicalBeds,
  );
  const otherBeds = apportion(
    size.residential.beds - size.residential.medicalCareBeds - kangleBeds,
    others.map((draft) => draft.weight),
  );
  const otherNursing = apportion(
    size.residential.nursingBeds - medicalNursing.reduce((a, b) => a + b, 0) - kangleNursing,
    others.map((draft, i) => otherBeds[i] * (draft.kind === 'township' ? 0.2 : 0.6)),
    otherBeds,
  );

  // The largest non-medical institutions have the clinics: the plan wants one in every home of 150 beds or more.
  const nonMedical = [...others.map((draft, i) => ({ draft, beds: otherBeds[i] })), { draft: kangle, beds: kangleBeds }];
  const withClinic = new Set(
    [...nonMedical]
      .sort((a, b) => b.beds - a.beds)
      .slice(0, size.residential.withClinic)
      .map((entry) => entry.draft),
  );
  const integration = (draft: Draft, beds: number): MedicalIntegration => {
    if (draft.kind === 'medical') return 'hospital';
    if (withClinic.has(draft)) return random.chance(0.6) ? 'internal_clinic' : 'nursing_station';
    return draft.kind === 'township' && beds < 60 && random.chance(0.4) ? 'none' : 'signed_agreement';
  };
  const dementiaHomes = new Set(
    others.filter((draft) => draft.kind === 'care_home').slice(0, Math.max(1, Math.round(size.residential.careHomes / 8))),
  );

  const figures = (draft: Draft, beds: number, nursing: number): Partial<CapacityFigures> => {
    const inclusive = draft.ownership !== 'private';
    return {
      bedsTotal: beds,
      bedsNursing: nursing,
      bedsDementia: dementiaHomes.has(draft) ? Math.min(nursing, random.int(1, 3) * 10) : 0,
      bedsInclusive: inclusive ? Math.round(beds * 0.8) : 0,
      inclusive,
      floorArea: Math.round((beds * random.int(28, 45)) / 10) * 10,
      medicalIntegration: integration(draft, beds),
    };
  };
  const facilities: PlannedFacility[] = [];
  medical.forEach((draft, i) =>
    facilities.push(facilityFor(ctx, draft, figures(draft, medicalBeds[i], medicalNursing[i]))),
  );
  const kangleFacility = facilityFor(ctx, kangle, figures(kangle, kangleBeds, kangleNursing));
  kangleFacility.neverFiled = true;
  facilities.push(kangleFacility);
  others.forEach((draft, i) => facilities.push(facilityFor(ctx, draft, figures(draft, otherBeds[i], otherNursing[i]))));
  // A few more never filed: small private homes, as the departments' own registers find them.
  const unfiledExtra = facilities
    .filter((facility) => facility.ownership === 'private' && facility.facilityType === 'care_home' && !facility.neverFiled)
    .slice(0, Math.max(0, size.residential.unfiled - 1));
  for (const facility of unfiledExtra) facility.neverFiled = true;

  growResidential(ctx, facilities);
  return { facilities, kangle: kangleFacility };
}

function operatingTotals(ctx: Context, facilities: PlannedFacility[], date: string) {
  let beds = 0;
  let nursing = 0;
  for (const facility of facilities) {
    const figures = ctx.book.figuresOn(facility, date);
    if (figures?.operatingStatus !== 'operating') continue;
    beds += figures.bedsTotal;
    nursing += figures.bedsNursing;
  }
  return { beds, nursing };
}

/** Year by year: openings, a closure, expansions and conversions to nursing-type beds, grading rounds. */
function growResidential(ctx: Context, facilities: PlannedFacility[]): void {
  const { book, random, size } = ctx;
  const words = random.shuffle(PROVIDER_WORDS.filter((word) => word !== '康乐'));
  GROWTH_YEARS.forEach((year, index) => {
    const window = yearWindow(year, ctx.asOf);
    if (!window) return;
    const yearEnd = window[1];
    const dates = new Map<PlannedFacility, string>();
    const dateFor = (facility: PlannedFacility) => {
      if (!dates.has(facility)) {
        dates.set(facility, facility.openedOn >= window[0] ? facility.openedOn : dayIn(window, random));
      }
      return dates.get(facility)!;
    };
    const operating = () =>
      facilities.filter((facility) => book.figuresOn(facility, yearEnd)?.operatingStatus === 'operating');

    if (year === 2022) {
      // One private home closes for renovation in spring and reopens in autumn.
      const renovated = facilities.find(
        (facility) =>
          facility.facilityType === 'care_home' &&
          facility.ownership === 'private' &&
          !facility.neverFiled &&
          facility.openedOn < '2021-01-01',
      );
      if (renovated && window[1] >= '2022-09-01') {
        book.change(renovated, '2022-03-01', { operatingStatus: 'suspended', note: '改造装修，暂停收住' });
        book.change(renovated, '2022-09-01', { operatingStatus: 'operating', note: '改造完成，恢复运营' });
      }
    }
    if (year === 2023 && window[1] >= '2023-06-30') {
      // The smallest township home merges into its neighbour's: its residents move, the old one closes.
      const townships = facilities.filter((facility) => facility.facilityType === 'township_care_home');
      const smallest = [...townships].sort(
        (a, b) => book.figuresOn(a, '2023-06-29')!.bedsTotal - book.figuresOn(b, '2023-06-29')!.bedsTotal,
      )[0];
      if (smallest && townships.length > 1) {
        book.change(smallest, '2023-06-30', { operatingStatus: 'closed', note: '并入邻近敬老院，原址停止运营' });
      }
    }

    const target = size.residential.bedsByYear[index];
    let { beds } = operatingTotals(ctx, facilities, yearEnd);
    const opening = size.residential.openedByYear[index];
    if (opening > 0) {
      const room = Math.max(target - beds, 0);
      const sizes = apportion(
        Math.max(Math.round(room * 0.55), opening * 30),
        Array.from({ length: opening }, () => random.int(60, 200)),
      );
      sizes.forEach((newBeds, k) => {
        const county = pickCounty(ctx);
        const township = pickTownship(ctx, county);
        const ownership: Ownership = random.chance(0.6) ? 'private' : 'publicly_built_privately_operated';
        const draft: Draft = {
          kind: 'care_home',
          county,
          township,
          name: book.freeName(`淮北市${county.name}${words[(index * 3 + k) % words.length]}颐养院`),
          ownership,
          openedOn: dayIn(window, random),
          weight: newBeds,
        };
        const facility = facilityFor(ctx, draft, {
          bedsTotal: newBeds,
          bedsNursing: Math.round(newBeds * 0.65),
          bedsInclusive: ownership === 'private' ? 0 : Math.round(newBeds * 0.6),
          inclusive: ownership !== 'private',
          floorArea: newBeds * 40,
          medicalIntegration: newBeds >= 150 ? 'internal_clinic' : 'signed_agreement',
          note: `${year}年新建`,
        });
        facilities.push(facility);
      });
      beds = operatingTotals(ctx, facilities, yearEnd).beds;
    }

    // Expansions make up the rest of the year's new beds.
    if (target > beds) {
      const grown = random.shuffle(operating().filter((facility) => facility.openedOn < window[0])).slice(0, 6);
      const adds = apportion(
        target - beds,
        grown.map(() => random.int(1, 5)),
      );
      grown.forEach((facility, k) => {
        if (adds[k] === 0) return;
        const now = book.figuresOn(facility, yearEnd)!;
        book.change(facility, dateFor(facility), {
          bedsTotal: now.bedsTotal + adds[k],
          floorArea: Math.round(((now.floorArea ?? 0) + adds[k] * 35) / 10) * 10,
        });
      });
    }

    // Conversions to nursing-type beds bring the share to the year's target.
    const totals = operatingTotals(ctx, facilities, yearEnd);
    const wanted = Math.round(totals.beds * size.residential.nursingShareByYear[index]) - totals.nursing;
    if (wanted > 0) {
      const open = operating();
      const rooms = open.map((facility) => {
        const now = book.figuresOn(facility, yearEnd)!;
        return Math.max(Math.round(now.bedsTotal * 0.95) - now.bedsNursing, 0);
      });
      const adds = apportion(
        Math.min(wanted, rooms.reduce((a, b) => a + b, 0)),
        rooms,
        rooms,
      );
      open.forEach((facility, k) => {
        if (adds[k] === 0) return;
        const now = book.figuresOn(facility, yearEnd)!;
        book.change(facility, dateFor(facility), { bedsNursing: now.bedsNursing + adds[k] });
      });
    }

    if (year === 2022 || year === 2024) gradingRound(ctx, facilities, `${year}-10-15`);
    if (year === 2023) {
      // Homes of 150 beds or more without a clinic add a nursing station, as the plan requires.
      for (const facility of operating()) {
        const now = book.figuresOn(facility, yearEnd)!;
        if (now.bedsTotal >= 150 && ['none', 'signed_agreement'].includes(now.medicalIntegration)) {
          book.change(facility, dateFor(facility), { medicalIntegration: 'nursing_station' });
        }
      }
    }
  });
}

/** 养老机构等级评定: about half the institutions are graded, the larger ones higher. */
function gradingRound(ctx: Context, facilities: PlannedFacility[], day: string): void {
  if (day > ctx.asOf) return;
  for (const facility of facilities) {
    const now = ctx.book.figuresOn(facility, addDays(day, -1));
    if (now?.operatingStatus !== 'operating' || !ctx.random.chance(0.5)) continue;
    const earned = now.bedsTotal >= 250 ? 4 : now.bedsTotal >= 120 ? 3 : now.bedsTotal >= 60 ? 2 : 1;
    const grade = Math.min(5, Math.max(now.grade ?? 0, earned + (ctx.random.chance(0.2) ? 1 : 0)));
    if (grade !== now.grade) ctx.book.change(facility, day, { grade });
  }
}

export { BASELINE_DAY };
