import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { inScope, regionScope, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, forbidden, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { MAX_YEAR, MIN_YEAR } from '../population/batch.ts';
import { POPULATION_BASES } from '../population/tables.ts';
import { findRegion } from '../regions/queries.ts';
import { PROJECTED_SEXES } from './age-groups.ts';
import { figuresOfRun, findRun, runsOfSubtree, type ForecastFigure, type ForecastRun } from './queries.ts';
import { runForecast } from './run.ts';
import { FORECAST_METHODS } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;
const MAX_GROUPS = 25;

const Year = z.number().int().min(MIN_YEAR).max(MAX_YEAR);
const Basis = z.enum(POPULATION_BASES);
const Count = z.number().min(0).max(1e10);
const Common = {
  regionCode: RegionCode,
  basis: Basis.default('resident'),
  /** The year projected from: the later of Hamilton–Perry's two counts. */
  baseYear: Year,
  targetYears: z.array(Year).min(1).max(20).default([2025, 2030, 2035]),
  openAge: z.number().int().min(5).max(120).multipleOf(5).default(85),
};
const HamiltonPerryBody = z.object({
  method: z.literal('hamilton_perry'),
  ...Common,
  earlierYear: Year,
});
const CohortComponentBody = z.object({
  method: z.literal('cohort_component'),
  ...Common,
  lifeTable: z.object({
    radix: z.number().positive().max(1e7),
    female: z.array(Count.positive()).min(2).max(MAX_GROUPS),
    male: z.array(Count.positive()).min(2).max(MAX_GROUPS),
  }),
  fertility: z.object({
    asfr: z.record(z.string(), z.number().min(0).max(1)),
    sexRatioAtBirth: z.number().min(0.8).max(1.5),
  }),
  netMigrantsPerStep: z
    .object({
      female: z.array(z.number().min(-1e8).max(1e8)).max(MAX_GROUPS),
      male: z.array(z.number().min(-1e8).max(1e8)).max(MAX_GROUPS),
    })
    .optional(),
});

const Run = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  method: z.enum(FORECAST_METHODS),
  basis: Basis,
  baseYear: z.number().int(),
  earlierYear: z.number().int().nullable(),
  openAge: z.number().int(),
  targetYears: z.array(z.number().int()),
  inputs: z.unknown(),
  parameters: z.unknown(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
});
const Figure = z.object({
  regionCode: z.string(),
  year: z.number().int(),
  sex: z.enum(PROJECTED_SEXES),
  ageFrom: z.number().int(),
  ageTo: z.number().int().nullable(),
  projected: z.number(),
  /** The region's own count rounded, or a subdivision's scaled to the region's total. */
  count: z.number().int(),
  scaled: z.boolean(),
});
const RunWithFigures = Run.extend({ figures: z.array(Figure) });

const viewRun = (run: ForecastRun): z.infer<typeof Run> => ({
  ...run,
  createdAt: run.createdAt.toISOString(),
});
const viewFigure = (figure: ForecastFigure): z.infer<typeof Figure> => figure;

/** A run the caller may read; one outside their scope is as absent as one that does not exist. */
async function readableRun(tx: Tx, principal: Principal, id: number): Promise<ForecastRun> {
  const run = await findRun(tx, id);
  if (!run || !inScope(regionScope(principal, 'population.read'), run.regionCode)) {
    throw notFound('Forecast', '人口预测');
  }
  return run;
}

export function forecastRoutes(api: TypedApi, deps: AppDeps): void {
  api.post(
    '/forecasts',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.write' } },
      schema: {
        tags: ['forecast'],
        summary:
          'Project a region by sex and 5-year age group (Hamilton–Perry from two stored counts, its subdivisions scaled to it; or cohort-component from a life table and fertility rates)',
        body: z.discriminatedUnion('method', [HamiltonPerryBody, CohortComponentBody]),
        response: { 201: RunWithFigures, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const run = await inTransaction(deps.db, async (tx) => {
        if (!(await findRegion(tx, request.body.regionCode))) {
          throw invalidInput([
            fieldError('body.regionCode', '行政区划代码不存在', 'No region has this code'),
          ]);
        }
        if (!inScope(regionScope(principal, 'population.write'), request.body.regionCode)) throw forbidden();
        const stored = await runForecast(tx, request.body, principal.accountId);
        const figures = await figuresOfRun(tx, stored.id);
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'forecast_run',
          entityId: stored.id,
          regionCode: stored.regionCode,
          detail: {
            method: stored.method,
            basis: stored.basis,
            baseYear: stored.baseYear,
            earlierYear: stored.earlierYear,
            targetYears: stored.targetYears,
            figures: figures.length,
          },
        });
        return { ...viewRun(stored), figures: figures.map(viewFigure) };
      });
      return reply.status(201).send(run);
    },
  );

  api.get(
    '/forecasts',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.read' } },
      schema: {
        tags: ['forecast'],
        summary: 'The forecast runs of a region and the places inside it, newest first (without figures)',
        querystring: z.object({ region: RegionCode }),
        response: { 200: z.object({ regionCode: z.string(), runs: z.array(Run) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const { region } = request.query;
      return inTransaction(deps.db, async (tx) => {
        if (!(await findRegion(tx, region))) throw notFound('Region', '行政区划');
        if (!inScope(regionScope(request.principal!, 'population.read'), region)) throw forbidden();
        return { regionCode: region, runs: (await runsOfSubtree(tx, region)).map(viewRun) };
      });
    },
  );

  api.get(
    '/forecasts/:id',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.read' } },
      schema: {
        tags: ['forecast'],
        summary: "A forecast run with its projected figures, its subdivisions' scaled to the region's total",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: RunWithFigures, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const run = await readableRun(tx, request.principal!, request.params.id);
        return { ...viewRun(run), figures: (await figuresOfRun(tx, run.id)).map(viewFigure) };
      }),
  );
}
