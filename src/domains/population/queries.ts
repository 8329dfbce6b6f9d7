import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { invalidInput } from '../../server/errors.ts';
import { validateFigureBatch, type PopulationFigureInput } from './batch.ts';
import { childrenSumWarnings, sexConsistencyWarnings, type PopulationWarning } from './checks.ts';
import {
  answersAllDenominators,
  resolveCount,
  resolveOwn,
  summarise,
  type CountQuery,
  type DenominatorSummary,
  type FigureTree,
  type ResolvedCount,
} from './denominators.ts';
import { figureKey, type PopulationFigure } from './figure.ts';
import type { PopulationBasis } from './tables.ts';

export interface StoredFigure extends PopulationFigure {
  id: number;
  note: string | null;
  enteredBy: number | null;
  enteredAt: Date;
}

export interface UpsertedFigure extends StoredFigure {
  /** false: an existing figure with the same key was replaced. */
  inserted: boolean;
  previousCount: number | null;
}

export interface FigureFilter {
  year?: number;
  basis?: PopulationBasis;
}

// Well under PostgreSQL's 65,535 bind parameters per statement at 10 a row.
const ROWS_PER_STATEMENT = 1000;

const COLUMNS = [
  'id',
  'region_code',
  'year',
  'basis',
  'sex',
  'age_from',
  'age_to',
  'count',
  'source',
  'note',
  'entered_by',
  'entered_at',
] as const;

type Row = {
  id: number;
  region_code: string;
  year: number;
  basis: StoredFigure['basis'];
  sex: StoredFigure['sex'];
  age_from: number;
  age_to: number | null;
  count: number;
  source: StoredFigure['source'];
  note: string | null;
  entered_by: number | null;
  entered_at: Date;
};

function fromRow(row: Row): StoredFigure {
  return {
    id: row.id,
    regionCode: row.region_code,
    year: row.year,
    basis: row.basis,
    sex: row.sex,
    ageFrom: row.age_from,
    ageTo: row.age_to,
    count: row.count,
    source: row.source,
    note: row.note,
    enteredBy: row.entered_by,
    enteredAt: row.entered_at,
  };
}

/**
 * Writes a batch of figures, replacing any stored figure with the same key (region, year, basis, sex, ages,
 * source). The whole batch is validated first and throws invalidInput (paths `figures.<i>.<field>`) before any
 * row is written; the caller's transaction makes the batch all-or-nothing. The regions must exist (foreign key).
 * Shared by the API and the demo loader; auditing is the caller's, who knows the actor.
 */
