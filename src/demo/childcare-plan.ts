// Childcare of the demo city: the plan's 43 providers with 1,869 places on 2020-12-31 (institutions, kindergarten
// toddler classes, community and home points), then the plan's new places year by year (2,664 / 2,000 / 2,200 / 800 /
// 500 for 2021–2025), more of them inclusive each year, and at least one public or publicly built institution in
// every district, as the plan requires.
import type { FacilityType, Ownership } from '../domains/providers/facility-types.ts';
import type { CapacityFigures } from '../domains/providers/rules.ts';
import { apportion } from './apportion.ts';
import { addressIn, coordinatesIn, villagesOf, type DemoCounty, type DemoRegions } from './demo-regions.ts';
import { GROWTH_YEARS, type DemoSize } from './demo-size.ts';
import { NURSERY_WORDS } from './names.ts';
import { organisationFor, type Operators } from './operators.ts';
import { placesOf, type CapacityChange, type PlannedFacility, type ProviderBook } from './provider-book.ts';
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

const COUNTY_WEIGHTS: Record<string, number> = {
  '340602': 0.17,
  '340603': 0.38,
  '340604': 0.15,
  '340621': 0.3,
};

/** Places by class (乳儿班, 托小班, 托大班, 混龄班) the way each kind of provider usually takes children. */
function classes(type: FacilityType, places: number): Partial<CapacityFigures> {
  if (type === 'childcare_institution') {
    const [infant, young, older] = apportion(places, [1, 3.5, 5.5]);
    return { placesInfant: infant, placesYoungToddler: young, placesOlderToddler: older, placesMixed: 0 };
  }
  if (type === 'kindergarten_toddler_class') {
    const [young, older] = apportion(places, [3, 7]);
    return { placesInfant: 0, placesYoungToddler: young, placesOlderToddler: older, placesMixed: 0 };
  }
  return { placesInfant: 0, placesYoungToddler: 0, placesOlderToddler: 0, placesMixed: places };
}

const CAPS: Record<string, [number, number]> = {
  childcare_institution: [40, 160],
  kindergarten_toddler_class: [20, 60],
  community_childcare_point: [15, 40],
  home_childcare_point: [3, 5],
};

interface Creation {
  type: FacilityType;
  county: DemoCounty;
  ownership: Ownership;
  openedOn: string;
  places: number;
  inclusive: boolean;
  note?: string;
}

