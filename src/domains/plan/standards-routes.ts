// The facility standards checked region by region: the plan's region (or one inside it) and each region directly
// below, against the standards their city states, with what is missing.
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import type { AppDeps } from '../../server/app.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { liveChildren } from '../population/queries.ts';
import { IdParams } from '../providers/schemas.ts';
import { PLAN_READ, PlanRegionQuery, readablePlanRegion, visibleDomains } from './read-access.ts';
import { checkStandard, standardsInForce } from './standards.ts';
import { regionCounts, standardsAbove } from './standards-queries.ts';
import { AREA_TYPES, STANDARD_MEASURES, type StandardMeasure } from './standards-tables.ts';
import { PlanAnswerHead } from './views.ts';
import type { IndicatorDomain } from './tables.ts';

const DOMAIN_OF: Record<StandardMeasure, IndicatorDomain> = {
  elderly_space_per_100_households: 'elderly_care',
  childcare_places_per_1000_residents: 'childcare',
  elderly_land_per_resident: 'elderly_care',
};

export const StandardCheckView = z.object({
  measure: z.enum(STANDARD_MEASURES),
  areaType: z.enum(AREA_TYPES),
  minimum: z.number(),
  siteMinimum: z.number().nullable(),
  source: z.string(),
  standardRegionCode: z.string(),
  value: z.number().nullable(),
  required: z.number().nullable(),
  provided: z.number().nullable(),
  shortfall: z.number().nullable(),
  status: z.enum(['met', 'not_met', 'no_data']),
  note: z
    .enum(['no_population', 'no_household_size', 'land_not_recorded', 'small_sites_excluded'])
    .nullable(),
  sitesExcluded: z.number().int(),
});

export const StandardsView = z.object({
  ...PlanAnswerHead,
  regions: z.array(
    z.object({
      regionCode: z.string(),
      name: z.string(),
      own: z.boolean(),
      residents: z.number().nullable(),
      householdSize: z.number().nullable(),
      households: z.number().nullable(),
      checks: z.array(StandardCheckView),
    }),
  ),
});
export type StandardsView = z.infer<typeof StandardsView>;

export async function checkStandards(
  tx: Parameters<typeof standardsAbove>[0],
  regionCode: string,
  date: string,
  visible: (domain: IndicatorDomain, regionCode: string) => boolean,
): Promise<StandardsView['regions']> {
  const codes = [regionCode, ...((await liveChildren(tx, [regionCode])).get(regionCode) ?? [])];
  const names = new Map(
    (await tx.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()).map((r) => [
      r.code,
      r.name,
    ]),
  );
  const stored = await standardsAbove(tx, regionCode);
  const regions: StandardsView['regions'] = [];
  for (const code of codes) {
    const standards = standardsInForce(stored, code, date).filter((s) => visible(DOMAIN_OF[s.measure], code));
    const counts = await regionCounts(tx, code, date);
    regions.push({
      regionCode: code,
      name: names.get(code) ?? code,
      own: code === regionCode,
      residents: counts.residents,
      householdSize: counts.householdSize,
      households:
        counts.residents === null || counts.householdSize === null
          ? null
          : Math.round(counts.residents / counts.householdSize),
      checks: standards.map((standard) => checkStandard(standard, counts)),
    });
  }
  return regions;
}

export function standardsRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/plans/:id/standards',
    {
      config: { access: PLAN_READ },
      schema: {
        tags: ['plan'],
        summary:
          'Facility standards (elderly-service floor area per 100 households, childcare places per 1,000 residents, ' +
          'land per resident) checked for the region and each region below it, with the shortfall',
        params: IdParams,
        querystring: PlanRegionQuery,
        response: { 200: StandardsView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const { plan, region, date } = await readablePlanRegion(
          tx,
          principal,
          request.params.id,
          request.query,
          chinaDate(deps.clock()),
        );
        return {
          planId: plan.id,
          regionCode: region.code,
          date,
          regions: await checkStandards(tx, region.code, date, visibleDomains(principal)),
        };
      }),
  );
}
