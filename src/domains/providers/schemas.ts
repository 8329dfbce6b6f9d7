import { z } from 'zod';
import { RegionCode } from '../../server/schemas.ts';
import {
  FACILITY_DOMAINS,
  FACILITY_TYPES,
  FIRE_SAFETY,
  MEDICAL_INTEGRATIONS,
  OPERATING_STATUSES,
  ORGANISATION_TYPES,
  OWNERSHIPS,
  PREMISES_TENURES,
  RESIDENT_TYPES,
  SERVICE_MODES,
  SPECIAL_ROLES,
} from './facility-types.ts';
import {
  OrganisationAddress,
  OrganisationContacts,
  OrganisationName,
  UsccText,
} from './organisation-fields.ts';

export const IsoDate = z.iso.date();
export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});
export const Paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const Id = z.number().int().positive();
const Name = OrganisationName;
const Address = OrganisationAddress;

export { OrganisationContacts };
export const OrganisationInput = OrganisationContacts.extend({
  regionCode: RegionCode,
  uscc: UsccText,
  name: Name,
  /** Derived from the credit code when not given. */
  organisationType: z.enum(ORGANISATION_TYPES).optional(),
  ownership: z.enum(OWNERSHIPS),
});
export const OrganisationPatch = OrganisationInput.partial();

export const Organisation = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  uscc: z.string(),
  name: z.string(),
  organisationType: z.enum(ORGANISATION_TYPES).nullable(),
  ownership: z.enum(OWNERSHIPS).nullable(),
  legalPerson: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
});
export type OrganisationView = z.infer<typeof Organisation>;

const Yuan = z.number().int().min(0).max(10_000_000);
const FeeRange = z.object({ min: Yuan.nullable().optional(), max: Yuan.nullable().optional() });
export const Fees = z.object({
  bed: FeeRange.optional(),
  nursing: FeeRange.optional(),
  meal: FeeRange.optional(),
  childcare: FeeRange.optional(),
  depositMax: Yuan.nullable().optional(),
});

/** The facility fields both sides may set; the organisation and region are chosen on creation. */
export const FacilityFields = z.object({
  name: Name,
  facilityType: z.enum(FACILITY_TYPES),
  /** Defaults to the organisation's ownership. */
  ownership: z.enum(OWNERSHIPS).optional(),
  address: Address,
  longitude: z.number().min(-180).max(180).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  openedOn: IsoDate.nullable().optional(),
  specialRoles: z.array(z.enum(SPECIAL_ROLES)).max(SPECIAL_ROLES.length).optional(),
  residentTypes: z.array(z.enum(RESIDENT_TYPES)).max(RESIDENT_TYPES.length).optional(),
  serviceModes: z.array(z.enum(SERVICE_MODES)).max(SERVICE_MODES.length).optional(),
  premisesTenure: z.enum(PREMISES_TENURES).nullable().optional(),
  premisesLeaseEnds: IsoDate.nullable().optional(),
  fireSafety: z.enum(FIRE_SAFETY).nullable().optional(),
  foodLicenceNumber: z.string().trim().min(1).max(64).nullable().optional(),
  liabilityInsurance: z.boolean().nullable().optional(),
  ltcInsuranceDesignated: z.boolean().nullable().optional(),
  videoSurveillance: z.boolean().nullable().optional(),
  fees: Fees.optional(),
});
export const FacilityInput = FacilityFields.extend({
  regionCode: RegionCode,
  /** Required for government users; a provider user acting for one organisation may leave it out. */
  organisationId: Id.optional(),
});
export const FacilityPatch = FacilityFields.extend({ regionCode: RegionCode }).partial();
export type FacilityFieldsInput = z.infer<typeof FacilityPatch>;

export const CapacityFields = z.object({
  operatingStatus: z.enum(OPERATING_STATUSES),
  bedsTotal: z.number().int().min(0).max(100_000),
  bedsNursing: z.number().int().min(0).max(100_000),
  bedsDementia: z.number().int().min(0).max(100_000),
  bedsInclusive: z.number().int().min(0).max(100_000),
  placesInfant: z.number().int().min(0).max(10_000),
  placesYoungToddler: z.number().int().min(0).max(10_000),
  placesOlderToddler: z.number().int().min(0).max(10_000),
  placesMixed: z.number().int().min(0).max(10_000),
  placesInclusive: z.number().int().min(0).max(40_000),
  inclusive: z.boolean(),
  floorArea: z.number().positive().max(1_000_000).nullable(),
  grade: z.number().int().min(1).max(5).nullable(),
  medicalIntegration: z.enum(MEDICAL_INTEGRATIONS),
});
export const CapacityInput = CapacityFields.partial().extend({
  validFrom: IsoDate,
  /** Exclusive: the first day the figures no longer apply. Leave out for "until further notice". */
  validTo: IsoDate.optional(),
  note: z.string().trim().max(500).optional(),
});

export const CapacityPeriod = CapacityFields.extend({
  id: z.number().int(),
  facilityId: z.number().int(),
  validFrom: z.string(),
  validTo: z
    .string()
    .nullable()
    .describe('exclusive: the first day the figures no longer apply; null while open'),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
export type CapacityPeriodView = z.infer<typeof CapacityPeriod>;

const FeeRangeView = z.object({ min: z.number().nullable(), max: z.number().nullable() });
export const Facility = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  organisationId: z.number().int(),
  name: z.string(),
  facilityType: z.enum(FACILITY_TYPES),
  domain: z.enum(FACILITY_DOMAINS),
  ownership: z.enum(OWNERSHIPS),
  address: z.string(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  openedOn: z.string().nullable(),
  specialRoles: z.array(z.string()),
  residentTypes: z.array(z.string()),
  serviceModes: z.array(z.string()),
  premisesTenure: z.enum(PREMISES_TENURES).nullable(),
  premisesLeaseEnds: z.string().nullable(),
  fireSafety: z.enum(FIRE_SAFETY).nullable(),
  foodLicenceNumber: z.string().nullable(),
  liabilityInsurance: z.boolean().nullable(),
  ltcInsuranceDesignated: z.boolean().nullable(),
  videoSurveillance: z.boolean().nullable(),
  fees: z.object({
    bed: FeeRangeView,
    nursing: FeeRangeView,
    meal: FeeRangeView,
    childcare: FeeRangeView,
    depositMax: z.number().nullable(),
  }),
  /** The period in effect today, if any. */
  current: CapacityPeriod.nullable(),
});
export type FacilityView = z.infer<typeof Facility>;

export const FacilityListQuery = z.object({
  region: RegionCode.optional(),
  type: z.enum(FACILITY_TYPES).optional(),
  domain: z.enum(FACILITY_DOMAINS).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  /** Operating status today. */
  status: z.enum(OPERATING_STATUSES).optional(),
  organisationId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53)
    .optional(),
  name: z.string().trim().min(1).max(100).optional(),
  ...Paging,
});
