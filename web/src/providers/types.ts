/** Shapes of the providers API (src/domains/providers/*): organisations, facilities, capacity history. */
import type { Domain, Me } from '../api/types';

export const ELDERLY_CARE_FACILITY_TYPES = [
  'care_home',
  'township_care_home',
  'community_elderly_centre',
  'day_care_centre',
  'meal_point',
  'rural_mutual_aid_home',
  'medical_care_institution',
] as const;
export const CHILDCARE_FACILITY_TYPES = [
  'childcare_institution',
  'kindergarten_toddler_class',
  'community_childcare_point',
  'home_childcare_point',
] as const;
export const FACILITY_TYPES = [...ELDERLY_CARE_FACILITY_TYPES, ...CHILDCARE_FACILITY_TYPES] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];
export type FacilityDomain = 'elderly_care' | 'childcare';

export const OWNERSHIPS = ['public', 'private', 'publicly_built_privately_operated'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const ORGANISATION_TYPES = [
  'government_agency',
  'public_institution',
  'social_organisation',
  'company',
  'individual_business',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const OPERATING_STATUSES = ['preparing', 'operating', 'suspended', 'closed'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];
export const MEDICAL_INTEGRATIONS = [
  'none',
  'signed_agreement',
  'nursing_station',
  'internal_clinic',
  'hospital',
] as const;
export type MedicalIntegration = (typeof MEDICAL_INTEGRATIONS)[number];

export interface Organisation {
  id: number;
  regionCode: string;
  uscc: string;
  name: string;
  organisationType: OrganisationType | null;
  ownership: Ownership | null;
  legalPerson: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
}

export interface CapacityFigures {
  operatingStatus: OperatingStatus;
  bedsTotal: number;
  bedsNursing: number;
  bedsDementia: number;
  bedsInclusive: number;
  placesInfant: number;
  placesYoungToddler: number;
  placesOlderToddler: number;
  placesMixed: number;
  placesInclusive: number;
  inclusive: boolean;
  floorArea: number | null;
  grade: number | null;
  medicalIntegration: MedicalIntegration;
}

export interface CapacityPeriod extends CapacityFigures {
  id: number;
  facilityId: number;
  validFrom: string;
  /** Exclusive: the first day the figures no longer apply; null while open. */
  validTo: string | null;
  note: string | null;
  recordedAt: string;
}

interface FeeRange {
  min: number | null;
  max: number | null;
}

export interface Facility {
  id: number;
  regionCode: string;
  organisationId: number;
  name: string;
  facilityType: FacilityType;
  domain: FacilityDomain;
  ownership: Ownership;
  address: string;
  longitude: number | null;
  latitude: number | null;
  openedOn: string | null;
  specialRoles: string[];
  residentTypes: string[];
  serviceModes: string[];
  premisesTenure: 'owned' | 'leased' | 'free_use' | null;
  premisesLeaseEnds: string | null;
  fireSafety: 'passed' | 'pending' | 'failed' | null;
  foodLicenceNumber: string | null;
  liabilityInsurance: boolean | null;
  ltcInsuranceDesignated: boolean | null;
  videoSurveillance: boolean | null;
  fees: { bed: FeeRange; nursing: FeeRange; meal: FeeRange; childcare: FeeRange; depositMax: number | null };
  /** The period in effect today, if any. */
  current: CapacityPeriod | null;
}

export interface Totals {
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

export interface CapacitySummary {
  regionCode: string;
  asOf: string;
  domains: FacilityDomain[];
  capacityStatuses: OperatingStatus[];
  totals: Totals;
  byType: (Totals & { facilityType: FacilityType; domain: FacilityDomain })[];
  facilityCounts: {
    facilityType: FacilityType;
    ownership: Ownership;
    operatingStatus: OperatingStatus;
    facilities: number;
  }[];
}

export const domainOf = (type: FacilityType): FacilityDomain =>
  (CHILDCARE_FACILITY_TYPES as readonly string[]).includes(type) ? 'childcare' : 'elderly_care';

/** Places of a childcare period: the four age groups (inclusive places are a part of them). */
export const placesOf = (figures: CapacityFigures) =>
  figures.placesInfant + figures.placesYoungToddler + figures.placesOlderToddler + figures.placesMixed;

/** The headline number of a period: beds for elderly care, places for childcare. */
export const headline = (domain: FacilityDomain, figures: CapacityFigures) =>
  domain === 'childcare' ? placesOf(figures) : figures.bedsTotal;

/**
 * Which side of the API the user works on: government users (providers.read) see facilities of their departments
 * under /api; provider users (providers.own) see their own organisations' under /api/provider.
 */
export function providerSide(me: Me): { government: boolean; prefix: '/api' | '/api/provider' } {
  const government = me.permissions.includes('providers.read');
  return { government, prefix: government ? '/api' : '/api/provider' };
}

/** The facility domains a government user's departments supervise (planning and administrators: both). */
export function readableDomains(me: Me): FacilityDomain[] {
  const domains = new Set<Domain | null>(me.roles.map((role) => role.domain));
  if (me.roles.some((role) => role.role === 'platform_admin') || domains.has('planning'))
    return ['elderly_care', 'childcare'];
  return (['elderly_care', 'childcare'] as const).filter((domain) => domains.has(domain));
}

export const STATUS_COLORS: Record<OperatingStatus, string> = {
  preparing: 'blue',
  operating: 'green',
  suspended: 'orange',
  closed: 'default',
};
