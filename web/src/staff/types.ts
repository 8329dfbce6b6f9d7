/** Shapes of the staff API (src/domains/staff/*). */
import type { FacilityDomain } from '../providers/types';

export const STAFF_ROLES = [
  'carer',
  'nurse',
  'childcare_worker',
  'health_worker',
  'social_worker',
  'manager',
  'other',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const CERTIFICATE_TYPES = [
  'elderly_carer',
  'childcare_worker',
  'nurse',
  'social_worker',
  'health_certificate',
  'doctor',
  'teacher',
  'other',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];
export const CHECK_KINDS = ['health_certificate', 'no_abuse_record'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface Certificate {
  id: number;
  certificateType: CertificateType;
  number: string;
  issuer: string;
  validFrom: string;
  validTo: string | null;
  inForce: boolean;
}

export interface BackgroundCheck {
  id: number;
  kind: CheckKind;
  result: 'passed' | 'failed';
  checkedOn: string;
  validTo: string | null;
}

export interface StaffMember {
  id: number;
  regionCode: string;
  organisationId: number;
  facilityId: number | null;
  domain: FacilityDomain;
  name: string;
  role: StaffRole;
  employedFrom: string;
  employedTo: string | null;
  idNumberMasked: string | null;
  certified: boolean;
  checksComplete: boolean;
  checksMissing: CheckKind[];
  certificates: Certificate[];
  backgroundChecks: BackgroundCheck[];
}

export interface Rate {
  staff: number;
  certified: number;
  rate: number | null;
}

export interface Indicators {
  regionCode: string;
  asOf: string;
  elderlyCare: (Rate & { certifiedCarers: number; socialWorkers: number }) | null;
  childcare: Rate | null;
}
