import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import {
  assertInScope,
  domainScopes,
  inDomainScope,
  inScope,
  regionScope,
  type Principal,
} from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, forbidden, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit, recordAuditMany } from '../audit/record.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { liveChildren } from '../population/queries.ts';
import { IdParams, IsoDate } from '../providers/schemas.ts';
import { findRegion } from '../regions/queries.ts';
import {
  evaluatePlan,
  findPlan,
  loadEvaluablePlan,
  planGaps,
  planIndicators,
  type PlanRow,
} from './evaluate.ts';
import { loadSeedPlans } from './load-plans.ts';
import { drilldownRoutes } from './drilldown-routes.ts';
import { taskRoutes } from './task-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { standardsRoutes } from './standards-routes.ts';
import {
  EvaluationView,
  GapsView,
  IndicatorDefinitionView,
  IndicatorValueInput,
  IndicatorValueView,
  PlanDetailView,
  PlanSummary,
} from './schemas.ts';
import type { IndicatorDomain } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;
const READ = { principals: GOVERNMENT, permission: 'population.read' } as const;

const EvaluationQuery = z.object({ region: RegionCode.optional(), date: IsoDate.optional() });
const KeyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/) });

/** A plan is visible to callers whose scope lies inside its region (the plans above them) or contains it. */
function planVisible(principal: Principal, plan: { region_code: string }): boolean {
  const scope = regionScope(principal, 'population.read');
  return (
    scope === null ||
    scope.some((prefix) => prefix.startsWith(plan.region_code) || plan.region_code.startsWith(prefix))
  );
}

function visibleDomains(principal: Principal) {
  const scopes = domainScopes(principal, 'population.read');
  return (domain: IndicatorDomain, regionCode: string) => inDomainScope(scopes, regionCode, domain);
}

async function visiblePlan(
  tx: Parameters<typeof findPlan>[0],
  principal: Principal,
  id: number,
): Promise<PlanRow> {
  const plan = await findPlan(tx, id);
  if (!plan || !planVisible(principal, plan)) throw notFound('Plan', '规划');
  return plan;
}