export function planChildcare(ctx: Context): PlannedFacility[] {
  const { book, random, regions, size } = ctx;
  const words = random.shuffle(NURSERY_WORDS);
  let nextWord = 0;
  const facilities: PlannedFacility[] = [];

  const create = (spec: Creation): PlannedFacility => {
    const village = random.pick(
      villagesOf(spec.county).filter(
        (candidate) => candidate.urban || spec.type !== 'community_childcare_point',
      ),
    );
    const word = words[nextWord++ % words.length];
    const countyName = `${regions.cityName}${spec.county.name}`;
    const name = book.freeName(
      spec.type === 'childcare_institution'
        ? `${countyName}${word}${random.pick(['托育园', '托育中心', '婴幼儿照护中心'])}`
        : spec.type === 'kindergarten_toddler_class'
          ? `${countyName}${word}幼儿园托班`
          : spec.type === 'community_childcare_point'
            ? `${village.shortName}${village.shortName.endsWith('社区') ? '' : '社区'}托育点`
            : `${village.shortName}${word}家庭托育点`,
    );
    const category =
      spec.ownership === 'public'
        ? '12'
        : spec.type === 'home_childcare_point'
          ? '92'
          : random.chance(0.7)
            ? '91'
            : '52';
    const address = addressIn(regions, village, random).replace(
      /\d+栋\d+单元\d+室$/,
      `${random.int(1, 200)}号`,
    );
    const organisation =
      spec.ownership === 'publicly_built_privately_operated' && spec.type === 'community_childcare_point'
        ? random.pick(ctx.operators.privateIn.get(spec.county.code)!)
        : organisationFor(book, random, {
            county: spec.county,
            regionCode: village.townshipCode,
            name: spec.type === 'kindergarten_toddler_class' ? name.replace(/托班$/, '') : name,
            category,
            ownership: spec.ownership,
            address,
          });
    const leased = spec.ownership === 'private' && random.chance(0.8);
    const fee = spec.inclusive ? random.int(10, 16) * 100 : random.int(16, 32) * 100;
    const first: CapacityChange = {
      operatingStatus: 'operating',
      ...classes(spec.type, spec.places),
      placesInclusive: spec.inclusive ? spec.places : 0,
      inclusive: spec.inclusive,
      floorArea: spec.places * random.int(7, 10),
      note: spec.note,
    };
    const facility = book.facility(
      {
        name,
        organisationUscc: organisation.uscc,
        regionCode: village.code,
        facilityType: spec.type,
        ownership: spec.ownership,
        address,
        coordinates: coordinatesIn(spec.county, random),
        openedOn: spec.openedOn,
        specialRoles: [],
        residentTypes: [],
        serviceModes:
          spec.type === 'home_childcare_point'
            ? ['full_day']
            : random.pick([
                ['full_day'],
                ['full_day', 'half_day'],
                ['full_day', 'half_day', 'hourly', 'temporary'],
              ]),
        premisesTenure: leased ? 'leased' : spec.ownership === 'private' ? 'owned' : 'free_use',
        premisesLeaseEnds: leased ? random.date('2028-01-01', '2035-12-31') : null,
        fireSafety: 'passed',
        foodLicenceNumber:
          spec.type === 'home_childcare_point'
            ? null
            : `JY3${spec.county.code}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        liabilityInsurance: random.chance(0.8),
        ltcInsuranceDesignated: false,
        videoSurveillance: true,
        fees: {
          childcare: [fee, fee + random.int(2, 8) * 100],
          meal: [random.int(8, 12) * 50, random.int(13, 16) * 50],
        },
      },
      first,
    );
    facilities.push(facility);
    return facility;
  };

  const pickCounty = () =>
    random.weighted(regions.counties.map((county) => [county, COUNTY_WEIGHTS[county.code] ?? 0.1] as const));

  // 2020: the 43, their places adding up to the published 1,869.
  const kinds: [FacilityType, number][] = [
    ['childcare_institution', size.childcare.institutions],
    ['kindergarten_toddler_class', size.childcare.toddlerClasses],
    ['community_childcare_point', size.childcare.communityPoints],
    ['home_childcare_point', size.childcare.homePoints],
  ];
  const baseline = kinds.flatMap(([type, count]) => Array.from({ length: count }, () => type));
  const caps = baseline.map((type) => CAPS[type][1]);
  const places = apportion(
    size.childcare.places,
    baseline.map((type) => random.int(CAPS[type][0], CAPS[type][1])),
    caps,
  );
  baseline.forEach((type, i) => {
    // Every county has providers from the start; after that they follow where the children are.
    const county = i < regions.counties.length ? regions.counties[i] : pickCounty();
    const ownership: Ownership =
      type === 'kindergarten_toddler_class'
        ? random.chance(0.6)
          ? 'public'
          : 'private'
        : type === 'community_childcare_point'
          ? 'publicly_built_privately_operated'
          : type === 'childcare_institution' && i % 8 === 3
            ? 'public'
            : 'private';
    create({
      type,
      county,
      ownership,
      openedOn: random.date('2016-06-01', '2020-11-30'),
      places: places[i],
      inclusive: false,
    });
  });
  // 2020's inclusive providers: public ones first.
  const byPublicFirst = [...facilities].sort(
    (a, b) => Number(b.ownership !== 'private') - Number(a.ownership !== 'private'),
  );
  for (const facility of byPublicFirst.slice(0, size.childcare.inclusive2020)) {
    const from = facility.openedOn;
    book.change(facility, from, {
      inclusive: true,
      placesInclusive: placesOf(book.figuresOn(facility, from)!),
    });
  }

  GROWTH_YEARS.forEach((year, index) => {
    const window = yearWindow(year, ctx.asOf);
    if (!window) return;
    const yearEnd = window[1];
    let quota = size.childcare.newPlacesByYear[index];
    const share = size.childcare.inclusiveShareByYear[index];
    const totals = () => {
      let all = 0;
      let inclusive = 0;
      for (const facility of facilities) {
        const figures = book.figuresOn(facility, yearEnd);
        if (figures?.operatingStatus !== 'operating') continue;
        all += placesOf(figures);
        inclusive += figures.placesInclusive;
      }
      return { all, inclusive };
    };

    if (year === 2021) {
      // The rest of the 14 inclusive projects of 2020–2021 designate existing providers.
      const designated = random
        .shuffle(facilities.filter((facility) => !book.figuresOn(facility, window[0])?.inclusive))
        .slice(0, size.childcare.inclusive2021);
      for (const facility of designated) {
        const day = dayIn(window, random);
        book.change(facility, day, {
          inclusive: true,
          placesInclusive: placesOf(book.figuresOn(facility, day)!),
          note: '普惠托育服务专项行动项目',
        });
      }
      // Every district gets a public or publicly built institution.
      for (const county of regions.counties) {
        const has = facilities.some(
          (facility) =>
            facility.regionCode.startsWith(county.code) &&
            facility.facilityType === 'childcare_institution' &&
            facility.ownership !== 'private',
        );
        if (has || quota < CAPS.childcare_institution[0]) continue;
        const placesNew = Math.min(quota, random.int(8, 12) * 10);
        create({
          type: 'childcare_institution',
          county,
          ownership: random.chance(0.5) ? 'public' : 'publicly_built_privately_operated',
          openedOn: dayIn(window, random),
          places: placesNew,
          inclusive: true,
          note: `${year}年新建（公办/公建民营示范）`,
        });
        quota -= placesNew;
      }
    }

    // Institutions add rooms for a quarter of the year's places, new providers open for the rest.
    const growing = random
      .shuffle(
        facilities.filter(
          (facility) =>
            facility.facilityType === 'childcare_institution' &&
            facility.openedOn < window[0] &&
            book.figuresOn(facility, yearEnd)?.operatingStatus === 'operating',
        ),
      )
      .slice(0, 8);
    const expansion = growing.length > 0 ? Math.round(quota * 0.25) : 0;
    let fresh = quota - expansion;
    while (fresh > 0) {
      const drawn = random.weighted<FacilityType>([
        ['childcare_institution', 0.6],
        ['kindergarten_toddler_class', 0.25],
        ['community_childcare_point', 0.1],
        ['home_childcare_point', 0.05],
      ]);
      const [low, high] = CAPS[drawn];
      const placesNew = fresh <= high ? fresh : random.int(low, high);
      if (placesNew < low && drawn !== 'childcare_institution') continue;
      // What is left at the end of the year's quota opens as whatever fits it.
      const type: FacilityType =
        placesNew <= CAPS.home_childcare_point[1]
          ? 'home_childcare_point'
          : placesNew < CAPS.community_childcare_point[0]
            ? 'childcare_institution'
            : drawn;
      const now = totals();
      create({
        type,
        county: pickCounty(),
        ownership:
          type === 'kindergarten_toddler_class'
            ? random.chance(0.7)
              ? 'public'
              : 'private'
            : type === 'community_childcare_point'
              ? 'publicly_built_privately_operated'
              : 'private',
        openedOn: dayIn(window, random),
        places: placesNew,
        inclusive: now.all > 0 && now.inclusive / now.all < share,
        note: `${year}年新建`,
      });
      fresh -= placesNew;
    }
    const adds = apportion(
      expansion,
      growing.map(() => random.int(1, 4)),
    );
    growing.forEach((facility, k) => {
      if (adds[k] === 0) return;
      const day = dayIn(window, random);
      const now = book.figuresOn(facility, day)!;
      const total = placesOf(now) + adds[k];
      book.change(facility, day, {
        ...classes('childcare_institution', total),
        placesInclusive: now.inclusive ? total : now.placesInclusive,
        floorArea: Math.round((now.floorArea ?? 0) + adds[k] * 8),
      });
    });

    // Providers join the inclusive scheme until the year's share of inclusive places is reached.
    const candidates = random.shuffle(
      facilities.filter((facility) => {
        const figures = book.figuresOn(facility, yearEnd);
        return (
          figures?.operatingStatus === 'operating' && !figures.inclusive && facility.openedOn < window[0]
        );
      }),
    );
    for (const facility of candidates) {
      const now = totals();
      if (now.all === 0 || now.inclusive / now.all >= share) break;
      const day = dayIn(window, random);
      const figures = book.figuresOn(facility, day)!;
      if (figures.inclusive) continue;
      book.change(facility, day, {
        inclusive: true,
        placesInclusive: placesOf(figures),
        note: '认定为普惠性托育机构',
      });
    }

    if (year === 2023) {
      // A home point closes when its carer retires: childcare history has endings too.
      const home = facilities.find(
        (facility) => facility.facilityType === 'home_childcare_point' && facility.openedOn < '2023-01-01',
      );
      const day = dayIn(window, random);
      if (home) book.change(home, day, { operatingStatus: 'closed', note: '举办者停办' });
    }
  });
  return facilities;
}
