import type { ColumnType, Generated } from 'kysely';

export type IndicatorDomain = 'elderly_care' | 'childcare';
export type IndicatorMethod = 'computed' | 'entered';
export type Direction = 'higher' | 'lower';
export type Measure = 'stock' | 'flow';
export type RollUp = 'sum' | 'ratio' | 'none';
export type Comparator = '>=' | '>' | '<=' | '<';
export type Nature = 'binding' | 'expected';
export type PopulationBasisOf = 'resident' | 'registered';

type Numeric = ColumnType<number, number | string, number | string>;

export interface IndicatorDefinitionTable {
  key: string;
  name_zh: string;
  name_en: string;
  domain: IndicatorDomain;
  method: IndicatorMethod;
  numerator: string | null;
  denominator: string | null;
  factor: Numeric;
  unit: string;
  decimals: number;
  direction: Direction;
  measure: Measure;
  population_basis: PopulationBasisOf | null;
  roll_up: RollUp;
  updated_at: Generated<Date>;
}

export interface IndicatorValueTable {
  region_code: string;
  id: Generated<number>;
  indicator_key: string;
  as_of: string;
  value: Numeric;
  source: string;
  note: string | null;
  entered_by: number | null;
  entered_at: Generated<Date>;
}

export interface PlanTable {
  region_code: string;
  id: Generated<number>;
  name: string;
  period_from: number;
  period_to: number;
  source_file: string;
  created_at: Generated<Date>;
}

export interface PlanIndicatorTable {
  region_code: string;
  id: Generated<number>;
  plan_id: number;
  position: number;
  indicator_key: string;
  wording: string;
  unit: string;
  baseline_year: number | null;
  baseline_value: Numeric | null;
  mid_year: number | null;
  mid_value: Numeric | null;
  target_year: number;
  target_value: Numeric;
  comparator: Comparator;
  nature: Nature | null;
  responsible: string | null;
  note: string | null;
}

export interface PlanAdditionTable {
  region_code: string;
  id: Generated<number>;
  plan_id: number;
  quantity: string;
  year: number;
  added: number;
}

export interface PlanTaskTable {
  region_code: string;
  id: Generated<number>;
  plan_id: number;
  number: number;
  title: string;
  lead_departments: ColumnType<string[], string[] | undefined, string[]>;
  participating_departments: ColumnType<string[], string[] | undefined, string[]>;
  deadline: string | null;
}

export interface PlanTaskProgressTable {
  region_code: string;
  id: Generated<number>;
  task_id: number;
  reported_on: string;
  status: 'not_started' | 'in_progress' | 'done' | 'delayed';
  report: string;
  reported_by: number | null;
  reported_at: Generated<Date>;
}

export interface PlanTables {
  indicator_definition: IndicatorDefinitionTable;
  indicator_value: IndicatorValueTable;
  plan: PlanTable;
  plan_indicator: PlanIndicatorTable;
  plan_addition: PlanAdditionTable;
  plan_task: PlanTaskTable;
  plan_task_progress: PlanTaskProgressTable;
}
