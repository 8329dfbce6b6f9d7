/**
 * Shapes of the plan API the dashboard reads. The plans, evaluation and gaps are the server contract's own
 * (src/domains/plan/views.ts, by z.infer), so a field or status changed there is a type error here until handled;
 * the drill-down answers mirror drilldown-routes.ts.
 */
import type { z } from 'zod';
import type {
  EvaluatedIndicatorView,
  EvaluationView,
  GapsView,
  IndicatorDefinitionView,
  PlanDetailView,
  PlanSummary as PlanSummaryView,
  STATUSES,
} from '../../../src/domains/plan/views';
import type { Locale } from '../api/types';

export type Status = (typeof STATUSES)[number];
export type PlanSummary = z.infer<typeof PlanSummaryView>;
export type PlanDetail = z.infer<typeof PlanDetailView>;
export type EvaluatedIndicator = z.infer<typeof EvaluatedIndicatorView>;
export type Evaluation = z.infer<typeof EvaluationView>;
export type GapsAnswer = z.infer<typeof GapsView>;
export type IndicatorDefinition = z.infer<typeof IndicatorDefinitionView>;

export interface RegionValue {
  planIndicatorId: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  target: number | null;
  gap: number | null;
  status: Status;
  toAdd: number | null;
}

export interface RegionsAnswer {
  planId: number;
  regionCode: string;
  date: string;
  regions: {
    regionCode: string;
    name: string;
    level: string;
    childCount: number;
    own: boolean;
    indicators: RegionValue[];
  }[];
}

export interface SeriesAnswer {
  planId: number;
  regionCode: string;
  points: {
    date: string;
    values: { planIndicatorId: number; value: number | null; computed: number | null }[];
  }[];
  entered: { indicatorKey: string; asOf: string; value: number; source: string }[];
}

export interface FacilityRecord {
  id: number;
  regionCode: string;
  name: string;
  domain: 'elderly_care' | 'childcare';
  facilityType: string;
  ownership: string;
  inclusive: boolean;
  bedsTotal: number;
  bedsNursing: number;
  bedsDementia: number;
  bedsInclusive: number;
  places: number;
  placesInclusive: number;
}

export interface RecordsAnswer {
  regionCode: string;
  date: string;
  total: number;
  facilities: FacilityRecord[];
}

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const planPaths = {
  plans: () => '/api/plans',
  plan: (id: number) => `/api/plans/${id}`,
  indicators: () => '/api/indicators',
  evaluation: (id: number, region: string, date: string) =>
    `/api/plans/${id}/evaluation${query({ region, date })}`,
  gaps: (id: number, region: string, date: string) => `/api/plans/${id}/gaps${query({ region, date })}`,
  regions: (id: number, region: string, date: string) => `/api/plans/${id}/regions${query({ region, date })}`,
  series: (id: number, region: string, date: string) => `/api/plans/${id}/series${query({ region, date })}`,
  records: (id: number, region: string, date: string, quantity?: string) =>
    `/api/plans/${id}/records${query({ region, date, quantity })}`,
  /** The report in the console's locale, so an officer reading English downloads it in English. */
  report: (id: number, format: 'pdf' | 'xlsx', regionCode: string, asOf: string, locale: Locale) =>
    `/api/plans/${id}/report.${format}${query({ regionCode, asOf, locale })}`,
};
