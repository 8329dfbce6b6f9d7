/**
 * The plan API's answers (plans, evaluation, gaps, drill-down, the catalogue), importing nothing but zod so that the
 * console (web/src/plan, web/src/plan-tasks) takes its types from these schemas with z.infer instead of a copy.
 * schemas.ts re-exports some beside the inputs, drilldown-routes.ts uses the drill-down ones as its responses;
 * change the shapes here first.
 */
import { z } from 'zod';

export const DOMAINS = ['elderly_care', 'childcare'] as const;
export const STATUSES = ['met', 'on_track', 'at_risk', 'off_track', 'no_data', 'not_applicable'] as const;
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'delayed'] as const;

const Domain = z.enum(DOMAINS);
const Method = z.enum(['computed', 'entered']);
const Comparator = z.enum(['>=', '>', '<=', '<']);
const Nature = z.enum(['binding', 'expected']).nullable();

export const PlanSummary = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  periodFrom: z.number().int(),
  periodTo: z.number().int(),
  sourceFile: z.string(),
  indicators: z.number().int(),
});

export const PlanDetailView = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  periodFrom: z.number().int(),
  periodTo: z.number().int(),
  sourceFile: z.string(),
  indicators: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      key: z.string(),
      wording: z.string(),
      unit: z.string(),
      domain: Domain,
      method: Method,
      baselineYear: z.number().int().nullable(),
      baseline: z.number().nullable(),
      midYear: z.number().int().nullable(),
      mid: z.number().nullable(),
      targetYear: z.number().int(),
      target: z.number(),
      comparator: Comparator,
      nature: Nature,
      responsible: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  additions: z.array(z.object({ quantity: z.string(), year: z.number().int(), added: z.number().int() })),
  tasks: z.array(
    z.object({
      id: z.number().int(),
      number: z.number().int(),
      title: z.string(),
      leadDepartments: z.array(z.string()),
      participatingDepartments: z.array(z.string()),
      deadline: z.string().nullable(),
      progress: z.array(
        z.object({
          reportedOn: z.string(),
          status: z.enum(TASK_STATUSES),
          report: z.string(),
        }),
      ),
    }),
  ),
});

const Status = z.enum(STATUSES);

export const EvaluatedIndicatorView = z.object({
  planIndicatorId: z.number().int(),
  key: z.string(),
  wording: z.string(),
  unit: z.string(),
  domain: Domain,
  method: Method,
  nature: Nature,
  responsible: z.string().nullable(),
  note: z.string().nullable(),
  targetPlanId: z.number().int(),
  baselineYear: z.number().int().nullable(),
  baseline: z.number().nullable(),
  midYear: z.number().int().nullable(),
  mid: z.number().nullable(),
  targetYear: z.number().int(),
  target: z.number().nullable(),
  comparator: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  computed: z.number().nullable(),
  entered: z.object({ value: z.number(), asOf: z.string(), source: z.string() }).nullable(),
  published: z.number().nullable(),
  differs: z.boolean(),
  value: z.number().nullable(),
  trend: z.object({ date: z.string(), value: z.number(), change: z.number() }).nullable(),
  gap: z.number().nullable(),
  status: Status,
  toAdd: z.object({ quantity: z.string(), count: z.number().int().nullable() }).nullable(),
});

/** What every answer about a plan for a region on a date starts with. */
export const PlanAnswerHead = {
  planId: z.number().int(),
  regionCode: z.string(),
  date: z.string(),
};

export const EvaluationView = z.object({
  ...PlanAnswerHead,
  indicators: z.array(EvaluatedIndicatorView),
});

export const GapsView = z.object({
  ...PlanAnswerHead,
  regions: z.array(
    z.object({
      regionCode: z.string(),
      gaps: z.array(
        z.object({
          key: z.string(),
          wording: z.string(),
          quantity: z.string(),
          current: z.number().nullable(),
          target: z.number(),
          toAdd: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  schedules: z.array(
    z.object({
      quantity: z.string(),
      baselineDate: z.string(),
      baseline: z.number().nullable(),
      current: z.number().nullable(),
      years: z.array(
        z.object({
          year: z.number().int(),
          added: z.number().int(),
          planned: z.number(),
          toAdd: z.number(),
        }),
      ),
    }),
  ),
});

export const IndicatorDefinitionView = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  domain: Domain,
  method: Method,
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
  factor: z.number(),
  unit: z.string(),
  decimals: z.number().int(),
  direction: z.enum(['higher', 'lower']),
  measure: z.enum(['stock', 'flow']),
  populationBasis: z.enum(['resident', 'registered']).nullable(),
  rollUp: z.enum(['sum', 'ratio', 'none']),
  wordings: z.array(z.object({ planId: z.number().int(), wording: z.string() })),
});

/** One indicator of one region in the drill-down: the parts of the value, so a ratio can be checked by hand. */
export const RegionValueView = z.object({
  planIndicatorId: z.number().int(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  gap: z.number().nullable(),
  status: Status,
  toAdd: z.number().int().nullable(),
});

export const RegionsView = z.object({
  ...PlanAnswerHead,
  regions: z.array(
    z.object({
      regionCode: z.string(),
      name: z.string(),
      level: z.string(),
      childCount: z.number().int(),
      /** The region asked for (first), or one directly below it. */
      own: z.boolean(),
      indicators: z.array(RegionValueView),
    }),
  ),
});

export const SeriesView = z.object({
  planId: z.number().int(),
  regionCode: z.string(),
  points: z.array(
    z.object({
      date: z.string(),
      values: z.array(
        z.object({
          planIndicatorId: z.number().int(),
          value: z.number().nullable(),
          computed: z.number().nullable(),
        }),
      ),
    }),
  ),
  entered: z.array(
    z.object({
      indicatorKey: z.string(),
      asOf: z.string(),
      value: z.number(),
      source: z.string(),
    }),
  ),
});

export const FacilityRecordView = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  domain: Domain,
  facilityType: z.string(),
  ownership: z.string(),
  inclusive: z.boolean(),
  bedsTotal: z.number().int(),
  bedsNursing: z.number().int(),
  bedsDementia: z.number().int(),
  bedsInclusive: z.number().int(),
  places: z.number().int(),
  placesInclusive: z.number().int(),
});

export const RecordsView = z.object({
  regionCode: z.string(),
  date: z.string(),
  /** Every facility that matches, though at most the first 500 (largest first) are listed. */
  total: z.number().int(),
  facilities: z.array(FacilityRecordView),
});
