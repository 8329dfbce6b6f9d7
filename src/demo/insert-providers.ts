// Writes the planned organisations, facilities and capacity periods; returns the database ids by their demo keys.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { idsInOrder, insertChunked } from './insert.ts';
import type { PlannedFacility, ProviderBook } from './provider-book.ts';

export interface ProviderIds {
  organisations: Map<string, number>;
  facilities: Map<PlannedFacility, number>;
}

export async function insertProviders(tx: Tx, book: ProviderBook): Promise<ProviderIds> {
  const organisationRows = await insertChunked(book.organisations, (chunk) =>
    tx
      .insertInto('organisation')
      .values(
        chunk.map((organisation) => ({
          region_code: organisation.regionCode,
          uscc: organisation.uscc,
          name: organisation.name,
          organisation_type: organisation.organisationType,
          ownership: organisation.ownership,
          legal_person: organisation.legalPerson,
          contact_name: organisation.contactName,
          contact_phone: organisation.contactPhone,
          address: organisation.address,
        })),
      )
      .returning(['id', 'uscc as key'])
      .execute(),
  );
  const usccs = book.organisations.map((organisation) => organisation.uscc);
  const organisationIds = idsInOrder(organisationRows, usccs, 'organisations');
  const organisations = new Map(usccs.map((uscc, index) => [uscc, organisationIds[index]]));

  const facilityRows = await insertChunked(book.facilities, (chunk) =>
    tx
      .insertInto('facility')
      .values(
        chunk.map((facility) => ({
          region_code: facility.regionCode,
          organisation_id: organisations.get(facility.organisationUscc)!,
          name: facility.name,
          facility_type: facility.facilityType,
          ownership: facility.ownership,
          address: facility.address,
          longitude: facility.coordinates[0],
          latitude: facility.coordinates[1],
          opened_on: facility.openedOn,
          special_roles: facility.specialRoles,
          resident_types: facility.residentTypes,
          service_modes: facility.serviceModes,
          premises_tenure: facility.premisesTenure,
          premises_lease_ends: facility.premisesLeaseEnds,
          fire_safety: facility.fireSafety,
          food_licence_number: facility.foodLicenceNumber,
          liability_insurance: facility.liabilityInsurance,
          ltc_insurance_designated: facility.ltcInsuranceDesignated,
          video_surveillance: facility.videoSurveillance,
          bed_fee_min: facility.fees.bed?.[0] ?? null,
          bed_fee_max: facility.fees.bed?.[1] ?? null,
          nursing_fee_min: facility.fees.nursing?.[0] ?? null,
          nursing_fee_max: facility.fees.nursing?.[1] ?? null,
          meal_fee_min: facility.fees.meal?.[0] ?? null,
          meal_fee_max: facility.fees.meal?.[1] ?? null,
          childcare_fee_min: facility.fees.childcare?.[0] ?? null,
          childcare_fee_max: facility.fees.childcare?.[1] ?? null,
          deposit_max: facility.fees.depositMax ?? null,
        })),
      )
      .returning(['id', 'name as key'])
      .execute(),
  );
  const facilityIds = idsInOrder(
    facilityRows,
    book.facilities.map((facility) => facility.name),
    'facilities',
  );
  const facilities = new Map(book.facilities.map((facility, index) => [facility, facilityIds[index]]));

  const periods = book.facilities.flatMap((facility) =>
    book.periods(facility).map((period) => ({ facility, period })),
  );
  await insertChunked(periods, (chunk) =>
    tx
      .insertInto('facility_capacity')
      .values(
        chunk.map(({ facility, period }) => ({
          region_code: facility.regionCode,
          facility_id: facilities.get(facility)!,
          valid_during: sql<string>`daterange(${period.from}::date, ${period.to}::date, '[)')`,
          operating_status: period.figures.operatingStatus,
          beds_total: period.figures.bedsTotal,
          beds_nursing: period.figures.bedsNursing,
          beds_dementia: period.figures.bedsDementia,
          beds_inclusive: period.figures.bedsInclusive,
          places_infant: period.figures.placesInfant,
          places_young_toddler: period.figures.placesYoungToddler,
          places_older_toddler: period.figures.placesOlderToddler,
          places_mixed: period.figures.placesMixed,
          places_inclusive: period.figures.placesInclusive,
          inclusive: period.figures.inclusive,
          floor_area: period.figures.floorArea,
          grade: period.figures.grade,
          medical_integration: period.figures.medicalIntegration,
          note: period.note,
        })),
      )
      .execute()
      .then(() => []),
  );
  return { organisations, facilities };
}
