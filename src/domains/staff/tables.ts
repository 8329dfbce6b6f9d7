import type { Generated } from 'kysely';
import type { FacilityDomain } from '../providers/facility-types.ts';
import type { BackgroundCheckKind, CertificateType, CheckResult, StaffRole } from './staff-types.ts';

export interface StaffMemberTable {
  region_code: string;
  id: Generated<number>;
  organisation_id: number;
  facility_id: number | null;
  domain: FacilityDomain;
  name: string;
  role: StaffRole;
  /** First day of employment. */
  employed_from: string;
  /** Last day of employment (included); null while employed. */
  employed_to: string | null;
  id_number_cipher: Buffer | null;
  id_number_key_id: string | null;
  id_number_hash: Buffer | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StaffCertificateTable {
  region_code: string;
  id: Generated<number>;
  staff_id: number;
  certificate_type: CertificateType;
  number: string;
  issuer: string;
  valid_from: string;
  /** Last day of validity (included); null when it does not expire. */
  valid_to: string | null;
  created_at: Generated<Date>;
}

export interface StaffBackgroundCheckTable {
  region_code: string;
  id: Generated<number>;
  staff_id: number;
  kind: BackgroundCheckKind;
  result: CheckResult;
  checked_on: string;
  /** Last day the check counts (included); null when it does not lapse. */
  valid_to: string | null;
  created_at: Generated<Date>;
}

export const STAFF_HISTORY_FIELDS = [
  'regionCode',
  'facilityId',
  'domain',
  'name',
  'role',
  'employedFrom',
  'employedTo',
] as const;
export type StaffHistoryField = (typeof STAFF_HISTORY_FIELDS)[number];

export interface StaffChangeTable {
  region_code: string;
  id: Generated<number>;
  staff_id: number;
  changed_at: Date;
  account_id: number | null;
  field: StaffHistoryField;
  old_value: string | null;
  new_value: string | null;
}

export interface StaffTables {
  staff_member: StaffMemberTable;
  staff_change: StaffChangeTable;
  staff_certificate: StaffCertificateTable;
  staff_background_check: StaffBackgroundCheckTable;
}
