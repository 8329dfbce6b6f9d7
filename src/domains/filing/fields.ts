import { z } from 'zod';
import {
  OWNERSHIPS,
  PREMISES_TENURES,
  RESIDENT_TYPES,
  SERVICE_MODES,
  SPECIAL_ROLES,
  type FacilityType,
} from '../providers/facility-types.ts';
import type { FilingDomain, FilingKind } from './deadlines.ts';

/**
 * What a provider files, per domain (domain.md §3–4). The standards a filing must meet (lease ≥ 3 years, video kept
 * ≥ 90 days, a 合格 health evaluation …) are checked here so the provider learns of a gap before submitting;
 * whether the premises really match is for the department's review and on-site check.
 */

const Count = z.number().int().min(0).max(100_000);
const Money = z.number().min(0).max(10_000_000);
const Text = (max: number) => z.string().trim().min(1).max(max);
const IsoDate = z.iso.date();

const FeeRange = z
  .object({ min: Money, max: Money })
  .refine((range) => range.min <= range.max, { message: 'min must not exceed max', path: ['max'] });

const FireSafety = z.enum(['acceptance_passed', 'filed_with_fire_department', 'safety_inspection_passed']);
const FoodLicence = z.enum(['licensed', 'outsourced', 'no_meals']);

const Common = {
  name: Text(200),
  address: Text(300),
  legalRepresentative: Text(50),
  floorAreaM2: z.number().positive().max(10_000_000),
  ownership: z.enum(OWNERSHIPS),
  fireSafety: FireSafety,
  foodLicence: FoodLicence,
};

export const ElderlyCareFields = z
  .object({
    ...Common,
    beds: z.object({ total: Count, nursingType: Count, fullCare: Count, dayCare: Count }),
    premisesTenure: z.enum(PREMISES_TENURES),
    specialRoles: z.array(z.enum(SPECIAL_ROLES)).max(3).default([]),
    residentTypes: z.array(z.enum(RESIDENT_TYPES)).min(1).max(4),
    liabilityInsurance: z.boolean(),
    longTermCareDesignated: z.boolean(),
    medicalIntegration: z.object({
      internalClinic: z.boolean(),
      nursingStation: z.boolean(),
      signedMedicalInstitution: Text(200).nullable().default(null),
    }),
    fees: z.object({
      bed: FeeRange,
      nursing: FeeRange,
      meals: FeeRange,
      deposit: FeeRange.nullable().default(null),
    }),
    /** When the first resident moved in: a care home must file within 10 working days of it. */
    firstAdmissionDate: IsoDate.nullable().default(null),
    starLevel: z.number().int().min(1).max(5).nullable().default(null),
  })
  .superRefine((fields, ctx) => {
    if (fields.beds.nursingType > fields.beds.total) {
      ctx.addIssue({
        code: 'custom',
        path: ['beds', 'nursingType'],
        message: 'nursing-type beds exceed total',
      });
    }
    if (fields.beds.fullCare > fields.beds.total) {
      ctx.addIssue({ code: 'custom', path: ['beds', 'fullCare'], message: 'full-care beds exceed total' });
    }
  });

export const ChildcareFields = z
  .object({
    ...Common,
    registration: z.enum(['public_institution', 'social_service_organisation', 'company']),
    places: z.object({ infant: Count, youngToddler: Count, olderToddler: Count, mixed: Count }),
    services: z.array(z.enum(SERVICE_MODES)).min(1).max(4),
    premises: z.object({
      tenure: z.enum(PREMISES_TENURES),
      /** Years of the lease or free-use agreement still to run. */
      termYears: z.number().min(0).max(100).nullable().default(null),
    }),
    videoSurveillanceRetentionDays: z
      .number()
      .int()
      .min(90, 'video surveillance must be kept at least 90 days')
      .max(3650),
    healthEvaluation: z.literal('qualified', 'the health evaluation must be 合格 (qualified)'),
    inclusive: z.boolean(),
    monthlyFee: FeeRange.nullable().default(null),
  })
  .superRefine((fields, ctx) => {
    const { premises, places } = fields;
    if (premises.tenure !== 'owned' && (premises.termYears ?? 0) < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['premises', 'termYears'],
        message: 'premises not owned need a lease or agreement of at least 3 years',
      });
    }
    if (places.infant + places.youngToddler + places.olderToddler + places.mixed === 0) {
      ctx.addIssue({ code: 'custom', path: ['places'], message: 'at least one childcare place' });
    }
  });

export const DeregistrationFields = z.object({
  reason: Text(500),
  closedOn: IsoDate,
  /** Elderly care: where the residents went is the department's first question. */
  residentsResettled: z.boolean().nullable().default(null),
});

export type ElderlyCareFieldValues = z.infer<typeof ElderlyCareFields>;
export type ChildcareFieldValues = z.infer<typeof ChildcareFields>;

/** The schema a filing's fields must meet: a deregistration only says why and when; the others the full record. */
export function fieldsSchema(domain: FilingDomain, kind: FilingKind): z.ZodType<Record<string, unknown>> {
  if (kind === 'deregistration') return DeregistrationFields;
  return domain === 'elderly_care' ? ElderlyCareFields : ChildcareFields;
}

export type FieldProblem = { path: string; message: string };

export function parseFields(
  domain: FilingDomain,
  kind: FilingKind,
  raw: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const parsed = fieldsSchema(domain, kind).safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/** The first admission date a filing declares, if any. */
export function firstAdmissionDateOf(fields: unknown): string | null {
  const value = (fields as { firstAdmissionDate?: unknown } | null)?.firstAdmissionDate;
  return typeof value === 'string' ? value : null;
}

/**
 * The facilities that file (备案): residential elderly-care institutions (≥10 beds, with civil affairs) and every
 * kind of childcare provider (with the health commission). Community centres, meal points and the like do not.
 */
export const FILED_FACILITY_TYPES: readonly FacilityType[] = [
  'care_home',
  'township_care_home',
  'medical_care_institution',
  'childcare_institution',
  'kindergarten_toddler_class',
  'community_childcare_point',
  'home_childcare_point',
];

/** Rules that depend on the kind of facility, not only its domain. */
export function facilityTypeProblems(
  type: FacilityType,
  kind: FilingKind,
  fields: Record<string, unknown>,
): FieldProblem[] {
  if (kind === 'deregistration') return [];
  const problems: FieldProblem[] = [];
  if (type === 'home_childcare_point') {
    const places = (fields as ChildcareFieldValues).places;
    if (places.infant + places.youngToddler + places.olderToddler + places.mixed > 5) {
      problems.push({ path: 'places', message: 'a home childcare point takes at most 5 children' });
    }
  }
  if (type === 'care_home' || type === 'township_care_home') {
    if ((fields as ElderlyCareFieldValues).beds.total < 10) {
      problems.push({ path: 'beds.total', message: 'a care home has at least 10 beds' });
    }
  }
  return problems;
}