export async function upsertPopulationFigures(
  tx: Tx,
  figures: readonly PopulationFigureInput[],
  enteredBy: number | null,
): Promise<UpsertedFigure[]> {
  const problems = validateFigureBatch(figures, (index) => `figures.${index}`);
  if (problems.length > 0) throw invalidInput(problems);
  if (figures.length === 0) return [];

  const regions = [...new Set(figures.map((figure) => figure.regionCode))];
  const years = [...new Set(figures.map((figure) => figure.year))];
  const previous = new Map(
    (
      await tx
        .selectFrom('population_figure')
        .select(COLUMNS)
        .where('region_code', 'in', regions)
        .where('year', 'in', years)
        .execute()
    ).map((row) => {
      const figure = fromRow(row);
      return [figureKey(figure), figure.count];
    }),
  );

  const stored: UpsertedFigure[] = [];
  for (let start = 0; start < figures.length; start += ROWS_PER_STATEMENT) {
    const rows = await tx
      .insertInto('population_figure')
      .values(
        figures.slice(start, start + ROWS_PER_STATEMENT).map((figure) => ({
          region_code: figure.regionCode,
          year: figure.year,
          basis: figure.basis,
          sex: figure.sex,
          age_from: figure.ageFrom,
          age_to: figure.ageTo,
          count: figure.count,
          source: figure.source,
          note: figure.note ?? null,
          entered_by: enteredBy,
        })),
      )
      .onConflict((conflict) =>
        conflict.constraint('population_figure_key').doUpdateSet((eb) => ({
          count: eb.ref('excluded.count'),
          note: eb.ref('excluded.note'),
          entered_by: eb.ref('excluded.entered_by'),
          entered_at: sql<Date>`now()`,
        })),
      )
      // xmax is 0 on a freshly inserted row version and set on one that replaced a conflicting row.
      .returning([...COLUMNS, sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    for (const row of rows) {
      const figure = fromRow(row);
      stored.push({
        ...figure,
        inserted: row.inserted,
        previousCount: previous.get(figureKey(figure)) ?? null,
      });
    }
  }
  return stored.sort(byKey);
}

function byKey(a: StoredFigure, b: StoredFigure): number {
  return (
    a.regionCode.localeCompare(b.regionCode) ||
    a.year - b.year ||
    a.basis.localeCompare(b.basis) ||
    a.source.localeCompare(b.source) ||
    a.sex.localeCompare(b.sex) ||
    a.ageFrom - b.ageFrom ||
    (a.ageTo ?? Infinity) - (b.ageTo ?? Infinity)
  );
}

export async function figuresOfRegions(
  db: Db | Tx,
  regionCodes: readonly string[],
  filter: FigureFilter = {},
): Promise<StoredFigure[]> {
  if (regionCodes.length === 0) return [];
  let query = db.selectFrom('population_figure').select(COLUMNS).where('region_code', 'in', regionCodes);
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  if (filter.basis !== undefined) query = query.where('basis', '=', filter.basis);
  return (await query.execute()).map(fromRow).sort(byKey);
}

/** The live (not abolished) children of each region. */
export async function liveChildren(
  db: Db | Tx,
  regionCodes: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(regionCodes.map((code) => [code, []]));
  if (regionCodes.length === 0) return result;
  const rows = await db
    .selectFrom('region')
    .select(['code', 'parent_code'])
    .where('parent_code', 'in', regionCodes)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  for (const row of rows) result.get(row.parent_code!)!.push(row.code);
  return result;
}

function groupByRegion(figures: readonly StoredFigure[]): Map<string, StoredFigure[]> {
  const groups = new Map<string, StoredFigure[]>();
  for (const figure of figures) {
    const group = groups.get(figure.regionCode) ?? [];
    group.push(figure);
    groups.set(figure.regionCode, group);
  }
  return groups;
}

/**
 * A region's figures for one year and basis, descending level by level only into regions whose own figures do not
 * answer (`needsChildren`): one query for figures and one for children per level, however large the subtree.
 */
export async function loadFigureTree(
  db: Db | Tx,
  root: string,
  year: number,
  basis: PopulationBasis,
  needsChildren: (figures: readonly PopulationFigure[]) => boolean,
): Promise<FigureTree> {
  const figures = new Map<string, StoredFigure[]>();
  const children = new Map<string, string[]>();
  let frontier = [root];
  while (frontier.length > 0) {
    const loaded = groupByRegion(await figuresOfRegions(db, frontier, { year, basis }));
    for (const code of frontier) figures.set(code, loaded.get(code) ?? []);
    const descend = frontier.filter((code) => needsChildren(figures.get(code)!));
    const found = await liveChildren(db, descend);
    for (const [code, codes] of found) children.set(code, codes);
    frontier = [...found.values()].flat();
  }
  return { figuresOf: (code) => figures.get(code) ?? [], childrenOf: (code) => children.get(code) };
}

/** One count for an indicator ("residents aged 60+ of 340603 in 2020"), from the best source, own or summed. */
export async function populationCount(
  db: Db | Tx,
  regionCode: string,
  query: CountQuery,
): Promise<ResolvedCount | null> {
  const tree = await loadFigureTree(
    db,
    regionCode,
    query.year,
    query.basis,
    (figures) => resolveOwn(figures, query) === null,
  );
  return resolveCount(tree, regionCode, query);
}

/** Total, 60+, 65+, 80+ and under-3 by sex, from whatever granularity is stored, own or summed from children. */
export async function populationSummary(
  db: Db | Tx,
  regionCode: string,
  year: number,
  basis: PopulationBasis,
): Promise<DenominatorSummary[]> {
  const tree = await loadFigureTree(
    db,
    regionCode,
    year,
    basis,
    (figures) => !answersAllDenominators(figures, year, basis),
  );
  return summarise(tree, regionCode, year, basis);
}

export interface WarningScope {
  regionCode: string;
  parentCode: string | null;
  /** Whether the caller may see the parent's figures; if not, the parent's sum check is left out. */
  parentVisible: boolean;
  /** Also check male + female = total in these regions (the children listed alongside). */
  alsoCheckSexes?: readonly string[];
}

/**
 * The consistency warnings around a region: its sexes, its figures against its children's sums and, when the
 * caller may see the parent, the parent's figures against the sum of the region and its siblings.
 */
export async function consistencyWarnings(
  db: Db | Tx,
  scope: WarningScope,
  filter: FigureFilter,
): Promise<PopulationWarning[]> {
  const parent = scope.parentVisible ? scope.parentCode : null;
  const children = await liveChildren(db, parent ? [scope.regionCode, parent] : [scope.regionCode]);
  const own = children.get(scope.regionCode)!;
  const siblings = parent ? children.get(parent)! : [];
  const codes = new Set([scope.regionCode, ...own, ...siblings, ...(parent ? [parent] : [])]);
  const byRegion = groupByRegion(await figuresOfRegions(db, [...codes], filter));
  const of = (code: string) => ({ regionCode: code, figures: byRegion.get(code) ?? [] });
  const sexChecked = new Set([scope.regionCode, ...(scope.alsoCheckSexes ?? [])]);
  return [
    ...[...sexChecked].flatMap((code) => sexConsistencyWarnings(of(code).figures)),
    ...childrenSumWarnings(of(scope.regionCode), own.map(of)),
    ...(parent ? childrenSumWarnings(of(parent), siblings.map(of)) : []),
  ];
}
