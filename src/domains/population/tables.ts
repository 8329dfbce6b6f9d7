import type { ColumnType, Generated } from 'kysely';

export type PopulationBasis = 'resident' | 'registered';
export type PopulationSex = 'male' | 'female' | 'total';
export type PopulationSource = 'census_2020' | 'yearly_statistics' | 'estimate';

export const POPULATION_BASES = ['resident', 'registered'] as const satisfies readonly PopulationBasis[];
export const POPULATION_SEXES = ['male', 'female', 'total'] as const satisfies readonly PopulationSex[];
/** In order of trust: a census count beats the yearly bulletin, which beats an estimate. */
export const POPULATION_SOURCES = [
  'census_2020',
  'yearly_statistics',
  'estimate',
] as const satisfies readonly PopulationSource[];

export interface PopulationFigureTable {
  region_code: string;
  id: Generated<number>;
  year: number;
  basis: PopulationBasis;
  sex: PopulationSex;
  age_from: number;
  /** null: open-ended (60+, 100+). */
  age_to: number | null;
  count: number;
  source: PopulationSource;
  entered_by: number | null;
  entered_at: ColumnType<Date, Date | string | undefined, Date | string>;
  note: string | null;
}

export interface PopulationTables {
  population_figure: PopulationFigureTable;
}
