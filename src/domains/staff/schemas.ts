import { z } from 'zod';
import { RegionCode } from '../../server/schemas.ts';
import { FACILITY_DOMAINS } from '../providers/facility-types.ts';
import { IsoDate, Paging } from '../providers/schemas.ts';
import { StaffEditFields, StaffName } from './staff-fields.ts';
import { BACKGROUND_CHECK_KINDS, CERTIFICATE_TYPES, CHECK_RESULTS, STAFF_ROLES } from './staff-types.ts';

const Id = z.number().int().positive();

export const StaffInput = z.object({
  /** A provider user acting for one organisation may leave it out. */
  organisationId: Id.optional(),
  facilityId: Id.optional(),
  /** Taken from the facility or the role when left out. */
  domain: z.enum(FACILITY_DOMAINS).optional(),
  name: StaffName,
  role: z.enum(STAFF_ROLES),
  employedFrom: IsoDate,
  /** The last day of employment. */
  employedTo: IsoDate.optional(),
  idNumber: z.string().trim().max(32).optional(),
});
export const StaffPatch = StaffEditFields.extend({
  facilityId: Id.nullable().optional(),
  role: z.enum(STAFF_ROLES).optional(),
});

export const CertificateInput = z.object({
  certificateType: z.enum(CERTIFICATE_TYPES),
  number: z.string().trim().min(1).max(64),
  issuer: z.string().trim().min(1).max(200),
  validFrom: IsoDate,
  /** The last day of validity; left out when it does not expire. */
  validTo: IsoDate.optional(),
});
export const BackgroundCheckInput = z.object({
  kind: z.enum(BACKGROUND_CHECK_KINDS),
  result: z.enum(CHECK_RESULTS),
  checkedOn: IsoDate,
  /** The last day the check counts; a health certificate must say. */
  validTo: IsoDate.optional(),
});

export const Certificate = CertificateInput.extend({
  id: z.number().int(),
  validTo: z.string().nullable(),
  inForce: z.boolean(),
});
export const BackgroundCheck = BackgroundCheckInput.extend({
  id: z.number().int(),
  validTo: z.string().nullable(),
});

export const StaffMember = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  organisationId: z.number().int(),
  facilityId: z.number().int().nullable(),
  domain: z.enum(FACILITY_DOMAINS),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  employedFrom: z.string(),
  employedTo: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  /** Holds a qualification in force today. */
  certified: z.boolean(),
  /** Every check the standards require of this member holds today. */
  checksComplete: z.boolean(),
  checksMissing: z.array(z.enum(BACKGROUND_CHECK_KINDS)),
  certificates: z.array(Certificate),
  backgroundChecks: z.array(BackgroundCheck),
});
export type StaffMemberView = z.infer<typeof StaffMember>;

export const StaffListQuery = z.object({
  region: RegionCode.optional(),
  organisationId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53)
    .optional(),
  facilityId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53)
    .optional(),
  role: z.enum(STAFF_ROLES).optional(),
  domain: z.enum(FACILITY_DOMAINS).optional(),
  /** Only those employed on this date. */
  employedOn: IsoDate.optional(),
  ...Paging,
});
