import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { subtree } from './queries.ts';
import { ELDER_AGE, YOUNG_CHILD_AGE_LIMIT, yearsBefore } from './rules.ts';

export interface HouseholdSummaryRow {
  id: number;
  region_code: string;
  address: string | null;
  head_person_id: number | null;
  member_count: number;
  elder_count: number;
  young_child_count: number;
}

/**
 * Households with their live members on a date counted: all, elders (60+) and children under 3. A household with
 * both is what the city counts as 一老一小 living together.
 */
export function householdSummaries(db: Db | Tx, on: string) {
  const elderBornOnOrBefore = yearsBefore(on, ELDER_AGE);
  const childBornAfter = yearsBefore(on, YOUNG_CHILD_AGE_LIMIT);
  return db
    .selectFrom('household as h')
    .leftJoin('household_member as m', (join) =>
      join
        .onRef('m.household_id', '=', 'h.id')
        .on('m.joined_on', '<=', on)
        .on((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>', on)])),
    )
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'h.id',
      'h.region_code',
      'h.address',
      'h.head_person_id',
      sql<number>`count(m.id)::int`.as('member_count'),
      sql<number>`(count(*) FILTER (WHERE p.birth_date <= ${elderBornOnOrBefore}))::int`.as('elder_count'),
      sql<number>`(count(*) FILTER (WHERE p.birth_date > ${childBornAfter} AND p.birth_date <= ${on}))::int`.as(
        'young_child_count',
      ),
    ])
    .groupBy(['h.region_code', 'h.id', 'h.address', 'h.head_person_id']);
}

export interface HouseholdListFilter {
  region: string;
  on: string;
  elderAndYoungChild?: boolean;
  after?: number;
}

/** The household list's rows (newest first, from `after` on), shared by the list route and its Excel export. */
export function householdPageQuery(db: Db | Tx, filter: HouseholdListFilter) {
  const inRegion = householdSummaries(db, filter.on).where('h.region_code', 'like', subtree(filter.region));
  const withBoth = sql<boolean>`count(*) FILTER (WHERE p.birth_date <= ${yearsBefore(filter.on, ELDER_AGE)}) > 0
    AND count(*) FILTER (WHERE p.birth_date > ${yearsBefore(filter.on, YOUNG_CHILD_AGE_LIMIT)}
                         AND p.birth_date <= ${filter.on}) > 0`;
  let page = filter.elderAndYoungChild ? inRegion.having(withBoth) : inRegion;
  if (filter.after !== undefined) page = page.where('h.id', '<', filter.after);
  return page.orderBy('h.id', 'desc');
}

/** A page of a region's households, newest first, and the region's totals the city counts. */
export async function listHouseholds(db: Db | Tx, filter: HouseholdListFilter, limit: number) {
  const inRegion = householdSummaries(db, filter.on).where('h.region_code', 'like', subtree(filter.region));
  const rows: HouseholdSummaryRow[] = await householdPageQuery(db, filter).limit(limit).execute();
  const totals = await db
    .selectFrom(inRegion.as('s'))
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) FILTER (WHERE s.elder_count > 0 AND s.young_child_count > 0))::int`.as('both'),
    ])
    .executeTakeFirstOrThrow();
  return { rows, total: totals.total, withElderAndYoungChild: totals.both };
}

export async function householdSummary(db: Db | Tx, id: number, on: string) {
  return householdSummaries(db, on).where('h.id', '=', id).executeTakeFirst();
}

export async function householdMembers(db: Db | Tx, householdId: number) {
  return db
    .selectFrom('household_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'm.id',
      'm.relation',
      'm.joined_on',
      'm.left_on',
      'p.id as person_id',
      'p.region_code as person_region_code',
      'p.name',
      'p.sex',
      'p.birth_date',
    ])
    .where('m.household_id', '=', householdId)
    .orderBy('m.joined_on')
    .orderBy('m.id')
    .execute();
}

/** Whether a membership from `joinedOn` (open-ended) would overlap one the person already has, in any household. */
export async function membershipOverlapping(db: Db | Tx, personId: number, joinedOn: string) {
  return db
    .selectFrom('household_member')
    .select(['id', 'household_id'])
    .where('person_id', '=', personId)
    .where(sql<boolean>`daterange(joined_on, left_on, '[)') && daterange(${joinedOn}::date, NULL, '[)')`)
    .executeTakeFirst();
}

export async function headOverlapping(db: Db | Tx, householdId: number, joinedOn: string) {
  return db
    .selectFrom('household_member')
    .select('id')
    .where('household_id', '=', householdId)
    .where('relation', '=', 'head')
    .where(sql<boolean>`daterange(joined_on, left_on, '[)') && daterange(${joinedOn}::date, NULL, '[)')`)
    .executeTakeFirst();
}
