/**
 * Shapes of the plan API the dashboard reads. The plans, evaluation, gaps and drill-down answers are the server
 * contract's own (src/domains/plan/views.ts, by z.infer), so a field or status changed there is a type error here
 * until handled.
 */
import type { z } from 'zod';
import type {
  EvaluatedIndicatorView,
  EvaluationView,
  FacilityRecordView,
  GapsView,
  IndicatorDefinitionView,
  PlanDetailView,
  PlanSummary as PlanSummaryView,
  RecordsView,
  RegionsView,
  RegionValueView,
  SeriesView,
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

export type RegionValue = z.infer<typeof RegionValueView>;
export type RegionsAnswer = z.infer<typeof RegionsView>;
export type SeriesAnswer = z.infer<typeof SeriesView>;
export type FacilityRecord = z.infer<typeof FacilityRecordView>;
export type RecordsAnswer = z.infer<typeof RecordsView>;

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
