import type { ColumnType, Generated } from 'kysely';
import type { PopulationBasis } from '../population/tables.ts';
import type { ProjectedSex } from './age-groups.ts';

export type ForecastMethod = 'cohort_component' | 'hamilton_perry';
export const FORECAST_METHODS = [
  'cohort_component',
  'hamilton_perry',
] as const satisfies readonly ForecastMethod[];

export interface ForecastRunTable {
  region_code: string;
  id: Generated<number>;
  method: ForecastMethod;
  basis: PopulationBasis;
  base_year: number;
  earlier_year: number | null;
  open_age: number;
  target_years: number[];
  inputs: ColumnType<unknown, string, string>;
  parameters: ColumnType<unknown, string, string>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ForecastFigureTable {
  region_code: string;
  id: Generated<number>;
  run_region_code: string;
  run_id: number;
  year: number;
  sex: ProjectedSex;
  age_from: number;
  /** null: the open group. */
  age_to: number | null;
  projected: number;
  count: number;
  scaled: boolean;
}

export interface ForecastTables {
  forecast_run: ForecastRunTable;
  forecast_figure: ForecastFigureTable;
}
