import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { ageGroups, groupLabel, type SexVectors } from './age-groups.ts';
import { projectCohortComponent } from './cohort-component.ts';
import { projectHamiltonPerry } from './hamilton-perry.ts';
import { projectedPopulation } from './queries.ts';

const COUNTIES = ['340602', '340603', '340604', '340621'];
const GROUPS = ageGroups(85);

/** A synthetic population by sex in 5-year groups, shaped by a county's size and a year's ageing. */
function synthetic(scale: number, year: number): SexVectors {
  const ageing = (year - 2010) / 10;
  const count = (x: number, sex: number) =>
    Math.round(scale * (1000 + 37 * x * (1 + ageing) - (x > 12 ? 120 * (x - 12) : 0) + 11 * sex * x));
  return { female: GROUPS.map((_, x) => count(x, 0)), male: GROUPS.map((_, x) => count(x, 1)) };
}

const asFigures = (vectors: SexVectors) =>
  (['female', 'male'] as const).flatMap((sex) =>
    GROUPS.map((group, x) => ({
      basis: 'resident',
      sex,
      ...group,
      count: vectors[sex][x],
      source: 'estimate',
    })),
  );

const preston = JSON.parse(readFileSync(new URL('./fixtures/preston-box-6-2.json', import.meta.url), 'utf8'));

