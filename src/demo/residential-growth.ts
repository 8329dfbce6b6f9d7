// The institutions' history after 2020: openings, a renovation, a township home merging into its neighbour's,
// expansions and conversions to nursing-type beds up to each year's target, grading rounds, nursing stations.
import { addDays } from '../domains/calendar/working-days.ts';
import type { Ownership } from '../domains/providers/facility-types.ts';
import { apportion } from './apportion.ts';
import { GROWTH_YEARS } from './demo-size.ts';
import { PROVIDER_WORDS } from './names.ts';
import type { PlannedFacility } from './provider-book.ts';
import {
  facilityFor,
  pickCounty,
  pickTownship,
  type Draft,
  type ResidentialContext as Context,
} from './residential-drafts.ts';
import { dayIn, yearWindow } from './timeline.ts';

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
export function growResidential(ctx: Context, facilities: PlannedFacility[]): void {
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
        book.change(smallest, '2023-06-30', {
          operatingStatus: 'closed',
          note: '并入邻近敬老院，原址停止运营',
        });
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
      const grown = random
        .shuffle(operating().filter((facility) => facility.openedOn < window[0]))
        .slice(0, 6);
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
        Math.min(
          wanted,
          rooms.reduce((a, b) => a + b, 0),
        ),
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
