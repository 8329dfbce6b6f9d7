// Writes the planned staff (ID numbers sealed), their certificates and background checks.
import type { Tx } from '../db/database.ts';
import { sealIdNumber } from '../domains/people/id-number-field.ts';
import type { PersonalDataKeys } from '../shared/personal-data.ts';
import type { ProviderIds } from './insert-providers.ts';
import { idsInOrder, insertChunked } from './insert.ts';
import type { PlannedStaff } from './staff-plan.ts';

export async function insertStaff(
  tx: Tx,
  keys: PersonalDataKeys,
  staff: PlannedStaff[],
  providers: ProviderIds,
  organisationOf: (member: PlannedStaff) => string,
): Promise<void> {
  const sealed = staff.map((member) => sealIdNumber(keys, member.idNumber));
  const rows = await insertChunked(
    staff.map((member, index) => ({ member, seal: sealed[index] })),
    (chunk) =>
      tx
        .insertInto('staff_member')
        .values(
          chunk.map(({ member, seal }) => ({
            region_code: member.facility.regionCode,
            organisation_id: providers.organisations.get(organisationOf(member))!,
            facility_id: providers.facilities.get(member.facility)!,
            domain: member.domain,
            name: member.name,
            role: member.role,
            employed_from: member.employedFrom,
            employed_to: member.employedTo,
            ...seal,
          })),
        )
        .returning(['id', 'id_number_hash'])
        .execute(),
  );
  const ids = idsInOrder(
    rows.map((row) => ({ id: row.id, key: row.id_number_hash?.toString('hex') })),
    sealed.map((seal) => seal.id_number_hash.toString('hex')),
    'staff',
  );
  const certificates = staff.flatMap((member, index) =>
    member.certificates.map((certificate) => ({ member, id: ids[index], certificate })),
  );
  await insertChunked(certificates, (chunk) =>
    tx
      .insertInto('staff_certificate')
      .values(
        chunk.map(({ member, id, certificate }) => ({
          region_code: member.facility.regionCode,
          staff_id: id,
          certificate_type: certificate.type,
          number: certificate.number,
          issuer: certificate.issuer,
          valid_from: certificate.validFrom,
          valid_to: certificate.validTo,
        })),
      )
      .execute()
      .then(() => []),
  );
  const checks = staff.flatMap((member, index) =>
    member.checks.map((check) => ({ member, id: ids[index], check })),
  );
  await insertChunked(checks, (chunk) =>
    tx
      .insertInto('staff_background_check')
      .values(
        chunk.map(({ member, id, check }) => ({
          region_code: member.facility.regionCode,
          staff_id: id,
          kind: check.kind,
          result: check.result,
          checked_on: check.checkedOn,
          valid_to: check.validTo,
        })),
      )
      .execute()
      .then(() => []),
  );
}
