// Who handles which filing. A filing goes to the competent department of the facility's county: civil affairs
// (elderly_care) or the health commission (childcare); an officer of a parent region (the city) reaches it too.
// Planning officers read the public register like everyone else but handle no filing. A provider reaches the
// filings of the organisations its account acts for.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { domainScopes, organisationsHolding, type Principal } from '../../server/access.ts';
import type { FilingDomain } from './deadlines.ts';

export type FilingSide = 'provider' | 'reviewer';

/** The (region subtree, domain) pairs a reviewer handles; null = everywhere (platform administrators). */
export function reviewScopes(principal: Principal): { regionCode: string; domain: FilingDomain }[] | null {
  const scopes = domainScopes(principal, 'filing.review');
  if (scopes === null) return null;
  return scopes.flatMap((scope) =>
    scope.domain === 'planning' ? [] : [{ regionCode: scope.regionCode, domain: scope.domain }],
  );
}

export function reviews(
  principal: Principal,
  filing: { region_code: string; domain: FilingDomain },
): boolean {
  const scopes = reviewScopes(principal);
  return (
    scopes === null ||
    scopes.some((scope) => filing.region_code.startsWith(scope.regionCode) && scope.domain === filing.domain)
  );
}

/** The domains a reviewer handles inside a region subtree (which must lie within one of their scopes). */
export function reviewedDomains(principal: Principal, regionCode: string): FilingDomain[] {
  const scopes = reviewScopes(principal);
  if (scopes === null) return ['elderly_care', 'childcare'];
  return (['elderly_care', 'childcare'] as const).filter((domain) =>
    scopes.some((scope) => regionCode.startsWith(scope.regionCode) && scope.domain === domain),
  );
}

export function reaches(
  principal: Principal,
  side: FilingSide,
  filing: { region_code: string; domain: FilingDomain; organisation_id: number },
): boolean {
  return side === 'provider'
    ? organisationsHolding(principal, 'filing.submit').includes(filing.organisation_id)
    : reviews(principal, filing);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/**
 * "Filings in this region subtree that the reviewer handles": the SQL twin of reviewedDomains, for lists. The
 * region must already be one the caller holds (checked with assertInScope before).
 */
export function reviewCondition(
  principal: Principal,
  regionCode: string,
): (eb: ExpressionBuilder<Database, 'filing'>) => Expression<SqlBool> {
  const domains = reviewedDomains(principal, regionCode);
  return (eb) =>
    domains.length === 0
      ? sql<SqlBool>`false`
      : eb.and([
          eb('filing.region_code', 'like', `${escapeLike(regionCode)}%`),
          eb('filing.domain', 'in', domains),
        ]);
}
