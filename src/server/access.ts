import type { Domain, PrincipalType, RoleName } from '../domains/accounts/tables.ts';
import { forbidden } from './errors.ts';

/**
 * Everything a principal may be allowed to do; routes name one of these. There is no export permission of its own:
 * whoever may read a list may export it (src/domains/intake/export-lists.ts).
 */
export const PERMISSIONS = [
  'regions.read',
  'people.read',
  'people.write',
  'people.read_id_number',
  'audit.read',
  'tokens.manage',
  'self.read',
  'population.read',
  'population.write',
  'providers.read',
  'providers.write',
  'providers.own',
  'filing.submit',
  'filing.review',
  'staff.read',
  'intake.run',
  'calendar.manage',
  'visits.read',
  'visits.record',
  'visits.verify',
  'visits.manage',
  'visits.rate',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What a route requires. `public` routes are the deliberate exceptions (login, health, disclosure); every
 * other route names the principal types that may call it and the permission they need.
 */
export type RouteAccess =
  | { public: true; reason: string }
  | { principals: readonly PrincipalType[]; permission: Permission };

export interface Role {
  role: RoleName;
  regionCode: string | null;
  domain: Domain | null;
  organisationId: number | null;
  personRegionCode: string | null;
  personId: number | null;
}

export interface Principal {
  accountId: number;
  username: string;
  displayName: string;
  principalType: PrincipalType;
  roles: Role[];
  via: 'session' | 'token';
}

const GOVERNMENT_PERSONAL_DOMAINS: ReadonlySet<Domain> = new Set(['elderly_care', 'childcare']);

/** A role's permissions; a government role's domain decides whether it touches personal data at all. */
export function rolePermissions(role: Role): Permission[] {
  switch (role.role) {
    case 'platform_admin':
      return [...PERMISSIONS];
    case 'officer':
      return role.domain && GOVERNMENT_PERSONAL_DOMAINS.has(role.domain)
        ? [
            'regions.read',
            'people.read',
            'people.write',
            'people.read_id_number',
            'audit.read',
            'tokens.manage',
            'population.read',
            'population.write',
            'providers.read',
            'providers.write',
            'filing.review',
            'staff.read',
            'intake.run',
            // Caring visits are civil affairs' (民政) work, not the health commission's.
            ...(role.domain === 'elderly_care'
              ? (['visits.read', 'visits.verify', 'visits.manage', 'visits.record', 'visits.rate'] as const)
              : []),
          ]
        : // Planning (发改) steers with aggregates: statistics and providers, never persons.
          [
            'regions.read',
            'audit.read',
            'tokens.manage',
            'population.read',
            'population.write',
            'providers.read',
            'visits.rate',
          ];
    case 'viewer':
      return role.domain && GOVERNMENT_PERSONAL_DOMAINS.has(role.domain)
        ? ['regions.read', 'people.read', 'population.read', 'providers.read', 'staff.read']
        : ['regions.read', 'population.read', 'providers.read'];
    case 'community_worker':
      // A worker sees the targets and tasks of its own community, and only those assigned to it (see visits/reach).
      return ['regions.read', 'visits.read', 'visits.record', 'visits.rate'];
    case 'provider_admin':
      return ['regions.read', 'tokens.manage', 'providers.own', 'filing.submit', 'intake.run'];
    case 'provider_staff':
      return ['regions.read', 'providers.own'];
    case 'family_member':
      return ['regions.read', 'self.read'];
  }
}

export function permissionsOf(principal: Principal): Set<Permission> {
  return new Set(principal.roles.flatMap(rolePermissions));
}

export function holds(principal: Principal, permission: Permission): boolean {
  return principal.roles.some((role) => rolePermissions(role).includes(permission));
}

/**
 * The region subtrees (by code prefix: codes nest, 3406 ⊃ 340603 ⊃ 340603001) in which the principal holds a
 * permission. `null` means everywhere (platform administrators).
 */
export function regionScope(principal: Principal, permission: Permission): string[] | null {
  const prefixes: string[] = [];
  for (const role of principal.roles) {
    if (!rolePermissions(role).includes(permission)) continue;
    if (role.role === 'platform_admin') return null;
    if (role.regionCode) prefixes.push(role.regionCode);
  }
  return prefixes;
}

export function inScope(scope: string[] | null, regionCode: string): boolean {
  return scope === null || scope.some((prefix) => regionCode.startsWith(prefix));
}

export function assertInScope(principal: Principal, permission: Permission, regionCode: string): void {
  if (!inScope(regionScope(principal, permission), regionCode)) throw forbidden();
}

/** A region subtree together with the department domain a government role holds it for. */
export interface DomainScope {
  regionCode: string;
  domain: Domain;
}

/**
 * The (region subtree, domain) pairs in which the principal holds a permission: a civil-affairs officer of 3406
 * holds (3406, elderly_care), a health-commission officer (3406, childcare). `null` means everywhere, every domain.
 */
export function domainScopes(principal: Principal, permission: Permission): DomainScope[] | null {
  const scopes: DomainScope[] = [];
  for (const role of principal.roles) {
    if (!rolePermissions(role).includes(permission)) continue;
    if (role.role === 'platform_admin') return null;
    if (role.regionCode && role.domain) scopes.push({ regionCode: role.regionCode, domain: role.domain });
  }
  return scopes;
}

/** Whether a record of a region and domain falls inside the scopes; planning roles see every domain. */
export function inDomainScope(scopes: DomainScope[] | null, regionCode: string, domain: Domain): boolean {
  return (
    scopes === null ||
    scopes.some(
      (scope) =>
        regionCode.startsWith(scope.regionCode) && (scope.domain === domain || scope.domain === 'planning'),
    )
  );
}

/** The organisations a provider principal acts for. */
export function organisationsOf(principal: Principal): number[] {
  return principal.roles.flatMap((role) => (role.organisationId === null ? [] : [role.organisationId]));
}

/**
 * The organisations in which the principal holds a permission: a role grants its permissions at its own organisation
 * only, so an account that administers one organisation and is staff at another files and uploads for the first alone.
 */
export function organisationsHolding(principal: Principal, permission: Permission): number[] {
  const ids = principal.roles.flatMap((role) =>
    role.organisationId !== null && rolePermissions(role).includes(permission) ? [role.organisationId] : [],
  );
  return [...new Set(ids)];
}
