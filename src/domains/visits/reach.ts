// Who sees which caring-visit data: officers their region subtree, a community worker only its own targets and tasks.
import { regionScope, rolePermissions, type Permission, type Principal } from '../../server/access.ts';
import { forbidden } from '../../server/errors.ts';

export type VisitPermission = Extract<Permission, `visits.${string}`>;

export interface VisitReach {
  /** Region-code prefixes; null means everywhere (platform administrators). */
  prefixes: string[] | null;
  /** Set when the principal holds the permission only as a community worker: then only its own targets and tasks. */
  ownAccountId: number | null;
}

export function visitReach(principal: Principal, permission: VisitPermission): VisitReach {
  const prefixes = regionScope(principal, permission);
  const supervising = principal.roles.some(
    (role) => role.role !== 'community_worker' && rolePermissions(role).includes(permission),
  );
  return { prefixes, ownAccountId: supervising ? null : principal.accountId };
}

export function reaches(reach: VisitReach, regionCode: string, workerAccountId: number | null): boolean {
  if (reach.prefixes !== null && !reach.prefixes.some((prefix) => regionCode.startsWith(prefix)))
    return false;
  return reach.ownAccountId === null || reach.ownAccountId === workerAccountId;
}

/** The subtree a list is asked for: the one requested if it lies inside the reach, else the reach itself. */
export function listPrefixes(reach: VisitReach, requested: string | undefined): string[] | null {
  if (requested === undefined) return reach.prefixes;
  if (reach.prefixes === null || reach.prefixes.some((prefix) => requested.startsWith(prefix)))
    return [requested];
  throw forbidden();
}
