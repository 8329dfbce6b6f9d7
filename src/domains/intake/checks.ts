// SQL checks shared by the intake kinds, over the staging table: each selects (row_no, reason) of the rows it refuses.
import { sql, type RawBuilder } from 'kysely';

export type Check = RawBuilder<{ row_no: number; reason: string }>;

const ident = (name: string) => sql.ref(name);

/**
 * The region code in `column` must name a region that exists and is in force on `on` (a date, or a SQL expression
 * over the staging row). `sinceToo` also refuses regions set up after that date: loaded codes carry the date the code
 * list was taken as valid_from, so statistics for earlier years check only that the region was not yet abolished.
 * Each distinct code (and date) of the staged rows is looked up once: a chunk of 50,000 rows names a few hundred
 * regions, and joining every row to a region table of the whole country made the planner read it whole per chunk.
 */
export function regionInForce(
  column: string,
  header: string,
  on: string | RawBuilder<string> | null,
  sinceToo = true,
): Check {
  const staged = sql`s.${ident(column)}`;
  const stagedDate = on === null ? sql`NULL::date` : typeof on === 'string' ? sql`${on}::date` : on;
  const lapsed =
    on === null
      ? sql`false`
      : sinceToo
        ? sql`NOT (r.valid_from <= c.on_date AND (r.valid_to IS NULL OR r.valid_to > c.on_date))`
        : sql`(r.valid_to IS NOT NULL AND r.valid_to <= c.on_date)`;
  return sql`
    WITH wrong AS MATERIALIZED (
      SELECT c.code, c.on_date, r.code IS NULL AS missing
      FROM (SELECT DISTINCT ${staged} AS code, ${stagedDate} AS on_date
            FROM intake_staging s WHERE ${staged} IS NOT NULL) c
      LEFT JOIN region r ON r.code = c.code
      WHERE r.code IS NULL OR ${lapsed})
    SELECT s.row_no, CASE WHEN w.missing THEN ${`「${header}」`} || ${staged} || ' 不存在'
                          ELSE ${`「${header}」`} || ${staged} || ' 在该日期不是有效的行政区划（已撤销或尚未设立）' END
    FROM intake_staging s
    JOIN wrong w ON w.code = ${staged} AND w.on_date IS NOT DISTINCT FROM ${stagedDate}`;
}

/**
 * Rows repeating an earlier row's natural key (the key's columns, all non-null on the rows `where` admits): every
 * repeat is refused and names the first row, which itself stays valid.
 */
export function repeatedInFile(
  keyColumns: string[],
  label: string,
  where: RawBuilder<boolean> = sql`true`,
): Check {
  const key = sql.join(keyColumns.map((column) => sql`s.${ident(column)}`));
  const firstKey = sql.join(keyColumns.map((column) => sql`f.${ident(column)}`));
  const groupKey = sql.join(keyColumns.map((column) => ident(column)));
  return sql`
    SELECT s.row_no, '与第' || f.first_row || ${`行重复（${label}）`}
    FROM intake_staging s
    JOIN (SELECT ${groupKey}, min(row_no) AS first_row FROM intake_staging s
          WHERE ${where} GROUP BY ${groupKey} HAVING count(*) > 1) f ON (${key}) = (${firstKey})
    WHERE ${where} AND s.row_no <> f.first_row`;
}

/** LIKE patterns of region subtrees, for `region_code LIKE ANY (…)`. */
export function subtreePatterns(prefixes: readonly string[]): string[] {
  return prefixes.map((prefix) => `${prefix}%`);
}

/** Whether `column` (a SQL reference) lies inside the scope's region subtrees; true when the scope is everywhere. */
export function insideRegions(
  column: RawBuilder<unknown>,
  regions: readonly string[] | null,
): RawBuilder<boolean> {
  return regions === null
    ? sql<boolean>`true`
    : sql<boolean>`(${column} LIKE ANY (${subtreePatterns(regions)}::text[]))`;
}

/** Counts per region of a data-modifying statement that returns region_code. */
export function countByRegion(
  statement: RawBuilder<unknown>,
): RawBuilder<{ region_code: string; n: number }> {
  return sql`WITH changed AS (${statement}) SELECT region_code, count(*)::int AS n FROM changed GROUP BY region_code`;
}

/** Merges created and updated counts per region. */
export function mergeCounts(
  created: { region_code: string; n: number }[],
  updated: { region_code: string; n: number }[],
): { regionCode: string; created: number; updated: number }[] {
  const byRegion = new Map<string, { regionCode: string; created: number; updated: number }>();
  const entry = (regionCode: string) => {
    let found = byRegion.get(regionCode);
    if (!found) byRegion.set(regionCode, (found = { regionCode, created: 0, updated: 0 }));
    return found;
  };
  for (const row of created) entry(row.region_code).created += row.n;
  for (const row of updated) entry(row.region_code).updated += row.n;
  return [...byRegion.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
}

/**
 * For a file applied in chunks: rows of the chunk in `intake_staging` repeating a key of an earlier chunk, whose first
 * rows `table` keeps (see rememberKeys). Repeats within the chunk are repeatedInFile's.
 */
export function repeatedFromEarlierChunks(
  table: string,
  keyColumns: string[],
  label: string,
  where: RawBuilder<boolean>,
): Check {
  const key = sql.join(keyColumns.map((column) => sql`s.${ident(column)}`));
  const earlierKey = sql.join(keyColumns.map((column) => sql`e.${ident(column)}`));
  return sql`
    SELECT s.row_no, '与第' || e.row_no || ${`行重复（${label}）`}
    FROM intake_staging s JOIN ${sql.table(table)} e ON (${key}) = (${earlierKey})
    WHERE ${where}`;
}

/** Adds the chunk's keys with their first rows to `table` (keys known already keep their earlier first row). */
export function rememberKeys(
  table: string,
  keyColumns: string[],
  where: RawBuilder<boolean>,
): RawBuilder<unknown> {
  const columns = sql.join(keyColumns.map((column) => ident(column)));
  return sql`
    INSERT INTO ${sql.table(table)} (${columns}, row_no)
    SELECT ${columns}, min(row_no) FROM intake_staging s WHERE ${where} GROUP BY ${columns}
    ON CONFLICT DO NOTHING`;
}
