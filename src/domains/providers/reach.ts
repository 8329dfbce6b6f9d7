// Who may see and change which providers' records. Government users reach facilities by region subtree and by the
// domain of their department (a facility's domain follows from its type); planning reads every domain but changes
// none. Provider users reach only the organisations their account acts for, wherever those are.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  domainScopes,
  inDomainScope,
  inScope,
  organisationsOf,
  regionScope,
  type DomainScope,
  type Permission,
  type Principal,
  type RouteAccess,
} from '../../server/access.ts';
import { fieldError, forbidden, invalidInput } from '../../server/errors.ts';
import type { FacilityDomain } from './facility-types.ts';

export type Side = 'government' | 'provider';
export type Mode = 'read' | 'write';

export const GOVERNMENT = ['government', 'system'] as const;

/** The two doors to the same records: government routes under /api, provider routes under /api/provider. */
export const SIDES: Record<Side, { prefix: string; read: RouteAccess; write: RouteAccess }> = {
  government: {
    prefix: '',
    read: { principals: GOVERNMENT, permission: 'providers.read' },
    write: { principals: GOVERNMENT, permission: 'providers.write' },
  },
  provider: {
    prefix: '/provider',
    read: { principals: ['provider'], permission: 'providers.own' },
    write: { principals: ['provider'], permission: 'providers.own' },
  },
};

/** Scopes that allow changes: only a department's own domain, never planning's read-everything. */
export function writeScopes(principal: Principal): DomainScope[] | null {
  const scopes = domainScopes(principal, 'providers.write');
  return scopes === null ? null : scopes.filter((scope) => scope.domain !== 'planning');
}

export function canWriteDomain(principal: Principal, regionCode: string, domain: FacilityDomain): boolean {
  const scopes = writeScopes(principal);
  return (
    scopes === null ||
    scopes.some((scope) => regionCode.startsWith(scope.regionCode) && scope.domain === domain)
  );
}

/** Provider staff accounts read their organisation's records; only its administrators change them. */
function actsFor(principal: Principal, organisationId: number, mode: Mode): boolean {
  return principal.roles.some(
    (role) => role.organisationId === organisationId && (mode === 'read' || role.role === 'provider_admin'),
  );
}

export interface FacilityKey {
  region_code: string;
  domain: FacilityDomain;
  organisation_id: number;
}

/** Whether the principal reaches a facility on this side; what it may not read it must not learn exists. */
export function reachesFacility(
  principal: Principal,
  side: Side,
  facility: FacilityKey,
  mode: Mode,
  readPermission: Permission = 'providers.read',
): boolean {
  if (side === 'provider') return actsFor(principal, facility.organisation_id, mode);
  if (mode === 'read') {
    return inDomainScope(domainScopes(principal, readPermission), facility.region_code, facility.domain);
  }
  return canWriteDomain(principal, facility.region_code, facility.domain);
}

export function reachesOrganisation(
  principal: Principal,
  side: Side,
  organisation: { id: number; region_code: string },
  mode: Mode,
): boolean {
  if (side === 'provider') return actsFor(principal, organisation.id, mode);
  if (mode === 'read') return inScope(regionScope(principal, 'providers.read'), organisation.region_code);
  const scopes = writeScopes(principal);
  return scopes === null || scopes.some((scope) => organisation.region_code.startsWith(scope.regionCode));
}

/** A government caller must hold the region it asks about; otherwise 403 (as for every region-filtered list). */
export function assertReadsRegion(
  principal: Principal,
  regionCode: string,
  permission: Permission = 'providers.read',
): void {
  if (!inScope(regionScope(principal, permission), regionCode)) throw forbidden();
}

/** The domains a government caller reads in a region: both for planning, their own department's otherwise. */
export function readableDomains(
  principal: Principal,
  regionCode: string,
  permission: Permission = 'providers.read',
): FacilityDomain[] {
  const scopes = domainScopes(principal, permission);
  return (['elderly_care', 'childcare'] as const).filter((domain) =>
    inDomainScope(scopes, regionCode, domain),
  );
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

type RegionDomainTable = 'facility' | 'staff_member';

/**
 * The SQL condition for "rows of this table the principal reaches": region subtree and domain for government, the
 * principal's organisations for providers. Lists add it to their own filters.
 */
export function reachCondition<T extends RegionDomainTable>(
  principal: Principal,
  side: Side,
  readPermission: Permission = 'providers.read',
): (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool> {
  return (eb) => {
    const ref = eb as unknown as ExpressionBuilder<Database, 'facility'>;
    if (side === 'provider') {
      const organisations = organisationsOf(principal);
      return organisations.length === 0 ? sql<SqlBool>`false` : ref('organisation_id', 'in', organisations);
    }
    const scopes = domainScopes(principal, readPermission);
    if (scopes === null) return sql<SqlBool>`true`;
    if (scopes.length === 0) return sql<SqlBool>`false`;
    return ref.or(
      scopes.map((scope) =>
        scope.domain === 'planning'
          ? ref('region_code', 'like', `${escapeLike(scope.regionCode)}%`)
          : ref.and([
              ref('region_code', 'like', `${escapeLike(scope.regionCode)}%`),
              ref('domain', '=', scope.domain),
            ]),
      ),
    );
  };
}

/** The organisation a new record belongs to: named by government users, one's own for provider users. */
export function chooseOrganisation(principal: Principal, side: Side, given: number | undefined): number {
  if (side === 'government') {
    if (given === undefined) {
      throw invalidInput([
        fieldError('body.organisationId', '请指定运营机构', 'Name the operating organisation'),
      ]);
    }
    return given;
  }
  const own = principal.roles
    .filter((role) => role.role === 'provider_admin' && role.organisationId !== null)
    .map((role) => role.organisationId!);
  if (given !== undefined) {
    if (!own.includes(given)) throw forbidden();
    return given;
  }
  if (own.length === 0) throw forbidden();
  if (own.length > 1) {
    throw invalidInput([
      fieldError('body.organisationId', '请指定所属机构', 'Name which of your organisations this belongs to'),
    ]);
  }
  return own[0];
}
