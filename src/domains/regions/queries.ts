import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { RegionLevel, TownshipType } from './tables.ts';

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  townshipType: TownshipType | null;
  childCount: number;
}

export async function regionsWithChildCounts(db: Db | Tx, codes: string[]): Promise<RegionNode[]> {
  if (codes.length === 0) return [];
  return nodes(db).where('r.code', 'in', codes).orderBy('r.code').execute();
}

export async function childrenOf(db: Db | Tx, code: string): Promise<RegionNode[]> {
  return nodes(db)
    .where('r.parent_code', '=', code)
    .where('r.valid_to', 'is', null)
    .orderBy('r.code')
    .execute();
}

function nodes(db: Db | Tx) {
  return db
    .selectFrom('region as r')
    .select((eb) => [
      'r.code',
      'r.name',
      'r.level',
      'r.township_type as townshipType',
      eb
        .selectFrom('region as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.parent_code', '=', 'r.code')
        .where('c.valid_to', 'is', null)
        .as('childCount'),
    ])
    .$narrowType<{ childCount: number }>();
}

export async function findRegion(db: Db | Tx, code: string) {
  return db
    .selectFrom('region')
    .select(['code', 'name', 'level', 'path', 'parent_code', 'township_type', 'valid_from', 'valid_to'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function ancestorsOf(db: Db | Tx, path: string) {
  const codes = path.split('.');
  const rows = await db
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('code', 'in', codes)
    .execute();
  return codes.map((code) => rows.find((row) => row.code === code)).filter((row) => row !== undefined);
}

export type LevelCounts = Record<RegionLevel, number>;

/** Counts of the live descendants of each of the given regions, per level (the region itself excluded). */
export async function descendantCounts(db: Db | Tx, paths: string[]): Promise<Map<string, LevelCounts>> {
  const result = new Map<string, LevelCounts>();
  if (paths.length === 0) return result;
  const rows = await sql<{ root: string; level: RegionLevel; n: number }>`
    SELECT roots.path AS root, d.level, count(*)::int AS n
    FROM unnest(${paths}::text[]) AS roots(path)
    JOIN region d ON d.path LIKE roots.path || '.%' AND d.valid_to IS NULL
    GROUP BY roots.path, d.level`.execute(db);
  for (const path of paths) result.set(path, emptyCounts());
  for (const row of rows.rows) result.get(row.root)![row.level] = row.n;
  return result;
}

export function emptyCounts(): LevelCounts {
  return { province: 0, city: 0, county: 0, township: 0, village: 0 };
}

/** Codes that exist, of those given: for validating input that names regions. */
export async function existingRegionCodes(db: Db | Tx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('region').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((row) => row.code));
}
