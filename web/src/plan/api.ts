/** Shapes of the plan API (src/domains/plan/schemas.ts and drilldown-routes.ts) the dashboard reads. */
export type Status = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'no_data' | 'not_applicable';

export interface PlanSummary {
  id: number;
  regionCode: string;
  regionName: string;
  name: string;
  periodFrom: number;
  periodTo: number;
  indicators: number;
}

export interface PlanDetail {
  id: number;
  regionCode: string;
  name: string;
  periodFrom: number;
  periodTo: number;
  additions: { quantity: string; year: number; added: number }[];
}

export interface EvaluatedIndicator {
  planIndicatorId: number;
  key: string;
  wording: string;
  unit: string;
  domain: 'elderly_care' | 'childcare';
  method: 'computed' | 'entered';
  nature: 'binding' | 'expected' | null;
  responsible: string | null;
  baselineYear: number | null;
  baseline: number | null;
  midYear: number | null;
  mid: number | null;
  targetYear: number;
  target: number | null;
  comparator: string;
  numerator: number | null;
  denominator: number | null;
  computed: number | null;
  entered: { value: number; asOf: string; source: string } | null;
  published: number | null;
  differs: boolean;
  value: number | null;
  trend: { date: string; value: number; change: number } | null;
  gap: number | null;
  status: Status;
  toAdd: { quantity: string; count: number | null } | null;
}

export interface Evaluation {
  planId: number;
  regionCode: string;
  date: string;
  indicators: EvaluatedIndicator[];
}

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

export interface GapsAnswer {
  planId: number;
  regionCode: string;
  date: string;
  regions: {
    regionCode: string;
    gaps: {
      key: string;
      wording: string;
      quantity: string;
      current: number | null;
      target: number;
      toAdd: number | null;
    }[];
  }[];
  schedules: {
    quantity: string;
    baselineDate: string;
    baseline: number | null;
    current: number | null;
    years: { year: number; added: number; planned: number; toAdd: number }[];
  }[];
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
  evaluation: (id: number, region: string, date: string) =>
    `/api/plans/${id}/evaluation${query({ region, date })}`,
  gaps: (id: number, region: string, date: string) => `/api/plans/${id}/gaps${query({ region, date })}`,
  regions: (id: number, region: string, date: string) => `/api/plans/${id}/regions${query({ region, date })}`,
  series: (id: number, region: string, date: string) => `/api/plans/${id}/series${query({ region, date })}`,
  records: (id: number, region: string, date: string, quantity?: string) =>
    `/api/plans/${id}/records${query({ region, date, quantity })}`,
  report: (id: number, format: 'pdf' | 'xlsx', regionCode: string, asOf: string) =>
    `/api/plans/${id}/report.${format}${query({ regionCode, asOf })}`,
};
