import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { assertInScope, inScope, regionScope, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, forbidden, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAuditMany } from '../audit/record.ts';
import { findRegion } from '../regions/queries.ts';
import { MAX_AGE, MAX_NOTE_LENGTH, MAX_YEAR, MIN_YEAR, validateFigureBatch } from './batch.ts';
import {
  consistencyWarnings,
  figuresOfRegions,
  liveChildren,
  populationSummary,
  upsertPopulationFigures,
  type StoredFigure,
} from './queries.ts';
import { POPULATION_BASES, POPULATION_SEXES, POPULATION_SOURCES } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;
const MAX_FIGURES_PER_BATCH = 5000;

const Basis = z.enum(POPULATION_BASES);
const Sex = z.enum(POPULATION_SEXES);
const Source = z.enum(POPULATION_SOURCES);
const Year = z.number().int().min(MIN_YEAR).max(MAX_YEAR);
const Age = z.number().int().min(0).max(MAX_AGE);
const Text = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

const FigureInput = z.object({
  basis: Basis,
  sex: Sex,
  ageFrom: Age,
  /** null: open-ended (60+); required so that a forgotten upper bound is not read as "and over". */
  ageTo: Age.nullable(),
  count: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  source: Source,
  note: z.string().trim().max(MAX_NOTE_LENGTH).nullable().optional(),
});
const Figure = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  year: z.number().int(),
  basis: Basis,
  sex: Sex,
  ageFrom: z.number().int(),
  ageTo: z.number().int().nullable(),
  count: z.number().int(),
  source: Source,
  note: z.string().nullable(),
  enteredBy: z.number().int().nullable(),
  enteredAt: z.string(),
});
const Warning = z.object({
  code: z.enum(['children_sum_differs', 'sex_sum_differs']),
  regionCode: z.string(),
  year: z.number().int(),
  basis: Basis,
  sex: Sex,
  source: Source,
  ageFrom: z.number().int(),
  ageTo: z.number().int().nullable(),
  stated: z.number().int(),
  computed: z.number().int(),
  difference: z.number().int(),
  childrenCounted: z.number().int().nullable(),
  childrenTotal: z.number().int().nullable(),
  message: Text,
});
const Resolved = z
  .object({ count: z.number().int(), source: Source, derivedFrom: z.enum(['own', 'children']) })
  .nullable();
const Denominator = z.object({
  key: z.enum(['total', 'aged60Plus', 'aged65Plus', 'aged80Plus', 'under3']),
  ageFrom: z.number().int(),
  ageTo: z.number().int().nullable(),
  label: Text,
  total: Resolved,
  male: Resolved,
  female: Resolved,
});
const QueryYear = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);

function view(figure: StoredFigure): z.infer<typeof Figure> {
  return {
    id: figure.id,
    regionCode: figure.regionCode,
    year: figure.year,
    basis: figure.basis,
    sex: figure.sex,
    ageFrom: figure.ageFrom,
    ageTo: figure.ageTo,
    count: figure.count,
    source: figure.source,
    note: figure.note,
    enteredBy: figure.enteredBy,
    enteredAt: figure.enteredAt.toISOString(),
  };
}

/** A region the caller may read, or 404 / 403. */
async function readableRegion(tx: Tx, principal: Principal, code: string) {
  const region = await findRegion(tx, code);
  if (!region) throw notFound('Region', '行政区划');
  if (!inScope(regionScope(principal, 'population.read'), code)) throw forbidden();
  return region;
}

function parentVisible(principal: Principal, parentCode: string | null): boolean {
  return parentCode !== null && inScope(regionScope(principal, 'population.read'), parentCode);
}

