// What is on the 相山区 officers' desks the day the demo is loaded: two care homes whose filings are being handled, a
// new home that admitted residents without filing (an overdue alert), and a nursery waiting for its receipt.
import { addDays } from '../domains/calendar/working-days.ts';
import type { FacilityType } from '../domains/providers/facility-types.ts';
import { addressIn, coordinatesIn, type DemoRegions } from './demo-regions.ts';
import { organisationFor } from './operators.ts';
import type { CapacityChange, PlannedFacility, ProviderBook } from './provider-book.ts';
import type { Random } from './random.ts';

export const PENDING_COUNTY = '340603';

export interface PendingFacilities {
  /** Submitted a few days ago, not yet received. */
  submitted: PlannedFacility;
  /** Received, the department's decision pending. */
  received: PlannedFacility;
  /** Admitted its first residents six weeks ago and has not filed: past the 10-working-day deadline. */
  unfiled: PlannedFacility;
  /** A nursery that submitted twelve days ago: its receipt (5 working days) is overdue. */
  childcare: PlannedFacility;
}

export function planPending(
  book: ProviderBook,
  regions: DemoRegions,
  random: Random,
  asOf: string,
): PendingFacilities {
  const county =
    regions.counties.find((candidate) => candidate.code === PENDING_COUNTY) ?? regions.counties[0];
  const make = (
    name: string,
    type: FacilityType,
    daysAgo: number,
    first: CapacityChange,
  ): PlannedFacility => {
    const township = random.pick(county.townships);
    const village = random.pick(township.villages);
    const address = addressIn(regions, village, random).replace(
      /\d+栋\d+单元\d+室$/,
      `${random.int(1, 300)}号`,
    );
    const organisation = organisationFor(book, random, {
      county,
      regionCode: township.code,
      name,
      category: type === 'childcare_institution' ? '91' : '52',
      ownership: 'private',
      address,
    });
    const childcare = type === 'childcare_institution';
    return book.facility(
      {
        name,
        organisationUscc: organisation.uscc,
        regionCode: village.code,
        facilityType: type,
        ownership: 'private',
        address,
        coordinates: coordinatesIn(county, random),
        openedOn: addDays(asOf, -daysAgo),
        specialRoles: [],
        residentTypes: childcare ? [] : ['self_care', 'semi_disabled', 'disabled'],
        serviceModes: childcare ? ['full_day', 'half_day'] : [],
        premisesTenure: 'leased',
        premisesLeaseEnds: addDays(asOf, 365 * 8),
        fireSafety: 'passed',
        foodLicenceNumber: `JY3${county.code}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        liabilityInsurance: true,
        ltcInsuranceDesignated: false,
        videoSurveillance: true,
        fees: childcare
          ? { childcare: [2200, 3000], meal: [500, 700] }
          : { bed: [900, 1600], nursing: [400, 2800], meal: [600, 900], depositMax: 5000 },
      },
      { operatingStatus: 'operating', ...first },
    );
  };
  const place = county.name;
  return {
    submitted: make(`淮北市${place}泰康颐养院`, 'care_home', 25, {
      bedsTotal: 96,
      bedsNursing: 64,
      floorArea: 3600,
      medicalIntegration: 'signed_agreement',
    }),
    received: make(`淮北市${place}仁济护理院`, 'medical_care_institution', 70, {
      bedsTotal: 160,
      bedsNursing: 150,
      floorArea: 6400,
      medicalIntegration: 'hospital',
    }),
    unfiled: make(`淮北市${place}安馨老年公寓`, 'care_home', 45, {
      bedsTotal: 40,
      bedsNursing: 12,
      floorArea: 1300,
      medicalIntegration: 'signed_agreement',
    }),
    // A nursery takes no child before its filing is receipted: it is still preparing.
    childcare: make(`淮北市${place}小橡树托育园`, 'childcare_institution', 20, {
      operatingStatus: 'preparing',
      placesInfant: 10,
      placesYoungToddler: 30,
      placesOlderToddler: 40,
      floorArea: 720,
    }),
  };
}