describe('population forecasts API', () => {
  let server: TestServer;
  let city: Session;
  let xiangshan: Session;
  const data = new Map<string, Map<number, SexVectors>>();

  async function counts() {
    const { rows } = await sql<{ runs: number; figures: number; audits: number }>`
      SELECT (SELECT count(*)::int FROM forecast_run) AS runs,
             (SELECT count(*)::int FROM forecast_figure) AS figures,
             (SELECT count(*)::int FROM audit_entry WHERE entity = 'forecast_run') AS audits`.execute(
      server.database.db,
    );
    return rows[0];
  }

  before(async () => {
    server = await startTestServer({ web: false });
    city = await logIn(server.app, 'city.civil');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    for (const year of [2010, 2020]) {
      // The city's own figures exceed its counties' sum (people not placed in a county), so scaling shows.
      const parts = COUNTIES.map((code, index) => [code, synthetic(1 + index / 2, year)] as const);
      const total = synthetic(1 + 1.5 + 2 + 2.5 + 0.2, year);
      for (const [code, vectors] of [...parts, ['3406', total] as const]) {
        if (!data.has(code)) data.set(code, new Map());
        data.get(code)!.set(year, vectors);
        const reply = await city.request('PUT', '/api/population/figures', {
          regionCode: code,
          year,
          figures: asFigures(vectors),
        });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
      }
    }
  });
  after(() => server?.close());

  let cityRun: any;

  it('projects 淮北 and its counties by Hamilton–Perry, the counties scaled cell by cell to the city total', async () => {
    const reply = await city.request('POST', '/api/forecasts', {
      method: 'hamilton_perry',
      regionCode: '3406',
      earlierYear: 2010,
      baseYear: 2020,
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    cityRun = reply.body;
    assert.deepEqual(cityRun.targetYears, [2025, 2030, 2035]);
    assert.equal(cityRun.figures.length, 5 * 3 * 2 * GROUPS.length);
    assert.deepEqual(cityRun.inputs.skippedChildren, []);
    assert.equal(cityRun.inputs.childrenScaledToRegion, true);
    assert.deepEqual(cityRun.parameters.interpolatedYears, [2025, 2035]);

    const expected = projectHamiltonPerry(
      data.get('3406')!.get(2010)!,
      data.get('3406')!.get(2020)!,
      10,
      2020,
      [2025, 2030, 2035],
    );
    const own = cityRun.figures.filter((f: any) => f.regionCode === '3406');
    for (const figure of own) {
      const x = GROUPS.findIndex((group) => group.ageFrom === figure.ageFrom);
      const value = expected.get(figure.year)![figure.sex as 'female' | 'male'][x];
      assert.equal(figure.count, Math.round(value), `3406 ${figure.year} ${figure.sex} ${figure.ageFrom}`);
      assert.equal(figure.scaled, false);
    }
    for (const cell of own) {
      const children = cityRun.figures.filter(
        (f: any) =>
          f.regionCode !== '3406' && f.year === cell.year && f.sex === cell.sex && f.ageFrom === cell.ageFrom,
      );
      assert.equal(children.length, 4);
      assert.ok(children.every((f: any) => f.scaled));
      assert.equal(
        children.reduce((sum: number, f: any) => sum + f.count, 0),
        cell.count,
        `${cell.year} ${cell.sex} ${cell.ageFrom}`,
      );
    }
    // The county's raw projection is below its scaled count: the city's own total is larger than the counties'.
    const duji = cityRun.figures.find(
      (f: any) => f.regionCode === '340602' && f.year === 2030 && f.ageFrom === 60,
    );
    assert.ok(duji.count > duji.projected);

    const audit = await server.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('entity', '=', 'forecast_run')
      .where('entity_id', '=', String(cityRun.id))
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'create');
    assert.equal(audit.region_code, '3406');
  });

  it('reads the run back by id and lists it for the region', async () => {
    const one = await city.request('GET', `/api/forecasts/${cityRun.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, cityRun);
    const list = await city.request('GET', '/api/forecasts?region=3406');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.runs.map((run: any) => run.id),
      [cityRun.id],
    );
    assert.equal(list.body.runs[0].figures, undefined);
  });

  it('answers a future denominator from the newest run, and null for ranges that split a 5-year group', async () => {
    const db = server.database.db;
    const sixtyPlus = cityRun.figures
      .filter((f: any) => f.regionCode === '340603' && f.year === 2025 && f.ageFrom >= 60)
      .reduce((sum: number, f: any) => sum + f.count, 0);
    const answer = await projectedPopulation(db, '340603', 2025, { ageFrom: 60 });
    assert.deepEqual(answer, {
      count: sixtyPlus,
      runId: cityRun.id,
      method: 'hamilton_perry',
      baseYear: 2020,
      scaled: true,
    });
    const women = await projectedPopulation(db, '3406', 2035, { ageFrom: 15, ageTo: 49, sex: 'female' });
    assert.equal(
      women?.count,
      cityRun.figures
        .filter((f: any) => f.regionCode === '3406' && f.year === 2035 && f.sex === 'female')
        .filter((f: any) => f.ageFrom >= 15 && f.ageTo !== null && f.ageTo <= 49)
        .reduce((sum: number, f: any) => sum + f.count, 0),
    );
    assert.equal(await projectedPopulation(db, '3406', 2025, { ageFrom: 0, ageTo: 2 }), null);
    assert.equal(await projectedPopulation(db, '3406', 2040), null);
    assert.equal(await projectedPopulation(db, '3406', 2025, { basis: 'registered' }), null);
  });

  it('projects by cohort-component when a life table and fertility rates are given', async () => {
    const same = (values: number[]) => ({ female: values, male: values });
    const body = {
      method: 'cohort_component',
      regionCode: '3406',
      baseYear: 2020,
      targetYears: [2030, 2025],
      lifeTable: { radix: preston.life_table_radix_l0, ...same(preston.nLx_female) },
      fertility: { asfr: preston.asfr_by_age_group, sexRatioAtBirth: preston.sex_ratio_at_birth },
      netMigrantsPerStep: same(preston.net_migrants_female_over_step),
    };
    const reply = await city.request('POST', '/api/forecasts', body);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.deepEqual(reply.body.targetYears, [2025, 2030]);
    assert.ok(reply.body.figures.every((f: any) => f.regionCode === '3406' && !f.scaled));
    const expected = projectCohortComponent(data.get('3406')!.get(2020)!, 2020, [2025, 2030], {
      nLx: same(preston.nLx_female),
      radix: preston.life_table_radix_l0,
      asfr: GROUPS.map((group) => preston.asfr_by_age_group[groupLabel(group)] ?? 0),
      sexRatioAtBirth: preston.sex_ratio_at_birth,
      netMigrants: same(preston.net_migrants_female_over_step),
    });
    const female2030 = reply.body.figures.filter((f: any) => f.year === 2030 && f.sex === 'female');
    assert.deepEqual(
      female2030.map((f: any) => f.count),
      expected.get(2030)!.female.map(Math.round),
    );
    // The newer run now answers the city's 2025 denominator.
    assert.equal((await projectedPopulation(server.database.db, '3406', 2025))?.runId, reply.body.id);
  });

  it('the 相山 officer cannot forecast, list or read 杜集, and writes nothing trying', async () => {
    const before = await counts();
    const post = await xiangshan.request('POST', '/api/forecasts', {
      method: 'hamilton_perry',
      regionCode: '340602',
      earlierYear: 2010,
      baseYear: 2020,
    });
    assert.equal(post.status, 403);
    assert.equal((await xiangshan.request('GET', '/api/forecasts?region=340602')).status, 403);
    assert.equal((await xiangshan.request('GET', `/api/forecasts/${cityRun.id}`)).status, 404);
    assert.deepEqual(await counts(), before);
    const duji = await city.request('POST', '/api/forecasts', {
      method: 'hamilton_perry',
      regionCode: '340602',
      earlierYear: 2010,
      baseYear: 2020,
    });
    assert.equal(duji.status, 201, JSON.stringify(duji.body));
    const read = await xiangshan.request('GET', `/api/forecasts/${duji.body.id}`);
    assert.equal(read.status, 404);
    assert.doesNotMatch(JSON.stringify(read.body), /340602/);
    assert.equal((await city.request('GET', `/api/forecasts/${duji.body.id}`)).status, 200);
  });

  it('the 相山 officer forecasts 相山 from its own figures, its townships without data left unscaled', async () => {
    const reply = await xiangshan.request('POST', '/api/forecasts', {
      method: 'hamilton_perry',
      regionCode: '340603',
      earlierYear: 2010,
      baseYear: 2020,
      targetYears: [2030],
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.ok(reply.body.inputs.skippedChildren.length > 0);
    assert.equal(reply.body.inputs.childrenScaledToRegion, false);
    assert.ok(reply.body.figures.every((f: any) => f.regionCode === '340603'));
    const list = await xiangshan.request('GET', '/api/forecasts?region=340603');
    assert.deepEqual(
      list.body.runs.map((run: any) => run.id),
      [reply.body.id],
    );
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await counts();
    const hp = { method: 'hamilton_perry', regionCode: '3406', earlierYear: 2010, baseYear: 2020 };
    const cases: [body: object, path: string][] = [
      [{ ...hp, targetYears: [2030, 2023] }, 'body.targetYears.1'],
      [{ ...hp, targetYears: [2030, 2030] }, 'body.targetYears.1'],
      [{ ...hp, earlierYear: 2013 }, 'body.earlierYear'],
      [{ ...hp, regionCode: '349999' }, 'body.regionCode'],
      // No figures by sex and 5-year group for 2015, nor for any township.
      [{ ...hp, earlierYear: 2015 }, 'body.regionCode'],
      [{ ...hp, regionCode: '340603001' }, 'body.regionCode'],
      [
        {
          method: 'cohort_component',
          regionCode: '3406',
          baseYear: 2020,
          lifeTable: { radix: 100000, female: [1, 2, 3], male: preston.nLx_female },
          fertility: { asfr: { '20-24': 0.1, '50+': 0.1 }, sexRatioAtBirth: 1.05 },
        },
        'body.lifeTable.female',
      ],
      [
        {
          method: 'cohort_component',
          regionCode: '3406',
          baseYear: 2020,
          lifeTable: { radix: 100000, female: preston.nLx_female, male: preston.nLx_female },
          fertility: { asfr: { '20-24': 0.1 }, sexRatioAtBirth: 1.05 },
          netMigrantsPerStep: { female: GROUPS.map(() => -1e7), male: GROUPS.map(() => 0) },
        },
        'body.netMigrantsPerStep',
      ],
    ];
    for (const [body, path] of cases) {
      const reply = await city.request('POST', '/api/forecasts', body);
      assert.equal(reply.status, 400, `${path}: ${JSON.stringify(reply.body)}`);
      const paths = reply.body.error.fields.map((field: any) => field.path);
      assert.ok(paths.includes(path), `${path} not in ${paths.join(', ')}`);
      assert.ok(
        reply.body.error.fields.every((field: any) => field.message['zh-CN'] && field.message['en-US']),
      );
    }
    const schema = await city.request('POST', '/api/forecasts', { method: 'guess', regionCode: '3406' });
    assert.equal(schema.status, 400);
    assert.equal((await city.request('GET', '/api/forecasts/abc')).status, 400);
    assert.equal((await city.request('GET', '/api/forecasts/999999')).status, 404);
    assert.deepEqual(await counts(), before);
  });
});
