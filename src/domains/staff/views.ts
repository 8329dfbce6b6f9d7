// Staff rows with their certificates and checks, as the API shows them: ID numbers masked, checks evaluated.
import type { Db, Tx } from '../../db/database.ts';
import { maskIdNumber } from '../../shared/id-number.ts';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { openIdNumber } from '../people/id-number-field.ts';
import { checkStatus, inForceOn, isCertified } from './rules.ts';
import type { StaffMemberView } from './schemas.ts';

export const staffColumns = [
  'region_code',
  'id',
  'organisation_id',
  'facility_id',
  'domain',
  'name',
  'role',
  'employed_from',
  'employed_to',
  'id_number_cipher',
  'id_number_key_id',
] as const;

export async function findStaffMember(db: Db | Tx, id: number) {
  return db.selectFrom('staff_member').select(staffColumns).where('id', '=', id).executeTakeFirst();
}
export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaffMember>>>;

/** Views of staff rows, their certificates and checks loaded in two queries whatever the number of rows. */
export async function staffViews(
  db: Db | Tx,
  keys: PersonalDataKeys,
  rows: StaffRow[],
  today: string,
): Promise<StaffMemberView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [certificates, checks] = await Promise.all([
    db
      .selectFrom('staff_certificate')
      .select(['id', 'staff_id', 'certificate_type', 'number', 'issuer', 'valid_from', 'valid_to'])
      .where('staff_id', 'in', ids)
      .orderBy('valid_from')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('staff_background_check')
      .select(['id', 'staff_id', 'kind', 'result', 'checked_on', 'valid_to'])
      .where('staff_id', 'in', ids)
      .orderBy('checked_on')
      .orderBy('id')
      .execute(),
  ]);
  return rows.map((row) => {
    const own = certificates
      .filter((certificate) => certificate.staff_id === row.id)
      .map((certificate) => ({
        id: certificate.id,
        certificateType: certificate.certificate_type,
        number: certificate.number,
        issuer: certificate.issuer,
        validFrom: certificate.valid_from,
        validTo: certificate.valid_to,
        inForce: inForceOn(certificate.valid_from, certificate.valid_to, today),
      }));
    const ownChecks = checks
      .filter((check) => check.staff_id === row.id)
      .map((check) => ({
        id: check.id,
        kind: check.kind,
        result: check.result,
        checkedOn: check.checked_on,
        validTo: check.valid_to,
      }));
    const status = checkStatus(row.domain, own, ownChecks, today);
    const idNumber = openIdNumber(keys, row.id_number_cipher, row.id_number_key_id);
    return {
      id: row.id,
      regionCode: row.region_code,
      organisationId: row.organisation_id,
      facilityId: row.facility_id,
      domain: row.domain,
      name: row.name,
      role: row.role,
      employedFrom: row.employed_from,
      employedTo: row.employed_to,
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      certified: isCertified(own, today),
      checksComplete: status.complete,
      checksMissing: status.missing,
      certificates: own,
      backgroundChecks: ownChecks,
    };
  });
}
