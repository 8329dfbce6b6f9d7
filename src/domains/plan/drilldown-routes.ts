// What the plan dashboard drills into: a plan evaluated for a region and each region directly below it, the plan's
// indicators at every year end (the time series), and the facilities whose capacity the indicators count.
import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { domainScopes, inDomainScope, inScope, regionScope, type Principal } from '../../server/access.ts';
import type { AppDeps } from '../../server/app.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { IdParams, IsoDate } from '../providers/schemas.ts';
import { nextPrefix } from '../providers/queries.ts';
import { escapeLike } from '../providers/reach.ts';
import { ADDITIVE_CAPACITY, CARE_HOME_TYPES } from './computations.ts';
import {
  evaluateRegions,
  findPlan,
  loadEvaluablePlan,
  type EvaluatedIndicator,
  type PlanRow,
} from './evaluate.ts';
import type { IndicatorDomain } from './tables.ts';
import { RecordsView, RegionsView, RegionValueView, SeriesView } from './views.ts';

const GOVERNMENT = ['government', 'system'] as const;
const READ = { principals: GOVERNMENT, permission: 'population.read' } as const;
/** The first year end of the series: the base year of the 14th five-year plans. */
const SERIES_FROM = 2020;
const RECORDS_LIMIT = 500;

const Query = z.object({ region: RegionCode.optional(), date: IsoDate.optional() });
const RecordsQuery = Query.extend({
  quantity: z.enum(ADDITIVE_CAPACITY as [string, ...string[]]).optional(),
});

function visibleDomains(principal: Principal, permission: 'population.read' | 'providers.read') {
  const scopes = domainScopes(principal, permission);
  return (domain: IndicatorDomain, regionCode: string) => inDomainScope(scopes, regionCode, domain);
}

/** The plan and region the caller asked for, refused unless both lie in the caller's scope. */
async function planAndRegion(tx: Tx, principal: Principal, id: number, region: string | undefined) {
  const plan = await findPlan(tx, id);
  const scope = regionScope(principal, 'population.read');
  const visible =
    plan !== undefined &&
    (scope === null ||
      scope.some((prefix) => prefix.startsWith(plan.region_code) || plan.region_code.startsWith(prefix)));
  if (!plan || !visible) throw notFound('Plan', '规划');
  const regionCode = region ?? plan.region_code;
  if (!inScope(scope, regionCode)) throw forbidden();
  await loadEvaluablePlan(tx, plan.id, regionCode);
  const found = await tx
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!found) throw notFound('Region', '行政区划');
  return { plan, region: found };
}

function regionValue(indicator: EvaluatedIndicator): z.infer<typeof RegionValueView> {
  return {
    planIndicatorId: indicator.planIndicatorId,
    numerator: indicator.numerator,
    denominator: indicator.denominator,
    value: indicator.value,
    target: indicator.target,
    gap: indicator.gap,
    status: indicator.status,
    toAdd: indicator.toAdd?.count ?? null,
  };
}

/** Year ends from the series' first year up to the date, and the date itself when it is not a year end. */
export function seriesDates(date: string): string[] {
  const year = Number(date.slice(0, 4));
  const dates: string[] = [];
  for (let y = SERIES_FROM; y < year; y++) dates.push(`${y}-12-31`);
  dates.push(date);
  return dates;
}

async function seriesOf(tx: Tx, plan: PlanRow, regionCode: string, date: string, principal: Principal) {
  const visible = visibleDomains(principal, 'population.read');
  const points = [];
  for (const at of seriesDates(date)) {
    const [evaluation] = await evaluateRegions(tx, plan, [regionCode], at, { visible }, true);
    points.push({
      date: at,
      values: evaluation.indicators.map((indicator) => ({
        planIndicatorId: indicator.planIndicatorId,
        value: indicator.value,
        computed: indicator.computed,
      })),
    });
  }
  return points;
}

