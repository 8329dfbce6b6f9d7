// The monthly visit rate (月探访率): targets with at least one verified visit in the month ÷ targets on the roster
// at any time in the month. Counted per community in one grouped query, then summed up the region tree.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { monthBounds, monthlyRate } from './rules.ts';

export interface RateFigures {
  targets: number;
  visited: number;
  rate: number | null;
}

/** Targets and visited targets per region code where targets live, within the prefix. */
export async function countsByRegion(
  db: Db | Tx,
  prefix: string,
  month: string,
): Promise<Map<string, { targets: number; visited: number }>> {
  const { start, next } = monthBounds(month);
  const result = await sql<{ region_code: string; targets: number; visited: number }>`
    SELECT r.region_code, count(*)::int AS targets, count(m.person_id)::int AS visited
      FROM (SELECT DISTINCT region_code, person_id FROM visit_roster_period
             WHERE entered_on < ${next}::date AND (left_on IS NULL OR left_on > ${start}::date)
               AND region_code LIKE ${`${prefix}%`}) r
      LEFT JOIN visit_month_visited m
        ON m.person_id = r.person_id AND m.region_code = r.region_code AND m.month = ${start}::date
     GROUP BY r.region_code
  `.execute(db);
  return new Map(result.rows.map((row) => [row.region_code, { targets: row.targets, visited: row.visited }]));
}

function figures(targets: number, visited: number): RateFigures {
  return { targets, visited, rate: monthlyRate(targets, visited) };
}

/** Sums per-community counts for each of the given regions (by code prefix). */
export function rollUp(
  counts: Map<string, { targets: number; visited: number }>,
  regionCodes: readonly string[],
): Map<string, RateFigures> {
  const sums = new Map(regionCodes.map((code) => [code, { targets: 0, visited: 0 }]));
  // Region codes nest by prefix: a community's counts add to every region whose code starts its own.
  for (const [code, count] of counts) {
    for (let length = 2; length <= code.length; length += length < 6 ? 2 : 3) {
      const sum = sums.get(code.slice(0, length));
      if (sum) {
        sum.targets += count.targets;
        sum.visited += count.visited;
      }
    }
  }
  return new Map([...sums].map(([code, sum]) => [code, figures(sum.targets, sum.visited)]));
}

/** The rate of one region subtree for a month. */
export async function rateOf(db: Db | Tx, regionCode: string, month: string): Promise<RateFigures> {
  const counts = await countsByRegion(db, regionCode, month);
  return rollUp(counts, [regionCode]).get(regionCode)!;
}

/** The rate of every region in a subtree for a month (the plan engine and the benchmark read this). */
export async function ratesOfSubtree(db: Db | Tx, regionCode: string, month: string) {
  const counts = await countsByRegion(db, regionCode, month);
  const regions = await db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', 'like', `${regionCode}%`)
    .where('valid_to', 'is', null)
    .execute();
  const rates = rollUp(
    counts,
    regions.map((region) => region.code),
  );
  return { regions, rates };
}
