import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { addCensus2020, addFacilityWithCapacity, loadPlansOnClearedRecords } from './plan-test-support.ts';
import { seriesDates } from './drilldown-routes.ts';

type Body = Record<string, any>;

/**
 * The dashboard's drill-down behind 淮北's plan, on records the test creates (the demo's are cleared): two districts'
 * care homes, one of which grows on 2022-01-01, and a nursery. Each child region carries its own numerator and
 * denominator, the city's share is recomputed from the sums, the records are the facilities behind the number, and
 * no caller sees past their region or department.
 */
describe('plan drill-down', () => {
  let server: TestServer;
  let planning: Session;
  let civil: Session;
  let health: Session;
  let xiangshan: Session;
  let planId: number;
  let xiangshanHome: number;

  before(async () => {
    server = await startTestServer({ web: false });
    const db = server.database.db;
    await loadPlansOnClearedRecords(db);
    planId = (
      await db.selectFrom('plan').select('id').where('region_code', '=', '3406').executeTakeFirstOrThrow()
    ).id;
    await addCensus2020(db, [
      ['340602', 0, null, 300_000],
      ['340603', 0, null, 600_000],
    ]);
    const facility = (
      region: string,
      type: 'care_home' | 'childcare_institution',
      periods: [string, string | null, object][],
    ) => addFacilityWithCapacity(db, { region, type, ownership: 'private' }, periods);
    xiangshanHome = await facility('340603001', 'care_home', [
      ['2020-01-01', '2022-01-01', { beds_total: 100, beds_nursing: 60 }],
      ['2022-01-01', null, { beds_total: 300, beds_nursing: 60 }],
    ]);
    await facility('340602', 'care_home', [['2020-01-01', null, { beds_total: 200, beds_nursing: 40 }]]);
    await facility('340603', 'childcare_institution', [
      ['2020-01-01', null, { places_older_toddler: 600, places_inclusive: 300 }],
    ]);
    planning = await logIn(server.app, 'city.planning');
    civil = await logIn(server.app, 'city.civil');
    health = await logIn(server.app, 'city.health');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
  });
  after(() => server?.close());

  const get = async (session: Session, path: string, status = 200) => {
    const reply = await session.request('GET', `/api/plans/${planId}/${path}`);
    assert.equal(reply.status, status, `${path}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    return reply.body as Body;
  };
  const indicatorId = async (key: string) =>
    (
      await server.database.db
        .selectFrom('plan_indicator')
        .select('id')
        .where('plan_id', '=', planId)
        .where('indicator_key', '=', key)
        .executeTakeFirstOrThrow()
    ).id;
  const cell = (answer: Body, region: string, id: number) =>
    answer.regions
      .find((r: Body) => r.regionCode === region)
      .indicators.find((i: Body) => i.planIndicatorId === id);

  it("gives each district its own numerator and denominator, and the city's share from their sums", async () => {
    const answer = await get(planning, 'regions?date=2020-12-31');
    assert.deepEqual(
      answer.regions.map((r: Body) => [r.regionCode, r.own]),
      [
        ['3406', true],
        ['340602', false],
        ['340603', false],
        ['340604', false],
        ['340621', false],
      ],
    );
    assert.equal(answer.regions.find((r: Body) => r.regionCode === '340603').name, '相山区');
    const share = await indicatorId('nursing_bed_share');
    assert.deepEqual(
      [cell(answer, '340603', share).numerator, cell(answer, '340603', share).denominator],
      [60, 100],
    );
    assert.equal(cell(answer, '340603', share).value, 60);
    assert.equal(cell(answer, '340602', share).value, 20);
    // 100 nursing beds of 300 beds: a third, not the mean of 60% and 20%.
    assert.deepEqual(
      [cell(answer, '3406', share).numerator, cell(answer, '3406', share).denominator],
      [100, 300],
    );
    assert.equal(cell(answer, '3406', share).value, 33.3);
    const places = await indicatorId('childcare_places_per_1000');
    assert.deepEqual(
      [cell(answer, '340603', places).numerator, cell(answer, '340603', places).denominator],
      [600, 600_000],
    );
    assert.equal(cell(answer, '340603', places).value, 1);
    // 5.04 places per 1,000 of 600,000 residents is 3,024 places: 2,424 to add.
    assert.equal(cell(answer, '340603', places).toAdd, 2424);
    assert.equal(cell(answer, '340603', places).status, 'on_track');
  });

  it('lists the facilities behind a number, as of the date', async () => {
    const early = await get(planning, 'records?region=340603&date=2021-06-30&quantity=beds_total');
    assert.equal(early.total, 1);
    assert.deepEqual(
      early.facilities.map((f: Body) => [f.id, f.bedsTotal, f.bedsNursing]),
      [[xiangshanHome, 100, 60]],
    );
    const later = await get(planning, 'records?region=340603&date=2023-06-30&quantity=beds_total');
    assert.equal(later.facilities[0].bedsTotal, 300);
    const city = await get(planning, 'records?date=2023-06-30&quantity=beds_total');
    assert.equal(city.total, 2);
    assert.ok(city.facilities.every((f: Body) => f.domain === 'elderly_care'));
    const nursery = await get(planning, 'records?region=340603&date=2023-06-30&quantity=childcare_places');
    assert.deepEqual(
      nursery.facilities.map((f: Body) => [f.facilityType, f.places, f.placesInclusive]),
      [['childcare_institution', 600, 300]],
    );
  });

  it('recomputes every year end from the capacity history', async () => {
    assert.deepEqual(seriesDates('2023-06-30'), ['2020-12-31', '2021-12-31', '2022-12-31', '2023-06-30']);
    const beds = await indicatorId('elderly_beds');
    const series = await get(planning, 'series?date=2023-06-30');
    assert.deepEqual(
      series.points.map((p: Body) => [
        p.date,
        p.values.find((v: Body) => v.planIndicatorId === beds).computed,
      ]),
      [
        ['2020-12-31', 300],
        ['2021-12-31', 300],
        ['2022-12-31', 500],
        ['2023-06-30', 500],
      ],
    );
  });

  it('shows entered values beside the computed ones in the series', async () => {
    const entered = await civil.request('PUT', '/api/indicators/life_expectancy/values', {
      regionCode: '3406',
      asOf: '2021-12-31',
      value: 77.6,
      source: '市卫健委统计公报',
    });
    assert.equal(entered.status, 201, JSON.stringify(entered.body));
    const series = await get(planning, 'series?date=2022-06-30');
    assert.deepEqual(
      series.entered.filter((e: Body) => e.indicatorKey === 'life_expectancy'),
      [{ indicatorKey: 'life_expectancy', asOf: '2021-12-31', value: 77.6, source: '市卫健委统计公报' }],
    );
  });

  it('keeps a district officer inside their district and each department inside its domain', async () => {
    await get(xiangshan, 'regions?region=340602&date=2021-01-01', 403);
    await get(xiangshan, 'records?region=340602&date=2021-01-01', 403);
    await get(xiangshan, 'series?region=340602&date=2021-01-01', 403);
    await get(xiangshan, 'regions?date=2021-01-01', 403);
    const own = await get(xiangshan, 'regions?region=340603&date=2021-01-01');
    assert.ok(own.regions.every((r: Body) => r.regionCode.startsWith('340603')));
    // The health commission sees childcare indicators and nurseries only.
    const childcare = await get(health, 'regions?date=2021-01-01');
    const ids = new Set(childcare.regions[0].indicators.map((i: Body) => i.planIndicatorId));
    assert.ok(ids.has(await indicatorId('childcare_places_per_1000')));
    assert.ok(!ids.has(await indicatorId('elderly_beds')));
    await get(health, 'records?date=2021-01-01&quantity=beds_total', 403);
    const nurseries = await get(health, 'records?date=2021-01-01');
    assert.ok(nurseries.facilities.length > 0);
    assert.ok(nurseries.facilities.every((f: Body) => f.domain === 'childcare'));
    // Providers and families hold no plan permission at all.
    const provider = await logIn(server.app, 'provider.demo');
    await get(provider, 'regions', 403);
  });

  it('refuses bad input with a 4xx', async () => {
    await get(planning, 'regions?region=abc', 400);
    await get(planning, 'regions?date=2021-13-01', 400);
    await get(planning, 'records?quantity=population', 400);
    await get(planning, 'series?region=3401', 403);
    await get(planning, 'regions?region=340603999999', 404);
    const missing = await planning.request('GET', '/api/plans/999999/regions');
    assert.equal(missing.status, 404);
  });
});
