// The drill-down behind the rate: targets on the roster in the month without a verified visit in it.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { monthBounds } from './rules.ts';
import type { TierName } from './schemas.ts';

export interface UnvisitedRow {
  person_id: number;
  region_code: string;
  name: string;
  address: string | null;
  tier: TierName;
  worker_account_id: number | null;
  worker_name: string | null;
  last_visit_on: string | null;
  total: number;
}

export async function listUnvisited(
  db: Db | Tx,
  prefix: string,
  month: string,
  page: { page: number; pageSize: number },
  ownAccountId: number | null = null,
): Promise<UnvisitedRow[]> {
  const { start, next } = monthBounds(month);
  const result = await sql<UnvisitedRow>`
    SELECT t.person_id, t.region_code, p.name, p.address, t.tier, t.worker_account_id,
           a.display_name AS worker_name,
           (SELECT max(v.visited_on) FROM visit_record v WHERE v.person_id = t.person_id AND v.status = 'verified')
             AS last_visit_on,
           count(*) OVER ()::int AS total
      FROM (SELECT DISTINCT region_code, person_id FROM visit_roster_period
             WHERE entered_on < ${next}::date AND (left_on IS NULL OR left_on > ${start}::date)
               AND region_code LIKE ${`${prefix}%`}) r
      JOIN visit_target t ON t.region_code = r.region_code AND t.person_id = r.person_id
      JOIN person p ON p.id = t.person_id
      LEFT JOIN account a ON a.id = t.worker_account_id
     WHERE NOT EXISTS (SELECT 1 FROM visit_month_visited m
                        WHERE m.person_id = r.person_id AND m.month = ${start}::date)
       AND (${ownAccountId}::bigint IS NULL OR t.worker_account_id = ${ownAccountId}::bigint)
     ORDER BY t.tier = 'high' DESC, t.region_code, t.person_id
     LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}
  `.execute(db);
  return result.rows;
}
