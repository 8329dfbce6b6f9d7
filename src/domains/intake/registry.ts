// The intake kinds and who may use which, where.
import {
  domainScopes,
  holds,
  inScope,
  organisationsHolding,
  regionScope,
  type Principal,
} from '../../server/access.ts';
import type { FacilityDomain } from '../providers/facility-types.ts';
import type { IntakeKind, IntakeScope } from './kind.ts';
import { capacityKind } from './kinds/capacity.ts';
import { facilitiesKind } from './kinds/facilities.ts';
import { householdsKind } from './kinds/households.ts';
import { organisationsKind } from './kinds/organisations.ts';
import { peopleKind } from './kinds/people.ts';
import { populationKind } from './kinds/population.ts';
import { staffKind } from './kinds/staff.ts';
import type { IntakeKindKey } from './tables.ts';

export const INTAKE_KINDS: readonly IntakeKind[] = [
  peopleKind,
  householdsKind,
  populationKind,
  organisationsKind,
  facilitiesKind,
  capacityKind,
  staffKind,
];

export function findKind(key: string): IntakeKind | undefined {
  return INTAKE_KINDS.find((kind) => kind.key === (key as IntakeKindKey));
}

/** Whether the principal may upload this kind at all: its type, intake.run and the registry's write permission. */
export function mayUse(principal: Principal, kind: IntakeKind): boolean {
  const permission = principal.principalType === 'provider' ? kind.providerPermission : kind.permission;
  return (
    kind.principals.includes(principal.principalType) &&
    permission !== undefined &&
    holds(principal, 'intake.run') &&
    holds(principal, permission)
  );
}

/**
 * Where the principal may write this kind's records. Government uploaders write in the region subtrees where they
 * hold the registry's write permission, and providers' records only in their department's domain (planning changes
 * none); provider uploaders write only their own organisations' records, wherever those lie.
 */
export function intakeScope(principal: Principal, kind: IntakeKind): IntakeScope {
  if (principal.principalType === 'provider') {
    return {
      regions: null,
      reaches: () => true,
      organisations: organisationsHolding(principal, 'intake.run'),
      domains: null,
    };
  }
  // Planning reads providers' records but changes none, whatever permissions its roles carry.
  const domains =
    kind.permission === 'providers.write'
      ? (domainScopes(principal, kind.permission)?.filter((scope) => scope.domain !== 'planning') ?? null)
      : domainScopes(principal, kind.permission);
  const regions =
    kind.permission === 'providers.write' && domains !== null
      ? domains.map((scope) => scope.regionCode)
      : regionScope(principal, kind.permission);
  return {
    regions,
    organisations: null,
    domains:
      domains === null
        ? null
        : domains.map((scope) => ({ domain: scope.domain as FacilityDomain, regionCode: scope.regionCode })),
    reaches: (regionCode: string, domain?: FacilityDomain) => {
      if (domain === undefined) return inScope(regions, regionCode);
      return (
        domains === null ||
        domains.some((scope) => scope.domain === domain && regionCode.startsWith(scope.regionCode))
      );
    },
  };
}
