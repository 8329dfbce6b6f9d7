// The monthly visit rate (月探访率): targets with at least one verified visit in the month ÷ targets on the roster
// at any time in the month. Read per community from the counts the writes keep (visit_rate_month), then summed up
// the region tree.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { nextPrefix } from '../providers/queries.ts';
import { escapeLike } from '../providers/reach.ts';
import { monthBounds, monthlyRate } from './rules.ts';

export interface RateFigures {
  targets: number;
  visited: number;
  rate: number | null;
}

/**
 * Targets and visited targets per region code where targets live, within the prefix. Read from visit_rate_month,
 * which the roster and verification writes keep current (migration 0019): a month's targets are the changes up to
 * it, so a province costs a few rows per community rather than every roster period of its subtree.
 */
export async function countsByRegion(
  db: Db | Tx,
  prefix: string,
  month: string,
  /** The digits of the level the counts are cut to (4 city … 12 community); each community's own when left out. */
  codeLength?: number,
): Promise<Map<string, { targets: number; visited: number }>> {
  const { start } = monthBounds(month);
  const next = nextPrefix(prefix);
  const region = codeLength === undefined ? sql`region_code` : sql`left(region_code, ${codeLength})`;
  const result = await sql<{ region_code: string; targets: number; visited: number }>`
    SELECT ${region} AS region_code, sum(targets_change)::int AS targets,
           coalesce(sum(visited) FILTER (WHERE month = ${start}::date), 0)::int AS visited
      FROM visit_rate_month
     WHERE region_code LIKE ${`${escapeLike(prefix)}%`} AND region_code >= ${prefix}
       ${next === null ? sql`` : sql`AND region_code < ${next}`}
       AND month <= ${start}::date
     GROUP BY 1
    HAVING sum(targets_change) > 0
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
  const counts = await countsByRegion(db, regionCode, month, regionCode.length);
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
