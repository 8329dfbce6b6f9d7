import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { inTransaction } from '../../db/database.ts';
import { preloadSubtreeOn } from './batch.ts';
import { evaluateRegions, findPlan } from './evaluate.ts';
import { loadSeedPlans } from './load-plans.ts';

/**
 * The all-regions-at-once reads take two shapes: a few regions (one changed record's village up to the province)
 * are each read as their own subtree, many regions as one grouped read of their common root. Both must give what
 * reading region by region gives, whatever the mix of levels.
 */
describe('plan evaluation: the batch reads for a few regions', () => {
  let server: TestServer;
  let planId: number;

  before(async () => {
    server = await startTestServer({ web: false });
    await inTransaction(server.database.db, (tx) => loadSeedPlans(tx));
    planId = (
      await server.database.db
        .selectFrom('plan')
        .select('id')
        .where('region_code', '=', '3406')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => server?.close());

  /** A village with a facility, and every region above it. */
  async function chainWithCapacity(): Promise<string[]> {
    const facility = await server.database.db
      .selectFrom('facility')
      .select('region_code')
      .where('region_code', 'like', '3406%')
      .where(({ fn }) => fn('length', ['region_code']), '>=', 9)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    return [2, 4, 6, 9, 12]
      .filter((length) => length <= facility.region_code.length)
      .map((length) => facility.region_code.slice(0, length));
  }

  it('gives a village and the regions above it the values region-by-region reads give', async () => {
    const db = server.database.db;
    const plan = (await findPlan(db, planId))!;
    const chain = (await chainWithCapacity()).filter((code) => code.startsWith('3406'));
    assert.ok(chain.length >= 3, chain.join());
    const options = { visible: () => true };
    for (const date of ['2020-12-31', '2024-06-30']) {
      const batch = await evaluateRegions(db, plan, chain, date, options, true);
      const single = await evaluateRegions(db, plan, chain, date, options);
      assert.deepEqual(batch, single, date);
    }
  });

  it('counts a facility once towards each region above it, not once per region asked', async () => {
    const db = server.database.db;
    const chain = (await chainWithCapacity()).filter((code) => code.startsWith('3406'));
    const [few] = await preloadSubtreeOn(db, '3406', ['2024-06-30'], chain);
    // The same regions among more than the few-regions limit take the one grouped read.
    const counties = (
      await db.selectFrom('region').select('code').where('code', 'like', '3406%').execute()
    ).map((r) => r.code);
    const many = [...new Set([...chain, ...counties])];
    assert.ok(many.length > 30);
    const [all] = await preloadSubtreeOn(db, '3406', ['2024-06-30'], many);
    for (const code of chain) {
      for (const key of ['elderly_capacity:false', 'childcare_capacity', 'care_homes', 'certified_carers']) {
        assert.deepEqual(few.get(code)!.get(key), all.get(code)!.get(key), `${code} ${key}`);
      }
    }
    const beds = (code: string) =>
      (few.get(code)!.get('elderly_capacity:false') as { totals: { bedsTotal: number } }).totals.bedsTotal;
    assert.ok(beds('3406') >= beds(chain[1]));
  });
});
