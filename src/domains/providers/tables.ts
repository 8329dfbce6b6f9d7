import type { ColumnType, Generated } from 'kysely';
import type {
  FacilityDomain,
  FacilityType,
  FireSafety,
  MedicalIntegration,
  OperatingStatus,
  OrganisationType,
  Ownership,
  PremisesTenure,
} from './facility-types.ts';

export interface OrganisationTable {
  region_code: string;
  id: Generated<number>;
  uscc: string;
  name: string;
  organisation_type: OrganisationType | null;
  ownership: Ownership | null;
  legal_person: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  address: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FacilityTable {
  region_code: string;
  id: Generated<number>;
  organisation_id: number;
  name: string;
  facility_type: FacilityType;
  /** Generated from facility_type by the database. */
  domain: ColumnType<FacilityDomain, never, never>;
  ownership: Ownership;
  address: string;
  longitude: number | null;
  latitude: number | null;
  opened_on: string | null;
  special_roles: Generated<string[]>;
  resident_types: Generated<string[]>;
  service_modes: Generated<string[]>;
  premises_tenure: PremisesTenure | null;
  premises_lease_ends: string | null;
  fire_safety: FireSafety | null;
  food_licence_number: string | null;
  liability_insurance: boolean | null;
  ltc_insurance_designated: boolean | null;
  video_surveillance: boolean | null;
  bed_fee_min: number | null;
  bed_fee_max: number | null;
  nursing_fee_min: number | null;
  nursing_fee_max: number | null;
  meal_fee_min: number | null;
  meal_fee_max: number | null;
  childcare_fee_min: number | null;
  childcare_fee_max: number | null;
  deposit_max: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FacilityCapacityTable {
  region_code: string;
  id: Generated<number>;
  facility_id: number;
  /** A daterange '[from,to)'; read it through lower()/upper(). */
  valid_during: string;
  operating_status: OperatingStatus;
  beds_total: Generated<number>;
  beds_nursing: Generated<number>;
  beds_dementia: Generated<number>;
  beds_inclusive: Generated<number>;
  places_infant: Generated<number>;
  places_young_toddler: Generated<number>;
  places_older_toddler: Generated<number>;
  places_mixed: Generated<number>;
  places_inclusive: Generated<number>;
  inclusive: Generated<boolean>;
  floor_area: number | null;
  grade: number | null;
  medical_integration: Generated<MedicalIntegration>;
  note: string | null;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export const ORGANISATION_HISTORY_FIELDS = [
  'regionCode',
  'uscc',
  'name',
  'organisationType',
  'ownership',
  'legalPerson',
  'contactName',
  'contactPhone',
  'address',
] as const;
export type OrganisationHistoryField = (typeof ORGANISATION_HISTORY_FIELDS)[number];

export interface OrganisationChangeTable {
  region_code: string;
  id: Generated<number>;
  organisation_id: number;
  changed_at: Date;
  account_id: number | null;
  field: OrganisationHistoryField;
  old_value: string | null;
  new_value: string | null;
}

export interface OrganisationTables {
  organisation: OrganisationTable;
  organisation_change: OrganisationChangeTable;
  facility: FacilityTable;
  facility_capacity: FacilityCapacityTable;
}
