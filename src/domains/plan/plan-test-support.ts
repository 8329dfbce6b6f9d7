// What the plan integration tests share: the seed plans loaded on records each test creates itself (the demo's
// facilities and population figures cleared first), 2020 census figures, and facilities with their capacity periods.
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../db/database.ts';
import type { FacilityType } from '../providers/facility-types.ts';
import { loadSeedPlans } from './load-plans.ts';

/** Loads the seed plans, then clears the demo's facilities and population figures. */
export async function loadPlansOnClearedRecords(db: Db): Promise<void> {
  await inTransaction(db, (tx) => loadSeedPlans(tx));
  await sql`TRUNCATE facility CASCADE`.execute(db);
  await sql`DELETE FROM population_figure`.execute(db);
}

/** The id of 淮北's plan (its seed file). */
export async function huaibeiPlanId(db: Db): Promise<number> {
  const plan = await db
    .selectFrom('plan')
    .select('id')
    .where('source_file', '=', '000_1f7e077fdd932d88.txt')
    .executeTakeFirstOrThrow();
  return plan.id;
}

/** Resident counts from the 2020 census: [region, age from, age to (null: and over), count]. */
export async function addCensus2020(
  db: Db,
  figures: [string, number, number | null, number][],
): Promise<void> {
  await db
    .insertInto('population_figure')
    .values(
      figures.map(([region, ageFrom, ageTo, count]) => ({
        region_code: region,
        year: 2020,
        basis: 'resident' as const,
        sex: 'total' as const,
        age_from: ageFrom,
        age_to: ageTo,
        count,
        source: 'census_2020' as const,
      })),
    )
    .execute();
}

/** A capacity period: [from, to (null: open-ended), the facility_capacity columns it sets]. */
export type CapacityPeriod = [string, string | null, object];

/**
 * A facility of `test<type><region>` at 测试地址 under the database's first organisation, operating with the given
 * capacity periods; its id.
 */
export async function addFacilityWithCapacity(
  db: Db,
  facility: { region: string; type: FacilityType; ownership: 'public' | 'private' },
  periods: CapacityPeriod[],
): Promise<number> {
  const organisation = await db.selectFrom('organisation').select('id').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('facility')
    .values({
      region_code: facility.region,
      organisation_id: organisation.id,
      name: `测试${facility.type}${facility.region}`,
      facility_type: facility.type,
      ownership: facility.ownership,
      address: '测试地址',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [from, to, capacity] of periods) {
    await db
      .insertInto('facility_capacity')
      .values({
        region_code: facility.region,
        facility_id: row.id,
        valid_during: sql<string>`daterange(${from}::date, ${to}::date)`,
        operating_status: 'operating',
        ...capacity,
      })
      .execute();
  }
  return row.id;
}