export function populationRoutes(api: TypedApi, deps: AppDeps): void {
  api.put(
    '/population/figures',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.write' } },
      schema: {
        tags: ['population'],
        summary:
          'Store a batch of population figures of one region and year (replacing same-key figures); returns them with consistency warnings',
        body: z.object({
          regionCode: RegionCode,
          year: Year,
          figures: z.array(FigureInput).min(1).max(MAX_FIGURES_PER_BATCH),
        }),
        response: {
          200: z.object({
            regionCode: z.string(),
            year: z.number().int(),
            created: z.number().int(),
            updated: z.number().int(),
            figures: z.array(Figure),
            warnings: z.array(Warning),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { regionCode, year, figures } = request.body;
      const principal = request.principal!;
      return inTransaction(deps.db, async (tx) => {
        const region = await findRegion(tx, regionCode);
        if (!region) {
          throw invalidInput([
            fieldError('body.regionCode', '行政区划代码不存在', 'No region has this code'),
          ]);
        }
        assertInScope(principal, 'population.write', regionCode);
        const inputs = figures.map((figure) => ({ ...figure, regionCode, year }));
        const problems = validateFigureBatch(inputs, (index) => `body.figures.${index}`);
        if (problems.length > 0) throw invalidInput(problems);

        const stored = await upsertPopulationFigures(tx, inputs, principal.accountId);
        await recordAuditMany(
          tx,
          actorOf(request),
          stored.map((figure) => ({
            action: figure.inserted ? 'create' : 'update',
            entity: 'population_figure',
            entityId: figure.id,
            regionCode: figure.regionCode,
            detail: {
              year: figure.year,
              basis: figure.basis,
              sex: figure.sex,
              ageFrom: figure.ageFrom,
              ageTo: figure.ageTo,
              source: figure.source,
              count: figure.count,
              ...(figure.inserted ? {} : { previousCount: figure.previousCount }),
            },
          })),
        );
        const warnings = await consistencyWarnings(
          tx,
          {
            regionCode,
            parentCode: region.parent_code,
            parentVisible: parentVisible(principal, region.parent_code),
          },
          { year },
        );
        const created = stored.filter((figure) => figure.inserted).length;
        return {
          regionCode,
          year,
          created,
          updated: stored.length - created,
          figures: stored.map(view),
          warnings,
        };
      });
    },
  );

  api.get(
    '/population/figures',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.read' } },
      schema: {
        tags: ['population'],
        summary: "A region's population figures (optionally with its children's), with consistency warnings",
        querystring: z.object({
          region: RegionCode,
          year: QueryYear.optional(),
          basis: Basis.optional(),
          children: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({ regionCode: z.string(), figures: z.array(Figure), warnings: z.array(Warning) }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region: code, year, basis, children } = request.query;
      const principal = request.principal!;
      return inTransaction(deps.db, async (tx) => {
        const region = await readableRegion(tx, principal, code);
        const childCodes = children === 'true' ? (await liveChildren(tx, [code])).get(code)! : [];
        const filter = { year, basis };
        const figures = await figuresOfRegions(tx, [code, ...childCodes], filter);
        const warnings = await consistencyWarnings(
          tx,
          {
            regionCode: code,
            parentCode: region.parent_code,
            parentVisible: parentVisible(principal, region.parent_code),
            alsoCheckSexes: childCodes,
          },
          filter,
        );
        return { regionCode: code, figures: figures.map(view), warnings };
      });
    },
  );

  api.get(
    '/population/summary',
    {
      config: { access: { principals: GOVERNMENT, permission: 'population.read' } },
      schema: {
        tags: ['population'],
        summary:
          'The common denominators of a region and year (total, 60+, 65+, 80+, under 3) by sex, own or summed from subdivisions',
        querystring: z.object({
          region: RegionCode,
          year: QueryYear,
          basis: Basis.default('resident'),
        }),
        response: {
          200: z.object({
            regionCode: z.string(),
            year: z.number().int(),
            basis: Basis,
            denominators: z.array(Denominator),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region: code, year, basis } = request.query;
      const principal = request.principal!;
      return inTransaction(deps.db, async (tx) => {
        await readableRegion(tx, principal, code);
        return {
          regionCode: code,
          year,
          basis,
          denominators: await populationSummary(tx, code, year, basis),
        };
      });
    },
  );
}
