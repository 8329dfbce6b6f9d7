// Rows as the API shows them.
import type { CapacityRow, FacilityRow, OrganisationRow } from './queries.ts';
import type { CapacityPeriodView, FacilityView, OrganisationView } from './schemas.ts';

export function organisationView(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    regionCode: row.region_code,
    uscc: row.uscc,
    name: row.name,
    organisationType: row.organisation_type,
    ownership: row.ownership,
    legalPerson: row.legal_person,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    address: row.address,
  };
}

export function capacityView(row: CapacityRow): CapacityPeriodView {
  return {
    id: row.id,
    facilityId: row.facility_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    operatingStatus: row.operating_status,
    bedsTotal: row.beds_total,
    bedsNursing: row.beds_nursing,
    bedsDementia: row.beds_dementia,
    bedsInclusive: row.beds_inclusive,
    placesInfant: row.places_infant,
    placesYoungToddler: row.places_young_toddler,
    placesOlderToddler: row.places_older_toddler,
    placesMixed: row.places_mixed,
    placesInclusive: row.places_inclusive,
    inclusive: row.inclusive,
    floorArea: row.floor_area,
    grade: row.grade,
    medicalIntegration: row.medical_integration,
    note: row.note,
    recordedAt: row.recorded_at.toISOString(),
  };
}

export function facilityView(row: FacilityRow, current: CapacityRow | undefined): FacilityView {
  return {
    id: row.id,
    regionCode: row.region_code,
    organisationId: row.organisation_id,
    name: row.name,
    facilityType: row.facility_type,
    domain: row.domain,
    ownership: row.ownership,
    address: row.address,
    longitude: row.longitude,
    latitude: row.latitude,
    openedOn: row.opened_on,
    specialRoles: row.special_roles,
    residentTypes: row.resident_types,
    serviceModes: row.service_modes,
    premisesTenure: row.premises_tenure,
    premisesLeaseEnds: row.premises_lease_ends,
    fireSafety: row.fire_safety,
    foodLicenceNumber: row.food_licence_number,
    liabilityInsurance: row.liability_insurance,
    ltcInsuranceDesignated: row.ltc_insurance_designated,
    videoSurveillance: row.video_surveillance,
    fees: {
      bed: { min: row.bed_fee_min, max: row.bed_fee_max },
      nursing: { min: row.nursing_fee_min, max: row.nursing_fee_max },
      meal: { min: row.meal_fee_min, max: row.meal_fee_max },
      childcare: { min: row.childcare_fee_min, max: row.childcare_fee_max },
      depositMax: row.deposit_max,
    },
    current: current ? capacityView(current) : null,
  };
}
