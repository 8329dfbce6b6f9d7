/**
 * Shapes of the plan task and standards API. Plans and their tasks are the server contract's own
 * (src/domains/plan/views.ts, by z.infer); the standards mirror standards-routes.ts.
 */
import type { z } from 'zod';
import type { PlanDetailView, TASK_STATUSES } from '../../../src/domains/plan/views';

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type PlanTask = z.infer<typeof PlanDetailView>['tasks'][number];
export type PlanWithTasks = Pick<z.infer<typeof PlanDetailView>, 'id' | 'regionCode' | 'name' | 'tasks'>;

export type StandardMeasure =
  | 'elderly_space_per_100_households'
  | 'childcare_places_per_1000_residents'
  | 'elderly_land_per_resident';

export interface StandardCheck {
  measure: StandardMeasure;
  areaType: 'new' | 'existing' | 'all';
  minimum: number;
  siteMinimum: number | null;
  source: string;
  value: number | null;
  required: number | null;
  provided: number | null;
  shortfall: number | null;
  status: 'met' | 'not_met' | 'no_data';
  note: 'no_population' | 'no_household_size' | 'land_not_recorded' | 'small_sites_excluded' | null;
  sitesExcluded: number;
}

export interface StandardsRegion {
  regionCode: string;
  name: string;
  own: boolean;
  residents: number | null;
  householdSize: number | null;
  households: number | null;
  checks: StandardCheck[];
}

export const tasksPaths = {
  plans: () => '/api/plans',
  plan: (id: number) => `/api/plans/${id}`,
  progress: (id: number, number: number) => `/api/plans/${id}/tasks/${number}/progress`,
  standards: (id: number, region: string, date: string) =>
    `/api/plans/${id}/standards?${new URLSearchParams({ region, date }).toString()}`,
};