export function planRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());
  taskRoutes(api, deps);
  reportRoutes(api, deps);
  standardsRoutes(api, deps);
  drilldownRoutes(api, deps);

  api.get(
    '/plans',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary: "Plans of the caller's regions and the regions above them",
        response: { 200: z.object({ plans: z.array(PlanSummary) }), ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const plans = await tx
          .selectFrom('plan as p')
          .innerJoin('region as r', 'r.code', 'p.region_code')
          .leftJoin('plan_indicator as pi', 'pi.plan_id', 'p.id')
          .select((eb) => [
            'p.id',
            'p.region_code',
            'r.name as region_name',
            'p.name',
            'p.period_from',
            'p.period_to',
            'p.source_file',
            eb.fn.count<number>('pi.id').as('indicators'),
          ])
          .groupBy(['p.id', 'p.region_code', 'r.name'])
          .orderBy('p.region_code')
          .orderBy('p.id')
          .execute();
        return {
          plans: plans
            .filter((plan) => planVisible(request.principal!, plan))
            .map((plan) => ({
              id: plan.id,
              regionCode: plan.region_code,
              regionName: plan.region_name,
              name: plan.name,
              periodFrom: plan.period_from,
              periodTo: plan.period_to,
              sourceFile: plan.source_file,
              indicators: Number(plan.indicators),
            })),
        };
      }),
  );

  api.get(
    '/plans/:id',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary: "A plan: its indicator table (the caller's domains), yearly additions and key tasks",
        params: IdParams,
        response: { 200: PlanDetailView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const plan = await visiblePlan(tx, request.principal!, request.params.id);
        const visible = visibleDomains(request.principal!);
        const indicators = (await planIndicators(tx, [plan.id])).filter((row) =>
          visible(row.domain, plan.region_code),
        );
        const additions = await tx
          .selectFrom('plan_addition')
          .select(['quantity', 'year', 'added'])
          .where('plan_id', '=', plan.id)
          .orderBy('quantity')
          .orderBy('year')
          .execute();
        const tasks = await tx
          .selectFrom('plan_task')
          .select(['id', 'number', 'title', 'lead_departments', 'participating_departments', 'deadline'])
          .where('plan_id', '=', plan.id)
          .orderBy('number')
          .execute();
        const progress = tasks.length
          ? await tx
              .selectFrom('plan_task_progress')
              .select(['task_id', 'reported_on', 'status', 'report'])
              .where(
                'task_id',
                'in',
                tasks.map((task) => task.id),
              )
              .orderBy('reported_on')
              .execute()
          : [];
        return {
          id: plan.id,
          regionCode: plan.region_code,
          name: plan.name,
          periodFrom: plan.period_from,
          periodTo: plan.period_to,
          sourceFile: plan.source_file,
          indicators: indicators.map((row) => ({
            id: row.id,
            position: row.position,
            key: row.indicator_key,
            wording: row.wording,
            unit: row.unit,
            domain: row.domain,
            method: row.method,
            baselineYear: row.baseline_year,
            baseline: row.baseline_value === null ? null : Number(row.baseline_value),
            midYear: row.mid_year,
            mid: row.mid_value === null ? null : Number(row.mid_value),
            targetYear: row.target_year,
            target: Number(row.target_value),
            comparator: row.comparator,
            nature: row.nature,
            responsible: row.responsible,
            note: row.note,
          })),
          additions,
          tasks: tasks.map((task) => ({
            id: task.id,
            number: task.number,
            title: task.title,
            leadDepartments: task.lead_departments,
            participatingDepartments: task.participating_departments,
            deadline: task.deadline,
            progress: progress
              .filter((entry) => entry.task_id === task.id)
              .map((entry) => ({
                reportedOn: entry.reported_on,
                status: entry.status,
                report: entry.report,
              })),
          })),
        };
      }),
  );

  api.get(
    '/plans/:id/evaluation',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary:
          'Each indicator for a region and date: computed from records beside the published figure, target, gap and status',
        params: IdParams,
        querystring: EvaluationQuery,
        response: { 200: EvaluationView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const plan = await visiblePlan(tx, principal, request.params.id);
        const regionCode = request.query.region ?? plan.region_code;
        if (!inScope(regionScope(principal, 'population.read'), regionCode)) throw forbidden();
        await loadEvaluablePlan(tx, plan.id, regionCode);
        if (!(await findRegion(tx, regionCode))) throw notFound('Region', '行政区划');
        return evaluatePlan(tx, plan, regionCode, request.query.date ?? today(), {
          visible: visibleDomains(principal),
        });
      }),
  );

  api.get(
    '/plans/:id/gaps',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary:
          'Beds, nursing beds and places the region and each subdivision must add, and the yearly schedule',
        params: IdParams,
        querystring: EvaluationQuery,
        response: { 200: GapsView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const plan = await visiblePlan(tx, principal, request.params.id);
        const regionCode = request.query.region ?? plan.region_code;
        if (!inScope(regionScope(principal, 'population.read'), regionCode)) throw forbidden();
        await loadEvaluablePlan(tx, plan.id, regionCode);
        if (!(await findRegion(tx, regionCode))) throw notFound('Region', '行政区划');
        const children = (await liveChildren(tx, [regionCode])).get(regionCode) ?? [];
        return planGaps(tx, plan, regionCode, request.query.date ?? today(), children, {
          visible: visibleDomains(principal),
        });
      }),
  );

  api.get(
    '/indicators',
    {
      config: { access: READ },
      schema: {
        tags: ['plan'],
        summary: 'The indicator catalogue: definitions and the wordings under which plans state them',
        response: { 200: z.object({ indicators: z.array(IndicatorDefinitionView) }), ...ErrorResponses },
      },
    },
    async () =>
      inTransaction(deps.db, async (tx) => {
        const definitions = await tx.selectFrom('indicator_definition').selectAll().orderBy('key').execute();
        const wordings = await tx
          .selectFrom('plan_indicator')
          .select(['indicator_key', 'plan_id', 'wording'])
          .orderBy('plan_id')
          .orderBy('position')
          .execute();
        return {
          indicators: definitions.map((d) => ({
            key: d.key,
            nameZh: d.name_zh,
            nameEn: d.name_en,
            domain: d.domain,
            method: d.method,
            numerator: d.numerator,
            denominator: d.denominator,
            factor: Number(d.factor),
            unit: d.unit,
            decimals: d.decimals,
            direction: d.direction,
            measure: d.measure,
            populationBasis: d.population_basis,
            rollUp: d.roll_up,
            wordings: wordings
              .filter((w) => w.indicator_key === d.key)
              .map((w) => ({ planId: w.plan_id, wording: w.wording })),
          })),
        };
      }),
  );

  api.put(
    '/indicators/:key/values',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.write' } },
      schema: {
        tags: ['plan'],
        summary: "Enter an indicator's value for a region and date; earlier values stay as history",
        params: KeyParams,
        body: IndicatorValueInput,
        response: {
          201: z.object({ value: IndicatorValueView, history: z.array(IndicatorValueView) }),
          ...ErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const body = request.body;
      const result = await inTransaction(deps.db, async (tx) => {
        assertInScope(principal, 'population.write', body.regionCode);
        const definition = await tx
          .selectFrom('indicator_definition')
          .select(['key', 'domain'])
          .where('key', '=', request.params.key)
          .executeTakeFirst();
        if (!definition) throw notFound('Indicator', '指标');
        if (!inDomainScope(domainScopes(principal, 'population.write'), body.regionCode, definition.domain)) {
          throw forbidden();
        }
        if (!(await findRegion(tx, body.regionCode))) {
          throw invalidInput([fieldError('body.regionCode', '行政区划不存在', 'No such region')]);
        }
        if (body.asOf > today()) {
          throw invalidInput([
            fieldError('body.asOf', '日期不能晚于今天', 'The date cannot be in the future'),
          ]);
        }
        const stored = await tx
          .insertInto('indicator_value')
          .values({
            region_code: body.regionCode,
            indicator_key: definition.key,
            as_of: body.asOf,
            value: body.value,
            source: body.source,
            note: body.note ?? null,
            entered_by: principal.accountId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'indicator_value',
          entityId: stored.id,
          regionCode: body.regionCode,
          detail: { indicatorKey: definition.key, asOf: body.asOf },
        });
        const history = await tx
          .selectFrom('indicator_value')
          .selectAll()
          .where('indicator_key', '=', definition.key)
          .where('region_code', '=', body.regionCode)
          .orderBy('as_of', 'desc')
          .orderBy('id', 'desc')
          .execute();
        const views = history.map((row) => ({
          id: row.id,
          indicatorKey: row.indicator_key,
          regionCode: row.region_code,
          asOf: row.as_of,
          value: Number(row.value),
          source: row.source,
          note: row.note,
          enteredBy: row.entered_by,
          enteredAt: row.entered_at.toISOString(),
        }));
        return { value: views.find((view) => view.id === stored.id)!, history: views };
      });
      return reply.code(201).send(result);
    },
  );

  api.post(
    '/plans/load',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.write' } },
      schema: {
        tags: ['plan'],
        summary: 'Platform administrators: load the indicator catalogue and the seed plans (idempotent)',
        response: {
          200: z.object({
            definitionsAdded: z.number().int(),
            plansLoaded: z.array(
              z.object({
                sourceFile: z.string(),
                regionCode: z.string(),
                planId: z.number().int(),
                indicators: z.number().int(),
              }),
            ),
            plansSkipped: z.array(
              z.object({
                sourceFile: z.string(),
                regionCode: z.string(),
                reason: z.enum(['region_not_loaded', 'already_loaded']),
              }),
            ),
            notesMoved: z.array(
              z.object({
                sourceFile: z.string(),
                regionCode: z.string(),
                planId: z.number().int(),
                planIndicatorIds: z.array(z.number().int()),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      // Seed plans belong to every region at once: only a principal scoped everywhere may load them.
      if (regionScope(request.principal!, 'population.write') !== null) throw forbidden();
      return inTransaction(deps.db, async (tx) => {
        const result = await loadSeedPlans(tx);
        await recordAuditMany(tx, actorOf(request), [
          ...result.plansLoaded.map((plan) => ({
            action: 'create' as const,
            entity: 'plan',
            entityId: plan.planId,
            regionCode: plan.regionCode,
            detail: { sourceFile: plan.sourceFile, indicators: plan.indicators },
          })),
          ...result.notesMoved.map((plan) => ({
            action: 'update' as const,
            entity: 'plan',
            entityId: plan.planId,
            regionCode: plan.regionCode,
            detail: { sourceFile: plan.sourceFile, notesMovedFromResponsible: plan.planIndicatorIds },
          })),
        ]);
        return result;
      });
    },
  );
}
