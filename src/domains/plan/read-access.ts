// Who may read a plan's evaluation and in which region, for the routes beside routes.ts (reports, standards, task
// lists): the same rules as the evaluation route, in one place.
import { z } from 'zod';
import type { Tx } from '../../db/database.ts';
import { domainScopes, inDomainScope, inScope, regionScope, type Principal } from '../../server/access.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { RegionCode } from '../../server/schemas.ts';
import { IsoDate } from '../providers/schemas.ts';
import { findRegion } from '../regions/queries.ts';
import { findPlan, loadEvaluablePlan, type PlanRow } from './evaluate.ts';
import type { IndicatorDomain } from './tables.ts';

export const GOVERNMENT = ['government', 'system'] as const;
export const PLAN_READ = { principals: GOVERNMENT, permission: 'population.read' } as const;

/** region/date as the evaluation route names them; regionCode/asOf as export links do. */
export const PlanRegionQuery = z.object({
  region: RegionCode.optional(),
  regionCode: RegionCode.optional(),
  date: IsoDate.optional(),
  asOf: IsoDate.optional(),
});
export type PlanRegionQuery = z.infer<typeof PlanRegionQuery>;

/** A plan is visible to callers whose scope lies inside its region (the plans above them) or contains it. */
export function planVisible(principal: Principal, plan: { region_code: string }): boolean {
  const scope = regionScope(principal, 'population.read');
  return (
    scope === null ||
    scope.some((prefix) => prefix.startsWith(plan.region_code) || plan.region_code.startsWith(prefix))
  );
}

export function visibleDomains(principal: Principal) {
  const scopes = domainScopes(principal, 'population.read');
  return (domain: IndicatorDomain, regionCode: string) => inDomainScope(scopes, regionCode, domain);
}

export async function visiblePlan(tx: Tx, principal: Principal, id: number): Promise<PlanRow> {
  const plan = await findPlan(tx, id);
  if (!plan || !planVisible(principal, plan)) throw notFound('Plan', '规划');
  return plan;
}

/** The plan, the region inside it the caller may read, its name and the date asked for (today by default). */
export async function readablePlanRegion(
  tx: Tx,
  principal: Principal,
  id: number,
  query: PlanRegionQuery,
  today: string,
) {
  const plan = await visiblePlan(tx, principal, id);
  const regionCode = query.region ?? query.regionCode ?? plan.region_code;
  if (!inScope(regionScope(principal, 'population.read'), regionCode)) throw forbidden();
  await loadEvaluablePlan(tx, plan.id, regionCode);
  const region = await findRegion(tx, regionCode);
  if (!region) throw notFound('Region', '行政区划');
  return { plan, region, date: query.date ?? query.asOf ?? today };
}
