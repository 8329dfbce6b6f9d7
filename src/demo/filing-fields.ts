// What a demo facility files: its record as the filing form asks for it, on the day it files. Checked with the
// filing domain's own schemas, so the public list never shows a filing the API would have refused.
import type { CapacityFigures } from '../domains/providers/rules.ts';
import { facilityTypeProblems, parseFields } from '../domains/filing/fields.ts';
import type { FilingDomain, FilingKind } from '../domains/filing/deadlines.ts';
import { addDays, dayNumber } from '../domains/calendar/working-days.ts';
import type { PlannedFacility, PlannedOrganisation } from './provider-book.ts';
import type { Random } from './random.ts';

const range = (pair: [number, number] | undefined, fallback: [number, number]) => {
  const [min, max] = pair ?? fallback;
  return { min, max };
};

function fireSafety(facility: PlannedFacility) {
  return facility.fireSafety === 'passed' ? 'acceptance_passed' : 'filed_with_fire_department';
}

function elderlyFields(
  facility: PlannedFacility,
  organisation: PlannedOrganisation,
  figures: CapacityFigures,
  countyName: string,
) {
  const integration = figures.medicalIntegration;
  return {
    name: facility.name,
    address: facility.address,
    legalRepresentative: organisation.legalPerson,
    floorAreaM2: figures.floorArea ?? figures.bedsTotal * 35,
    ownership: facility.ownership,
    fireSafety: fireSafety(facility),
    foodLicence: facility.foodLicenceNumber ? 'licensed' : 'outsourced',
    beds: {
      total: figures.bedsTotal,
      nursingType: figures.bedsNursing,
      fullCare: Math.round(figures.bedsNursing * 0.5),
      dayCare: 0,
    },
    premisesTenure: facility.premisesTenure,
    specialRoles: facility.specialRoles,
    residentTypes: facility.residentTypes.length > 0 ? facility.residentTypes : ['self_care'],
    liabilityInsurance: facility.liabilityInsurance,
    longTermCareDesignated: facility.ltcInsuranceDesignated,
    medicalIntegration: {
      internalClinic: integration === 'internal_clinic' || integration === 'hospital',
      nursingStation: integration === 'nursing_station',
      signedMedicalInstitution:
        integration === 'signed_agreement'
          ? facility.facilityType === 'township_care_home'
            ? `${facility.name.replace(/敬老院$/, '')}卫生院`
            : `${countyName}人民医院`
          : null,
    },
    fees: {
      bed: range(facility.fees.bed, [0, 0]),
      nursing: range(facility.fees.nursing, [0, 0]),
      meals: range(facility.fees.meal, [0, 0]),
      deposit: facility.fees.depositMax ? { min: 0, max: facility.fees.depositMax } : null,
    },
    firstAdmissionDate: facility.openedOn >= '2020-11-01' ? facility.openedOn : null,
    starLevel: figures.grade,
  };
}

function childcareFields(
  facility: PlannedFacility,
  organisation: PlannedOrganisation,
  figures: CapacityFigures,
  filedOn: string,
  random: Random,
) {
  let termYears: number | null = null;
  if (facility.premisesTenure === 'leased') {
    // A lease with less than three years to run is renewed before filing: the standard asks for three.
    if (!facility.premisesLeaseEnds || dayNumber(facility.premisesLeaseEnds) - dayNumber(filedOn) < 3 * 366) {
      facility.premisesLeaseEnds = addDays(filedOn, 366 * random.int(4, 10));
    }
    termYears = Math.floor((dayNumber(facility.premisesLeaseEnds) - dayNumber(filedOn)) / 365.25);
  } else if (facility.premisesTenure === 'free_use') {
    // Free-use agreements with the community run for years at a time.
    termYears = random.int(5, 10);
  }
  return {
    name: facility.name,
    address: facility.address,
    legalRepresentative: organisation.legalPerson,
    floorAreaM2: figures.floorArea ?? 100,
    ownership: facility.ownership,
    fireSafety: fireSafety(facility),
    foodLicence: facility.foodLicenceNumber ? 'licensed' : 'no_meals',
    registration:
      organisation.organisationType === 'public_institution'
        ? 'public_institution'
        : organisation.organisationType === 'social_organisation'
          ? 'social_service_organisation'
          : 'company',
    places: {
      infant: figures.placesInfant,
      youngToddler: figures.placesYoungToddler,
      olderToddler: figures.placesOlderToddler,
      mixed: figures.placesMixed,
    },
    services: facility.serviceModes.length > 0 ? facility.serviceModes : ['full_day'],
    premises: { tenure: facility.premisesTenure, termYears },
    videoSurveillanceRetentionDays: 90,
    healthEvaluation: 'qualified',
    inclusive: figures.inclusive,
    monthlyFee: facility.fees.childcare ? range(facility.fees.childcare, [0, 0]) : null,
  };
}

export interface FieldsInput {
  domain: FilingDomain;
  kind: FilingKind;
  facility: PlannedFacility;
  organisation: PlannedOrganisation;
  figures: CapacityFigures;
  countyName: string;
  filedOn: string;
  random: Random;
}

/** The filed fields, parsed as the API parses them; a demo facility that would not pass is a bug in the demo. */
export function filingFields(input: FieldsInput): Record<string, unknown> {
  const raw =
    input.domain === 'elderly_care'
      ? elderlyFields(input.facility, input.organisation, input.figures, input.countyName)
      : childcareFields(input.facility, input.organisation, input.figures, input.filedOn, input.random);
  const parsed = parseFields(input.domain, input.kind, raw);
  const problems = parsed.ok
    ? facilityTypeProblems(input.facility.facilityType, input.kind, parsed.value)
    : parsed.problems;
  if (!parsed.ok || problems.length > 0) {
    throw new Error(`demo filing of ${input.facility.name} is invalid: ${JSON.stringify(problems)}`);
  }
  return parsed.value;
}

export function deregistrationFields(closedOn: string, residential: boolean): Record<string, unknown> {
  const parsed = parseFields('elderly_care', 'deregistration', {
    reason: residential ? '并入邻近机构，原址停止运营，入住老人已妥善安置' : '举办者停办',
    closedOn,
    residentsResettled: residential ? true : null,
  });
  if (!parsed.ok) throw new Error(`demo deregistration is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}
