// 养老机构 of the demo city: on 2020-12-31 exactly the plan's 51 institutions with 8,554 beds, 4,529 of them
// nursing-type (10 medical-care institutions with 2,103 beds among them, 19 others with a clinic or nursing station),
// then year by year toward "养老床位突破10000张" with a rising nursing-type share.
import type { MedicalIntegration, Ownership } from '../domains/providers/facility-types.ts';
import type { CapacityFigures } from '../domains/providers/rules.ts';
import { apportion } from './apportion.ts';
import { PROVIDER_WORDS } from './names.ts';
import type { PlannedFacility } from './provider-book.ts';
import {
  facilityFor,
  KANGLE,
  pickCounty,
  pickTownship,
  type Draft,
  type ResidentialContext as Context,
} from './residential-drafts.ts';
import { growResidential } from './residential-growth.ts';
import type { DemoCounty, DemoTownship } from './demo-regions.ts';

export { KANGLE, RESIDENTIAL_TYPES } from './residential-drafts.ts';

/** The 2020 institutions before their beds are known. */
function drafts(ctx: Context): Draft[] {
  const { random, regions, size } = ctx;
  const words = random.shuffle(PROVIDER_WORDS.filter((word) => word !== '康乐'));
  let nextWord = 0;
  const word = () => words[nextWord++ % words.length];
  const list: Draft[] = [];

  // One 敬老院 per town, taking the counties in turn so a small demo still spreads them.
  const towns = regions.counties.map((county) =>
    county.townships
      .filter((township) => township.kind !== 'street')
      .map((township) => ({ county, township })),
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

  const kangleCounty =
    regions.counties.find((county) => county.code === KANGLE.county) ?? regions.counties[0];
  list.push({
    kind: 'care_home',
    county: kangleCounty,
    township:
      kangleCounty.townships.find((township) => township.kind === 'street') ?? kangleCounty.townships[0],
    name: KANGLE.name,
    ownership: 'private',
    openedOn: '2016-03-18',
    weight: 0,
    special: 'kangle',
  });
  for (let i = 1; i < size.residential.careHomes; i++) {
    const ownership: Ownership =
      i === 1 || i === 4 ? 'public' : i % 4 === 2 ? 'publicly_built_privately_operated' : 'private';
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
  const kangleBeds = Math.min(
    120,
    Math.floor((size.residential.beds - size.residential.medicalCareBeds) / 4),
  );
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
  const nonMedical = [
    ...others.map((draft, i) => ({ draft, beds: otherBeds[i] })),
    { draft: kangle, beds: kangleBeds },
  ];
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
    others
      .filter((draft) => draft.kind === 'care_home')
      .slice(0, Math.max(1, Math.round(size.residential.careHomes / 8))),
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
  others.forEach((draft, i) =>
    facilities.push(facilityFor(ctx, draft, figures(draft, otherBeds[i], otherNursing[i]))),
  );
  // A few more never filed: small private homes, as the departments' own registers find them.
  const unfiledExtra = facilities
    .filter(
      (facility) =>
        facility.ownership === 'private' && facility.facilityType === 'care_home' && !facility.neverFiled,
    )
    .slice(0, Math.max(0, size.residential.unfiled - 1));
  for (const facility of unfiledExtra) facility.neverFiled = true;

  growResidential(ctx, facilities);
  return { facilities, kangle: kangleFacility };
}
