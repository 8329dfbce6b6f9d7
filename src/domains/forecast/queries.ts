import type { Db, Tx } from '../../db/database.ts';
import { sumOverRange } from '../population/age-bands.ts';
import type { PopulationBasis } from '../population/tables.ts';
import type { ProjectedSex } from './age-groups.ts';
import type { ForecastMethod } from './tables.ts';

export interface ForecastRun {
  id: number;
  regionCode: string;
  method: ForecastMethod;
  basis: PopulationBasis;
  baseYear: number;
  earlierYear: number | null;
  openAge: number;
  targetYears: number[];
  inputs: unknown;
  parameters: unknown;
  createdBy: number | null;
  createdAt: Date;
}

export interface ForecastFigure {
  regionCode: string;
  year: number;
  sex: ProjectedSex;
  ageFrom: number;
  ageTo: number | null;
  projected: number;
  count: number;
  scaled: boolean;
}

export type NewRun = Omit<ForecastRun, 'id' | 'createdAt'>;

// Well under PostgreSQL's 65,535 bind parameters per statement at 10 a row.
const ROWS_PER_STATEMENT = 1000;

const RUN_COLUMNS = [
  'id',
  'region_code',
  'method',
  'basis',
  'base_year',
  'earlier_year',
  'open_age',
  'target_years',
  'inputs',
  'parameters',
  'created_by',
  'created_at',
] as const;

function runFromRow(row: {
  id: number;
  region_code: string;
  method: ForecastMethod;
  basis: PopulationBasis;
  base_year: number;
  earlier_year: number | null;
  open_age: number;
  target_years: number[];
  inputs: unknown;
  parameters: unknown;
  created_by: number | null;
  created_at: Date;
}): ForecastRun {
  return {
    id: row.id,
    regionCode: row.region_code,
    method: row.method,
    basis: row.basis,
    baseYear: row.base_year,
    earlierYear: row.earlier_year,
    openAge: row.open_age,
    targetYears: row.target_years,
    inputs: row.inputs,
    parameters: row.parameters,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export async function insertRun(
  tx: Tx,
  run: NewRun,
  figures: readonly ForecastFigure[],
): Promise<ForecastRun> {
  const row = await tx
    .insertInto('forecast_run')
    .values({
      region_code: run.regionCode,
      method: run.method,
      basis: run.basis,
      base_year: run.baseYear,
      earlier_year: run.earlierYear,
      open_age: run.openAge,
      target_years: run.targetYears,
      inputs: JSON.stringify(run.inputs),
      parameters: JSON.stringify(run.parameters),
      created_by: run.createdBy,
    })
    .returning(RUN_COLUMNS)
    .executeTakeFirstOrThrow();
  for (let start = 0; start < figures.length; start += ROWS_PER_STATEMENT) {
    await tx
      .insertInto('forecast_figure')
      .values(
        figures.slice(start, start + ROWS_PER_STATEMENT).map((figure) => ({
          region_code: figure.regionCode,
          run_region_code: row.region_code,
          run_id: row.id,
          year: figure.year,
          sex: figure.sex,
          age_from: figure.ageFrom,
          age_to: figure.ageTo,
          projected: figure.projected,
          count: figure.count,
          scaled: figure.scaled,
        })),
      )
      .execute();
  }
  return runFromRow(row);
}

export async function findRun(db: Db | Tx, id: number): Promise<ForecastRun | null> {
  const row = await db.selectFrom('forecast_run').select(RUN_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? runFromRow(row) : null;
}

/** The runs of a region and of the places inside it, newest first. */
export async function runsOfSubtree(db: Db | Tx, regionCode: string): Promise<ForecastRun[]> {
  const rows = await db
    .selectFrom('forecast_run')
    .select(RUN_COLUMNS)
    .where('region_code', 'like', `${regionCode}%`)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(runFromRow);
}

export async function figuresOfRun(db: Db | Tx, runId: number): Promise<ForecastFigure[]> {
  const rows = await db
    .selectFrom('forecast_figure')
    .select(['region_code', 'year', 'sex', 'age_from', 'age_to', 'projected', 'count', 'scaled'])
    .where('run_id', '=', runId)
    .orderBy('region_code')
    .orderBy('year')
    .orderBy('sex')
    .orderBy('age_from')
    .execute();
  return rows.map((row) => ({
    regionCode: row.region_code,
    year: row.year,
    sex: row.sex,
    ageFrom: row.age_from,
    ageTo: row.age_to,
    projected: row.projected,
    count: row.count,
    scaled: row.scaled,
  }));
}

export interface ProjectedQuery {
  ageFrom?: number;
  /** null or absent: open-ended (60+). */
  ageTo?: number | null;
  sex?: ProjectedSex | 'total';
  basis?: PopulationBasis;
}

export interface ProjectedCount {
  count: number;
  runId: number;
  method: ForecastMethod;
  baseYear: number;
  /** Whether the region's figures were scaled to its parent's total. */
  scaled: boolean;
}

/**
 * A future denominator for the plan engine: the projected population of a region in a year, of an age range and
 * sex, from the newest run that projected that region and year. Null when no run did, or when the range does not
 * tile the run's 5-year groups (0–2 cannot be told from 0–4 without assuming how the births fall).
 */
export async function projectedPopulation(
  db: Db | Tx,
  regionCode: string,
  year: number,
  query: ProjectedQuery = {},
): Promise<ProjectedCount | null> {
  const { ageFrom = 0, ageTo = null, sex = 'total', basis = 'resident' } = query;
  const latest = await db
    .selectFrom('forecast_figure as f')
    .innerJoin('forecast_run as r', 'r.id', 'f.run_id')
    .select(['r.id', 'r.method', 'r.base_year'])
    .where('f.region_code', '=', regionCode)
    .where('f.year', '=', year)
    .where('r.basis', '=', basis)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const rows = await db
    .selectFrom('forecast_figure')
    .select(['sex', 'age_from', 'age_to', 'count', 'scaled'])
    .where('run_id', '=', latest.id)
    .where('region_code', '=', regionCode)
    .where('year', '=', year)
    .execute();
  const countOf = (wanted: ProjectedSex) =>
    sumOverRange(
      rows
        .filter((row) => row.sex === wanted)
        .map((row) => ({ ageFrom: row.age_from, ageTo: row.age_to, count: row.count })),
      { ageFrom, ageTo },
    );
  const counts = sex === 'total' ? [countOf('female'), countOf('male')] : [countOf(sex)];
  if (counts.some((count) => count === null)) return null;
  return {
    count: counts.reduce((sum: number, count) => sum + count!, 0),
    runId: latest.id,
    method: latest.method,
    baseYear: latest.base_year,
    scaled: rows.some((row) => row.scaled),
  };
}