export function drilldownRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());

  api.get(
    '/plans/:id/regions',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary:
          'The plan evaluated for a region and each region directly below it: numerator, denominator, value and status',
        params: IdParams,
        querystring: Query,
        response: { 200: RegionsView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const { plan, region } = await planAndRegion(tx, principal, request.params.id, request.query.region);
        const date = request.query.date ?? today();
        const children = await tx
          .selectFrom('region as r')
          .select((eb) => [
            'r.code',
            'r.name',
            'r.level',
            eb
              .selectFrom('region as c')
              .select(sql<number>`count(*)::int`.as('n'))
              .whereRef('c.parent_code', '=', 'r.code')
              .where('c.valid_to', 'is', null)
              .as('child_count'),
          ])
          .where('r.parent_code', '=', region.code)
          .where('r.valid_to', 'is', null)
          .orderBy('r.code')
          .execute();
        const nodes = [
          { code: region.code, name: region.name, level: region.level, child_count: children.length },
          ...children,
        ];
        const evaluations = await evaluateRegions(
          tx,
          plan,
          nodes.map((node) => node.code),
          date,
          { visible: visibleDomains(principal, 'population.read') },
          true,
        );
        return {
          planId: plan.id,
          regionCode: region.code,
          date,
          regions: nodes.map((node, index) => ({
            regionCode: node.code,
            name: node.name,
            level: node.level,
            childCount: Number(node.child_count ?? 0),
            own: index === 0,
            indicators: evaluations[index].indicators.map(regionValue),
          })),
        };
      }),
  );

  api.get(
    '/plans/:id/series',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary:
          "The plan's indicators for a region at every year end since 2020 and on the date, with entered values",
        params: IdParams,
        querystring: Query,
        response: { 200: SeriesView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const { plan, region } = await planAndRegion(tx, principal, request.params.id, request.query.region);
        const date = request.query.date ?? today();
        const points = await seriesOf(tx, plan, region.code, date, principal);
        const visible = visibleDomains(principal, 'population.read');
        const entered = await tx
          .selectFrom('indicator_value as v')
          .innerJoin('indicator_definition as d', 'd.key', 'v.indicator_key')
          .innerJoin('plan_indicator as pi', (join) =>
            join.onRef('pi.indicator_key', '=', 'v.indicator_key').on('pi.plan_id', '=', plan.id),
          )
          .select(['v.indicator_key', 'v.as_of', 'v.value', 'v.source', 'd.domain'])
          .distinct()
          .where('v.region_code', '=', region.code)
          .where('v.as_of', '<=', date)
          .orderBy('v.as_of')
          .execute();
        return {
          planId: plan.id,
          regionCode: region.code,
          points,
          entered: entered
            .filter((row) => visible(row.domain, region.code))
            .map((row) => ({
              indicatorKey: row.indicator_key,
              asOf: row.as_of,
              value: Number(row.value),
              source: row.source,
            })),
        };
      }),
  );

  api.get(
    '/plans/:id/records',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary:
          "The facilities operating in a region on the date with the capacity the plan's indicators count",
        params: IdParams,
        querystring: RecordsQuery,
        response: { 200: RecordsView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const { region } = await planAndRegion(tx, principal, request.params.id, request.query.region);
        const date = request.query.date ?? today();
        const quantity = request.query.quantity;
        const canRead = visibleDomains(principal, 'providers.read');
        const domains = (['elderly_care', 'childcare'] as const).filter(
          (domain) =>
            canRead(domain, region.code) &&
            (quantity === undefined || quantity.startsWith('childcare') === (domain === 'childcare')),
        );
        if (domains.length === 0) throw forbidden();
        const next = nextPrefix(region.code);
        let query = tx
          .selectFrom('facility_capacity as c')
          .innerJoin('facility as f', (join) =>
            join.onRef('f.region_code', '=', 'c.region_code').onRef('f.id', '=', 'c.facility_id'),
          )
          .where('c.region_code', 'like', `${escapeLike(region.code)}%`)
          .where('c.region_code', '>=', region.code)
          .where(sql<boolean>`c.valid_during @> ${date}::date`)
          .where('c.operating_status', '=', 'operating')
          .where('f.domain', 'in', domains);
        if (next !== null) query = query.where('c.region_code', '<', next);
        if (quantity === 'care_homes') query = query.where('f.facility_type', 'in', [...CARE_HOME_TYPES]);
        if (quantity === 'private_beds') query = query.where('f.ownership', '<>', 'public');
        if (quantity === 'inclusive_childcare_facilities') query = query.where('c.inclusive', '=', true);
        const rows = await query
          .select([
            'f.id',
            'f.region_code',
            'f.name',
            'f.domain',
            'f.facility_type',
            'f.ownership',
            'c.inclusive',
            'c.beds_total',
            'c.beds_nursing',
            'c.beds_dementia',
            'c.beds_inclusive',
            sql<number>`(c.places_infant + c.places_young_toddler + c.places_older_toddler + c.places_mixed)::int`.as(
              'places',
            ),
            'c.places_inclusive',
            sql<number>`count(*) OVER ()::int`.as('total'),
          ])
          .orderBy(
            sql`c.beds_total + c.places_infant + c.places_young_toddler + c.places_older_toddler + c.places_mixed`,
            'desc',
          )
          .orderBy('f.id')
          .limit(RECORDS_LIMIT)
          .execute();
        return {
          regionCode: region.code,
          date,
          total: rows[0]?.total ?? 0,
          facilities: rows.map((row) => ({
            id: row.id,
            regionCode: row.region_code,
            name: row.name,
            domain: row.domain,
            facilityType: row.facility_type,
            ownership: row.ownership,
            inclusive: row.inclusive,
            bedsTotal: row.beds_total,
            bedsNursing: row.beds_nursing,
            bedsDementia: row.beds_dementia,
            bedsInclusive: row.beds_inclusive,
            places: row.places,
            placesInclusive: row.places_inclusive,
          })),
        };
      }),
  );
}
