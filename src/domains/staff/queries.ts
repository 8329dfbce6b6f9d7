// Staff counts that feed plan indicators (持证上岗率, 每万人持证养老护理员数, 每千名老年人社会工作者数). They count people
// employed on the date in a region subtree; the indicator divides by the population figure of its choice.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { FacilityDomain } from '../providers/facility-types.ts';
import { escapeLike } from '../providers/reach.ts';
import type { CertificateType } from './staff-types.ts';

function employedIn(db: Db | Tx, regionPrefix: string, date: string) {
  return db
    .selectFrom('staff_member as s')
    .where('s.region_code', 'like', `${escapeLike(regionPrefix)}%`)
    .where('s.employed_from', '<=', date)
    .where((eb) => eb.or([eb('s.employed_to', 'is', null), eb('s.employed_to', '>=', date)]));
}

/** A certificate in force on the date, of the given types (or any qualification: all but a health certificate). */
function holdsCertificate(date: string, types?: CertificateType[]) {
  const ofType = types
    ? sql`c.certificate_type IN (${sql.join(types)})`
    : sql`c.certificate_type <> 'health_certificate'`;
  return sql<boolean>`EXISTS (
    SELECT 1 FROM staff_certificate c
    WHERE c.staff_id = s.id AND ${ofType}
      AND c.valid_from <= ${date}::date AND (c.valid_to IS NULL OR c.valid_to >= ${date}::date))`;
}

export interface CertifiedStaffRate {
  staff: number;
  certified: number;
  /** certified / staff, null without staff. */
  rate: number | null;
}

/** Share of a domain's staff employed on the date who hold a qualification in force (从业人员持证上岗率). */
export async function certifiedStaffRate(
  db: Db | Tx,
  regionPrefix: string,
  date: string,
  domain: FacilityDomain,
): Promise<CertifiedStaffRate> {
  const row = await employedIn(db, regionPrefix, date)
    .where('s.domain', '=', domain)
    .select([
      sql<number>`count(*)::int`.as('staff'),
      sql<number>`count(*) FILTER (WHERE ${holdsCertificate(date)})::int`.as('certified'),
    ])
    .executeTakeFirstOrThrow();
  return {
    staff: row.staff,
    certified: row.certified,
    rate: row.staff === 0 ? null : row.certified / row.staff,
  };
}

/** Carers employed on the date holding an elderly-carer certificate in force (持证养老护理员). */
export async function certifiedCarers(db: Db | Tx, regionPrefix: string, date: string): Promise<number> {
  const row = await employedIn(db, regionPrefix, date)
    .where('s.role', '=', 'carer')
    .where(holdsCertificate(date, ['elderly_carer']))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Social workers employed on the date in a domain's services (elderly care unless stated). */
export async function socialWorkers(
  db: Db | Tx,
  regionPrefix: string,
  date: string,
  domain: FacilityDomain = 'elderly_care',
): Promise<number> {
  const row = await employedIn(db, regionPrefix, date)
    .where('s.role', '=', 'social_worker')
    .where('s.domain', '=', domain)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
