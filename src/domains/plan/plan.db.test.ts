import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { inTransaction } from '../../db/database.ts';
import { CATALOGUE } from './catalogue.ts';
import { evaluateRegions, findPlan } from './evaluate.ts';
import { loadSeedPlans, type LoadResult } from './load-plans.ts';
import {
  addCensus2020,
  addFacilityWithCapacity,
  huaibeiPlanId,
  loadPlansOnClearedRecords,
} from './plan-test-support.ts';

type Indicator = Record<string, any>;

/**
 * 淮北's plan evaluated from records the test itself creates (whatever the demo holds is cleared first): 2020's
 * beds 8,554 (4,529 nursing-type) and 1,869 childcare places among 1,970,265 residents.
 */
describe('plan evaluation', () => {
  let server: TestServer;
  let planning: Session;
  let civil: Session;
  let planId: number;
  let loaded: LoadResult;
  let careHomeId: number;

  before(async () => {
    server = await startTestServer({ web: false });
    const db = server.database.db;
    await loadPlansOnClearedRecords(db);
    // Loading again changes nothing, whether the demo loaded the plans already or the first call above did.
    loaded = await inTransaction(db, (tx) => loadSeedPlans(tx));
    planId = await huaibeiPlanId(db);
    await addCensus2020(db, [
      ['3406', 0, null, 1_970_265],
      ['3406', 60, null, 324_394],
      ['340603', 0, null, 591_079],
      ['340603', 60, null, 97_318],
    ]);
    const facility = (region: string, type: 'care_home' | 'childcare_institution', capacity: object) =>
      addFacilityWithCapacity(db, { region, type, ownership: 'public' }, [['2020-01-01', null, capacity]]);
    careHomeId = await facility('340603', 'care_home', { beds_total: 5000, beds_nursing: 3000 });
    await facility('340602', 'care_home', { beds_total: 3554, beds_nursing: 1529 });
    await facility('340603', 'childcare_institution', { places_older_toddler: 1869, places_inclusive: 900 });
    planning = await logIn(server.app, 'city.planning');
    civil = await logIn(server.app, 'city.civil');
  });
  after(() => server?.close());

  const evaluate = async (session: Session, query: string) => {
    const reply = await session.request('GET', `/api/plans/${planId}/evaluation?${query}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    return reply.body;
  };
  const byKey = (evaluation: { indicators: Indicator[] }, key: string) =>
    evaluation.indicators.find((indicator) => indicator.key === key)!;

  it('loads the seed plan of every loaded region once, and says why the others were skipped', async () => {
    assert.deepEqual(loaded.plansLoaded, []);
    assert.deepEqual(
      loaded.plansSkipped.map((plan) => [plan.regionCode, plan.reason]),
      [
        ['3406', 'already_loaded'],
        ['500238', 'region_not_loaded'],
        ['21', 'region_not_loaded'],
        ['4110', 'region_not_loaded'],
        ['3309', 'region_not_loaded'],
      ],
    );
    assert.equal(loaded.definitionsAdded, 0);
    const db = server.database.db;
    assert.equal(
      (await db.selectFrom('indicator_definition').select('key').execute()).length,
      CATALOGUE.length,
    );
    const rows = await db.selectFrom('plan_indicator').select('id').where('plan_id', '=', planId).execute();
    assert.equal(rows.length, 25);
  });

  it("lists 淮北's plan with all 25 indicators and its yearly new places", async () => {
    const list = await planning.request('GET', '/api/plans');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.plans.map((plan: Indicator) => [plan.regionCode, plan.indicators]),
      [['3406', 25]],
    );
    const detail = await planning.request('GET', `/api/plans/${planId}`);
    assert.equal(detail.body.indicators.length, 25);
    assert.deepEqual(
      detail.body.additions.map((a: Indicator) => a.added),
      [2664, 2000, 2200, 800, 500],
    );
  });

  it("the catalogue covers every indicator row of the five plans' loaded ones under their own wording", async () => {
    const catalogue = await planning.request('GET', '/api/indicators');
    assert.equal(catalogue.status, 200);
    assert.equal(catalogue.body.indicators.length, CATALOGUE.length);
    const wordings = catalogue.body.indicators.flatMap((d: Indicator) => d.wordings);
    assert.equal(wordings.length, 25);
    const places = catalogue.body.indicators.find((d: Indicator) => d.key === 'childcare_places_per_1000');
    assert.deepEqual(places.wordings, [{ planId, wording: '每千常住人口托位数' }]);
  });

  it('reproduces 2020 from records: beds 8,554, nursing-type 52.9%, 0.95 places per 1,000, flagging the plan', async () => {
    const evaluation = await evaluate(planning, 'date=2020-12-31');
    assert.equal(evaluation.indicators.length, 25);
    const beds = byKey(evaluation, 'elderly_beds');
    assert.equal(beds.computed, 8554);
    assert.equal(beds.published, 8554);
    assert.equal(beds.differs, false);
    assert.equal(beds.target, 10000);
    assert.equal(beds.gap, 1446);
    assert.equal(beds.status, 'on_track', 'on the trajectory at its baseline');
    assert.deepEqual(beds.toAdd, { quantity: 'beds_total', count: 1446 });

    const nursing = byKey(evaluation, 'nursing_bed_share');
    assert.equal(nursing.computed, 52.9);
    assert.equal(nursing.published, 49);
    assert.equal(nursing.differs, true, 'the table says 49, the records 52.94');
    assert.deepEqual(nursing.toAdd, { quantity: 'nursing_beds', count: 176 });

    const places = byKey(evaluation, 'childcare_places_per_1000');
    assert.equal(places.numerator, 1869);
    assert.equal(places.denominator, 1_970_265);
    assert.equal(places.computed, 0.95);
    assert.equal(places.published, 0.56);
    assert.equal(places.differs, true);
    assert.equal(places.target, 5.04);
    assert.deepEqual(places.toAdd, { quantity: 'childcare_places', count: 8062 });

    assert.equal(byKey(evaluation, 'inclusive_place_share').computed, 48.2);
    const lifeExpectancy = byKey(evaluation, 'life_expectancy');
    assert.equal(lifeExpectancy.method, 'entered');
    assert.equal(lifeExpectancy.computed, null);
    assert.equal(lifeExpectancy.published, 77, "the plan's own baseline stands as the published figure");
  });

  it("an officer changes a care home's beds through the providers API and the indicator, gap and status move", async () => {
    const before = byKey(await evaluate(planning, 'date=2021-06-30'), 'elderly_beds');
    assert.equal(before.value, 8554);
    assert.equal(before.status, 'off_track', 'no progress half a year in');
    const changed = await civil.request('POST', `/api/facilities/${careHomeId}/capacity`, {
      validFrom: '2021-03-01',
      bedsTotal: 6500,
    });
    assert.equal(changed.status, 201, JSON.stringify(changed.body).slice(0, 300));
    const after = byKey(await evaluate(planning, 'date=2021-06-30'), 'elderly_beds');
    assert.equal(after.value, 10054);
    assert.deepEqual(after.trend, { date: '2020-06-30', value: 8554, change: 1500 });
    assert.equal(after.gap, -54);
    assert.equal(after.status, 'met');
    assert.deepEqual(after.toAdd, { quantity: 'beds_total', count: 0 });
    const earlier = byKey(await evaluate(planning, 'date=2020-12-31'), 'elderly_beds');
    assert.equal(earlier.value, 8554, 'the past stays as it was');
  });

  it("gap analysis: what the city and each district must add, and 淮北's yearly places against the records", async () => {
    const reply = await planning.request('GET', `/api/plans/${planId}/gaps?date=2021-06-30`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    const city = reply.body.regions[0];
    assert.equal(city.regionCode, '3406');
    const gap = (region: Indicator, key: string) => region.gaps.find((g: Indicator) => g.key === key);
    assert.equal(gap(city, 'childcare_places_per_1000').toAdd, 8062);
    assert.equal(gap(city, 'elderly_beds').toAdd, 0);
    assert.deepEqual(
      reply.body.regions.map((r: Indicator) => r.regionCode),
      ['3406', '340602', '340603', '340604', '340621'],
    );
    const xiangshan = reply.body.regions.find((r: Indicator) => r.regionCode === '340603');
    assert.equal(gap(xiangshan, 'elderly_beds'), undefined, "a city's bed count binds no district");
    // 5.04 per 1,000 of 591,079: 2,979.0 places, 1,869 there.
    assert.equal(gap(xiangshan, 'childcare_places_per_1000').toAdd, 1111);
    const [schedule] = reply.body.schedules;
    assert.equal(schedule.quantity, 'childcare_places');
    assert.equal(schedule.baseline, 1869);
    assert.deepEqual(
      schedule.years.map((y: Indicator) => [y.year, y.planned, y.toAdd]),
      [
        [2021, 4533, 2664],
        [2022, 6533, 4664],
        [2023, 8733, 6864],
        [2024, 9533, 7664],
        [2025, 10033, 8164],
      ],
    );
  });

  it("a district is held to the parent plan's rates, not its counts, and sees only its department's indicators", async () => {
    const xiangshan = await logIn(server.app, 'xiangshan.civil');
    const evaluation = await evaluate(xiangshan, 'region=340603&date=2020-12-31');
    const nursing = byKey(evaluation, 'nursing_bed_share');
    assert.equal(nursing.computed, 60);
    assert.equal(nursing.status, 'met');
    assert.equal(nursing.published, null, 'the plan published city figures only');
    assert.equal(byKey(evaluation, 'elderly_beds').status, 'not_applicable');
    assert.ok(evaluation.indicators.every((i: Indicator) => i.domain === 'elderly_care'));
    const health = await evaluate(await logIn(server.app, 'city.health'), 'date=2020-12-31');
    assert.ok(health.indicators.length > 0);
    assert.ok(health.indicators.every((i: Indicator) => i.domain === 'childcare'));
  });

  it('scope: a district officer sees the city plan but cannot evaluate the city or another district', async () => {
    const xiangshan = await logIn(server.app, 'xiangshan.civil');
    assert.equal((await xiangshan.request('GET', '/api/plans')).body.plans.length, 1);
    assert.equal((await xiangshan.request('GET', `/api/plans/${planId}/evaluation`)).status, 403);
    assert.equal(
      (await xiangshan.request('GET', `/api/plans/${planId}/evaluation?region=340602`)).status,
      403,
    );
    assert.equal((await xiangshan.request('GET', `/api/plans/${planId}/gaps?region=340602`)).status, 403);
    // Loading seed plans touches every region: a city officer, scoped to one city, may not.
    assert.equal((await planning.request('POST', '/api/plans/load', {})).status, 403);
    for (const user of ['provider.demo', 'family.demo']) {
      const session = await logIn(server.app, user);
      assert.equal((await session.request('GET', '/api/plans')).status, 403, user);
    }
    // A plan of a district is invisible to the other district's officer.
    const duji = await server.database.db
      .insertInto('plan')
      .values({
        region_code: '340602',
        name: '杜集区方案',
        period_from: 2021,
        period_to: 2025,
        source_file: 'duji',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.equal((await xiangshan.request('GET', `/api/plans/${duji.id}`)).status, 404);
    assert.equal((await xiangshan.request('GET', '/api/plans')).body.plans.length, 1);
    assert.equal((await planning.request('GET', `/api/plans/${duji.id}`)).status, 200);
  });

  it('the all-regions-at-once reads give every region the same values as reading region by region', async () => {
    const db = server.database.db;
    const plan = (await findPlan(db, planId))!;
    const regions = (
      await db
        .selectFrom('region')
        .select('code')
        .where('code', 'like', '3406%')
        .where('level', '<>', 'village')
        .execute()
    ).map((r) => r.code);
    assert.ok(regions.length > 30);
    const options = { visible: () => true };
    for (const date of ['2020-12-31', '2021-06-30']) {
      const batch = await evaluateRegions(db, plan, regions, date, options, true);
      const single = await evaluateRegions(db, plan, regions, date, options);
      assert.deepEqual(batch, single, date);
      const city = batch[regions.indexOf('3406')];
      assert.equal(
        city.indicators.find((i) => i.key === 'elderly_beds')!.numerator,
        date < '2021' ? 8554 : 10054,
      );
    }
  });

  it("key tasks: departments, deadlines and dated progress, recorded only within the plan's region", async () => {
    // 淮北's 13 key tasks come with the seed plan; an officer adds one of the city's own.
    const task = {
      number: 100,
      title: '建设市级智慧养老服务平台',
      leadDepartments: ['市民政局'],
      deadline: '2025-12-31',
    };
    const created = await civil.request('POST', `/api/plans/${planId}/tasks`, {
      ...task,
      participatingDepartments: ['市数据资源局', '市卫健委'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await civil.request('POST', `/api/plans/${planId}/tasks`, task)).status, 409);
    const xiangshan = await logIn(server.app, 'xiangshan.civil');
    assert.equal(
      (await xiangshan.request('POST', `/api/plans/${planId}/tasks`, { ...task, number: 101 })).status,
      403,
    );
    const report = { reportedOn: '2023-06-30', status: 'in_progress', report: '平台一期上线' };
    assert.equal(
      (await civil.request('POST', `/api/plans/${planId}/tasks/100/progress`, report)).status,
      201,
    );
    assert.equal(
      (await xiangshan.request('POST', `/api/plans/${planId}/tasks/100/progress`, report)).status,
      403,
    );
    assert.equal(
      (await civil.request('POST', `/api/plans/${planId}/tasks/999/progress`, report)).status,
      404,
    );
    const bad = await civil.request('POST', `/api/plans/${planId}/tasks/100/progress`, {
      ...report,
      status: 'maybe',
    });
    assert.equal(bad.status, 400);
    const detail = await planning.request('GET', `/api/plans/${planId}`);
    assert.equal(detail.body.tasks.length, 14);
    assert.deepEqual(detail.body.tasks.slice(-1), [
      {
        id: created.body.id,
        number: 100,
        title: task.title,
        leadDepartments: ['市民政局'],
        participatingDepartments: ['市数据资源局', '市卫健委'],
        deadline: '2025-12-31',
        progress: [{ reportedOn: '2023-06-30', status: 'in_progress', report: '平台一期上线' }],
      },
    ]);
  });

  it('an outside region or a bad date is a 4xx with field errors', async () => {
    const outside = await planning.request('GET', `/api/plans/${planId}/evaluation?region=34`);
    assert.equal(outside.status, 403);
    const bad = await planning.request('GET', `/api/plans/${planId}/evaluation?date=2020-13-45`);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.fields[0].path, /date/);
    assert.equal((await planning.request('GET', '/api/plans/999999/evaluation')).status, 404);
  });

  it('entered values keep their history, are audited by id only, and feed the evaluation', async () => {
    const put = (session: Session, key: string, body: object) =>
      session.request('PUT', `/api/indicators/${key}/values`, body);
    const first = await put(civil, 'life_expectancy', {
      regionCode: '3406',
      asOf: '2021-12-31',
      value: 77.6,
      source: '淮北市2021年统计公报',
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const second = await put(civil, 'life_expectancy', {
      regionCode: '3406',
      asOf: '2022-12-31',
      value: 78.1,
      source: '淮北市2022年统计公报',
    });
    assert.deepEqual(
      second.body.history.map((v: Indicator) => v.value),
      [78.1, 77.6],
    );
    const evaluation = await evaluate(planning, 'date=2022-06-30');
    assert.equal(byKey(evaluation, 'life_expectancy').value, 77.6);
    assert.equal(byKey(evaluation, 'life_expectancy').entered.source, '淮北市2021年统计公报');
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['entity_id', 'detail', 'region_code'])
      .where('entity', '=', 'indicator_value')
      .execute();
    assert.equal(audit.length, 2);
    assert.deepEqual(audit[0].detail, { indicatorKey: 'life_expectancy', asOf: '2021-12-31' });

    const health = await logIn(server.app, 'city.health');
    const body = { regionCode: '3406', asOf: '2021-12-31', value: 1, source: 'x' };
    assert.equal((await put(health, 'life_expectancy', body)).status, 403, "another department's indicator");
    assert.equal((await put(civil, 'no_such_indicator', body)).status, 404);
    const invalid = await put(civil, 'life_expectancy', { ...body, value: 'many', regionCode: '3406x' });
    assert.equal(invalid.status, 400);
    const missing = await put(civil, 'life_expectancy', { ...body, regionCode: '340699' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.fields[0].path, 'body.regionCode');
    const future = await put(civil, 'life_expectancy', { ...body, asOf: '2999-01-01' });
    assert.equal(future.status, 400);
    assert.equal(
      (await server.database.db.selectFrom('indicator_value').select('id').execute()).length,
      2,
      'nothing written by the refused requests',
    );
  });
});
