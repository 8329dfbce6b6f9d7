// The staff list's query, shared by the list routes and the Excel export so both show the same members.
import type { Db, Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import type { FacilityDomain } from '../providers/facility-types.ts';
import { escapeLike, reachCondition, type Side } from '../providers/reach.ts';
import type { StaffRole } from './staff-types.ts';

export interface StaffListFilter {
  region?: string;
  organisationId?: number;
  facilityId?: number;
  role?: StaffRole;
  domain?: FacilityDomain;
  /** Only those employed on this date. */
  employedOn?: string;
}

/** Staff the principal reaches on this side, filtered; select, order and page are the caller's. */
export function staffListQuery(db: Db | Tx, principal: Principal, side: Side, filter: StaffListFilter) {
  const { region, organisationId, facilityId, role, domain, employedOn } = filter;
  let query = db
    .selectFrom('staff_member')
    .where(reachCondition<'staff_member'>(principal, side, 'staff.read'));
  if (region) query = query.where('region_code', 'like', `${escapeLike(region)}%`);
  if (organisationId) query = query.where('organisation_id', '=', organisationId);
  if (facilityId) query = query.where('facility_id', '=', facilityId);
  if (role) query = query.where('role', '=', role);
  if (domain) query = query.where('domain', '=', domain);
  if (employedOn) {
    query = query
      .where('employed_from', '<=', employedOn)
      .where((eb) => eb.or([eb('employed_to', 'is', null), eb('employed_to', '>=', employedOn)]));
  }
  return query;
}
