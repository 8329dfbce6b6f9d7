// The provider lists' queries, shared by the list routes and their Excel exports so both show the same rows.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import type {
  FacilityDomain,
  FacilityType,
  OperatingStatus,
  OrganisationType,
  Ownership,
} from './facility-types.ts';
import { escapeLike, reachCondition, type Side } from './reach.ts';

export interface FacilityListFilter {
  region?: string;
  type?: FacilityType;
  domain?: FacilityDomain;
  ownership?: Ownership;
  /** Operating status on `date`. */
  status?: OperatingStatus;
  organisationId?: number;
  name?: string;
}

/** Facilities the principal reaches on this side, filtered; select, order and page are the caller's. */
export function facilityListQuery(
  db: Db | Tx,
  principal: Principal,
  side: Side,
  filter: FacilityListFilter,
  date: string,
) {
  const { region, type, domain, ownership, status, organisationId, name } = filter;
  let query = db.selectFrom('facility').where(reachCondition<'facility'>(principal, side));
  if (region) query = query.where('region_code', 'like', `${escapeLike(region)}%`);
  if (type) query = query.where('facility_type', '=', type);
  if (domain) query = query.where('domain', '=', domain);
  if (ownership) query = query.where('ownership', '=', ownership);
  if (organisationId) query = query.where('organisation_id', '=', organisationId);
  if (name) query = query.where('name', 'like', `%${escapeLike(name)}%`);
  if (status) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('facility_capacity as c')
          .select(sql`1`.as('one'))
          .whereRef('c.facility_id', '=', 'facility.id')
          .where('c.operating_status', '=', status)
          .where(sql<boolean>`c.valid_during @> ${date}::date`),
      ),
    );
  }
  return query;
}

export interface OrganisationListFilter {
  region: string;
  ownership?: Ownership;
  type?: OrganisationType;
  name?: string;
}

/** Organisations registered in a region subtree, filtered; the caller checks the region is readable. */
export function organisationListQuery(db: Db | Tx, filter: OrganisationListFilter) {
  let query = db.selectFrom('organisation').where('region_code', 'like', `${escapeLike(filter.region)}%`);
  if (filter.ownership) query = query.where('ownership', '=', filter.ownership);
  if (filter.type) query = query.where('organisation_type', '=', filter.type);
  if (filter.name) query = query.where('name', 'like', `%${escapeLike(filter.name)}%`);
  return query;
}
