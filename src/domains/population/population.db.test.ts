import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { createAccount, startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { rolePermissions } from '../../server/access.ts';
import type { Domain, RoleName } from '../accounts/tables.ts';

const COUNTIES = ['340602', '340603', '340604', '340621'];

// Planning officers (发改) are meant to hold population.*; until access.ts grants it, the tests that need a
// region-scoped writer cannot run and say so instead of passing vacuously.
const PLANNING_WRITES_POPULATION = rolePermissions({
  role: 'officer',
  regionCode: '3406',
  domain: 'planning',
  organisationId: null,
  personRegionCode: null,
  personId: null,
}).includes('population.write');
const NEEDS_PLANNING = PLANNING_WRITES_POPULATION
  ? {}
  : { skip: 'access.ts does not yet grant population.* to planning officers' };

type Figure = {
  basis?: 'resident' | 'registered';
  sex?: 'male' | 'female' | 'total';
  ageFrom?: number;
  ageTo?: number | null;
  count: number;
  source?: 'census_2020' | 'yearly_statistics' | 'estimate';
  note?: string;
};
const fig = (over: Figure) => ({
  basis: 'resident',
  sex: 'total',
  ageFrom: 0,
  ageTo: null,
  source: 'yearly_statistics',
  ...over,
});

describe('population figures API', () => {
  let server: TestServer;
  let admin: Session;
  let adminId: number;

  const addAccount = (username: string, role: RoleName, regionCode: string | null, domain: Domain | null) =>
    createAccount(server, username, 'government', role, { region_code: regionCode, domain });

  const put = (session: Session, regionCode: string, year: number, figures: unknown[]) =>
    session.request('PUT', '/api/population/figures', { regionCode, year, figures });

  async function counts() {
    const { rows } = await sql<{ figures: number; audits: number; digest: string }>`
      SELECT (SELECT count(*)::int FROM population_figure) AS figures,
             (SELECT count(*)::int FROM audit_entry WHERE entity = 'population_figure') AS audits,
             (SELECT md5(coalesce(string_agg(f::text, '|' ORDER BY f.id), '')) FROM population_figure f) AS digest
    `.execute(server.database.db);
    return rows[0];
  }

  before(async () => {
    server = await startTestServer({ web: false });
    // The demo city splits 淮北's census figures over its counties (synthetic); these tests enter county figures of
    // their own, so they start from counties without any.
    await server.database.db.deleteFrom('population_figure').where('region_code', '<>', '3406').execute();
    adminId = await addAccount('population.admin', 'platform_admin', null, null);
    admin = await logIn(server.app, 'population.admin');
  });
  after(() => server?.close());

  it('stores a batch, then replaces same-key figures and adds new ones, auditing each without personal data', async () => {
    const first = await put(admin, '340603', 2020, [
      fig({ count: 600_000, source: 'census_2020' }),
      fig({ ageFrom: 60, count: 90_000, source: 'census_2020', note: '七普公报' }),
    ]);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.created, 2);
    assert.equal(first.body.updated, 0);
    assert.deepEqual(
      first.body.figures.map((f: any) => [
        f.regionCode,
        f.year,
        f.sex,
        f.ageFrom,
        f.ageTo,
        f.count,
        f.source,
      ]),
      [
        ['340603', 2020, 'total', 0, null, 600_000, 'census_2020'],
        ['340603', 2020, 'total', 60, null, 90_000, 'census_2020'],
      ],
    );
    assert.equal(first.body.figures[1].note, '七普公报');
    assert.equal(first.body.figures[0].enteredBy, adminId);
    assert.ok(!Number.isNaN(Date.parse(first.body.figures[0].enteredAt)));

    const second = await put(admin, '340603', 2020, [
      fig({ ageFrom: 60, count: 91_000, source: 'census_2020' }),
      fig({ ageFrom: 65, count: 70_000, source: 'census_2020' }),
    ]);
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.created, 1);
    assert.equal(second.body.updated, 1);
    const replaced = second.body.figures.find((f: any) => f.ageFrom === 60);
    assert.equal(replaced.id, first.body.figures[1].id, 'the same row is updated, not duplicated');
    assert.equal(replaced.note, null, 'a replaced figure carries the new entry’s note');

    const stored = await server.database.db
      .selectFrom('population_figure')
      .select(['age_from', 'count', 'entered_by'])
      .where('region_code', '=', '340603')
      .where('year', '=', 2020)
      .orderBy('age_from')
      .execute();
    assert.deepEqual(stored, [
      { age_from: 0, count: 600_000, entered_by: adminId },
      { age_from: 60, count: 91_000, entered_by: adminId },
      { age_from: 65, count: 70_000, entered_by: adminId },
    ]);

    const audits = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'entity_id', 'region_code', 'account_id', 'detail'])
      .where('entity', '=', 'population_figure')
      .where('entity_id', '=', String(replaced.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audits.map((a) => [a.action, a.region_code, a.account_id]),
      [
        ['create', '340603', adminId],
        ['update', '340603', adminId],
      ],
    );
    assert.deepEqual(audits[1].detail, {
      year: 2020,
      basis: 'resident',
      sex: 'total',
      ageFrom: 60,
      ageTo: null,
      source: 'census_2020',
      count: 91_000,
      previousCount: 90_000,
    });
    assert.doesNotMatch(JSON.stringify(audits), /七普公报|测试/, 'no free text or names in the audit detail');
  });

  it('reports sums that do not add up as warnings and stores the figures anyway', async () => {
    const year = 2021;
    const city = await put(admin, '3406', year, [fig({ count: 1_000 })]);
    assert.equal(city.status, 200);
    assert.deepEqual(city.body.warnings, [], 'no children have figures yet');

    for (const [i, code] of COUNTIES.slice(0, 3).entries()) {
      assert.equal((await put(admin, code, year, [fig({ count: 200 + i })])).status, 200);
    }
    // The last county completes the set: 200 + 201 + 202 + 300 = 903, the city says 1,000.
    const last = await put(admin, '340621', year, [
      fig({ count: 300 }),
      fig({ sex: 'male', count: 140 }),
      fig({ sex: 'female', count: 150 }),
    ]);
    assert.equal(last.status, 200, JSON.stringify(last.body));
    assert.equal(last.body.created, 3, 'stored despite the warnings');
    const byCode = Object.fromEntries(last.body.warnings.map((w: any) => [w.code, w]));
    assert.deepEqual(Object.keys(byCode).sort(), ['children_sum_differs', 'sex_sum_differs']);
    assert.equal(byCode.children_sum_differs.regionCode, '3406');
    assert.equal(byCode.children_sum_differs.stated, 1_000);
    assert.equal(byCode.children_sum_differs.computed, 903);
    assert.equal(byCode.children_sum_differs.difference, -97);
    assert.equal(byCode.children_sum_differs.childrenCounted, 4);
    assert.equal(byCode.sex_sum_differs.regionCode, '340621');
    assert.equal(byCode.sex_sum_differs.difference, -10);
    assert.match(byCode.sex_sum_differs.message['zh-CN'], /男女之和 290 与合计 300/);

    // Seen from the city: its figure against its children.
    const again = await put(admin, '3406', year, [fig({ count: 903 })]);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.warnings, [], 'the corrected city figure adds up');
    const off = await put(admin, '3406', year, [fig({ count: 900 })]);
    assert.deepEqual(
      off.body.warnings.map((w: any) => [w.code, w.regionCode, w.difference]),
      [['children_sum_differs', '3406', 3]],
    );

    const listed = await admin.request(
      'GET',
      `/api/population/figures?region=3406&year=${year}&children=true`,
    );
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.figures.filter((f: any) => f.sex === 'total').map((f: any) => [f.regionCode, f.count]),
      [
        ['3406', 900],
        ['340602', 200],
        ['340603', 201],
        ['340604', 202],
        ['340621', 300],
      ],
    );
    assert.deepEqual(listed.body.warnings.map((w: any) => w.code).sort(), [
      'children_sum_differs',
      'sex_sum_differs',
    ]);
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing of the batch', async () => {
    const before = await counts();
    const good = fig({ count: 5, source: 'estimate' });
    const cases: [string, unknown, number, string[]][] = [
      ['unknown region', { regionCode: '340699', year: 2020, figures: [good] }, 400, ['body.regionCode']],
      ['malformed region', { regionCode: '3406x', year: 2020, figures: [good] }, 400, ['body.regionCode']],
      [
        'negative count',
        { regionCode: '340603', year: 2020, figures: [good, fig({ ageFrom: 60, count: -1 })] },
        400,
        ['body.figures.1.count'],
      ],
      [
        'upper age below lower',
        { regionCode: '340603', year: 2020, figures: [good, fig({ ageFrom: 65, ageTo: 60, count: 1 })] },
        400,
        ['body.figures.1.ageTo'],
      ],
      [
        'census figure for 2019',
        { regionCode: '340603', year: 2019, figures: [fig({ count: 1, source: 'census_2020' })] },
        400,
        ['body.figures.0.source'],
      ],
      [
        'same figure twice',
        { regionCode: '340603', year: 2020, figures: [good, good] },
        400,
        ['body.figures.1'],
      ],
      [
        'missing upper age (must be explicit null for open-ended)',
        { regionCode: '340603', year: 2020, figures: [{ ...good, ageTo: undefined }] },
        400,
        ['body.figures.0.ageTo'],
      ],
      ['no figures', { regionCode: '340603', year: 2020, figures: [] }, 400, ['body.figures']],
      [
        'unknown sex',
        { regionCode: '340603', year: 2020, figures: [{ ...good, sex: 'x' }] },
        400,
        ['body.figures.0.sex'],
      ],
    ];
    for (const [name, body, status, fields] of cases) {
      const reply = await admin.request('PUT', '/api/population/figures', body);
      assert.equal(reply.status, status, `${name}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.error.code, 'invalid_input', name);
      const paths = reply.body.error.fields.map((f: any) => f.path);
      for (const field of fields)
        assert.ok(paths.includes(field), `${name}: ${field} in ${paths.join(', ')}`);
    }
    assert.deepEqual(await counts(), before, 'no figure and no audit entry was written');
  });

  it('answers 404 for an unknown region and 400 for a bad query on reads', async () => {
    assert.equal((await admin.request('GET', '/api/population/figures?region=340699')).status, 404);
    assert.equal((await admin.request('GET', '/api/population/summary?region=340699&year=2020')).status, 404);
    const noYear = await admin.request('GET', '/api/population/summary?region=3406');
    assert.equal(noYear.status, 400);
    assert.equal(noYear.body.error.fields[0].path, 'querystring.year');
    assert.equal((await admin.request('GET', '/api/population/figures?region=3406&basis=hukou')).status, 400);
  });

  it('derives 60+, 65+, 80+, under 3 and the total by sex from single-year rows', async () => {
    // 烈山区, 2020 census by sex and single year: male 10 + age/10 per year, female 12 per year, 100+: 3 and 5.
    const single = (sex: 'male' | 'female', age: number) => (sex === 'male' ? 10 + Math.floor(age / 10) : 12);
    const figures = (['male', 'female'] as const).flatMap((sex) => [
      ...Array.from({ length: 100 }, (_, age) =>
        fig({ sex, ageFrom: age, ageTo: age, count: single(sex, age), source: 'census_2020' }),
      ),
      fig({ sex, ageFrom: 100, ageTo: null, count: sex === 'male' ? 3 : 5, source: 'census_2020' }),
    ]);
    const stored = await put(admin, '340604', 2020, figures);
    assert.equal(stored.status, 200, JSON.stringify(stored.body).slice(0, 300));
    assert.equal(stored.body.created, 202);

    const expected = (sex: 'male' | 'female', from: number, to: number | null) => {
      let sum = 0;
      for (let age = from; age <= (to ?? 99); age++) sum += single(sex, age);
      return sum + (to === null ? (sex === 'male' ? 3 : 5) : 0);
    };
    const summary = await admin.request(
      'GET',
      '/api/population/summary?region=340604&year=2020&basis=resident',
    );
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    assert.equal(summary.body.basis, 'resident');
    for (const [key, from, to] of [
      ['total', 0, null],
      ['aged60Plus', 60, null],
      ['aged65Plus', 65, null],
      ['aged80Plus', 80, null],
      ['under3', 0, 2],
    ] as const) {
      const row = summary.body.denominators.find((d: any) => d.key === key);
      const male = expected('male', from, to);
      const female = expected('female', from, to);
      assert.deepEqual(row.male, { count: male, source: 'census_2020', derivedFrom: 'own' }, key);
      assert.deepEqual(row.female, { count: female, source: 'census_2020', derivedFrom: 'own' }, key);
      assert.deepEqual(row.total, { count: male + female, source: 'census_2020', derivedFrom: 'own' }, key);
    }
    const registered = await admin.request(
      'GET',
      '/api/population/summary?region=340604&year=2020&basis=registered',
    );
    assert.ok(
      registered.body.denominators.every((d: any) => d.total === null),
      'the bases are kept apart',
    );
  });

  it('falls back to the sum of the children when the region has no figure, and says so', async () => {
    const year = 2022;
    const summary = () => admin.request('GET', `/api/population/summary?region=3406&year=${year}`);
    const total = async () => (await summary()).body.denominators.find((d: any) => d.key === 'total').total;

    for (const [i, code] of COUNTIES.slice(0, 3).entries()) {
      await put(admin, code, year, [fig({ count: 1_000 * (i + 1), source: 'estimate' })]);
    }
    assert.equal(await total(), null, 'three of four counties are not the city');

    await put(admin, '340621', year, [fig({ count: 4_000, source: 'estimate' })]);
    assert.deepEqual(await total(), { count: 10_000, source: 'estimate', derivedFrom: 'children' });

    await put(admin, '3406', year, [fig({ count: 9_990, source: 'estimate' })]);
    assert.deepEqual(await total(), { count: 9_990, source: 'estimate', derivedFrom: 'own' });
  });

  it('lets a planning officer of the city write any district', NEEDS_PLANNING, async () => {
    const planning = await logIn(server.app, 'city.planning');
    const reply = await put(planning, '340602', 2023, [fig({ count: 1 })]);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(
      (await planning.request('GET', '/api/population/summary?region=3406&year=2023')).status,
      200,
    );
  });

  it('keeps a 相山区 officer to 相山区: no write, no read of 杜集区 (340602)', NEEDS_PLANNING, async () => {
    await addAccount('xiangshan.planning', 'officer', '340603', 'planning');
    const xiangshan = await logIn(server.app, 'xiangshan.planning');
    const before = await counts();
    const write = await put(xiangshan, '340602', 2024, [fig({ count: 1 })]);
    assert.equal(write.status, 403, JSON.stringify(write.body));
    assert.deepEqual(await counts(), before, 'nothing written');
    assert.equal((await xiangshan.request('GET', '/api/population/figures?region=340602')).status, 403);
    assert.equal(
      (await xiangshan.request('GET', '/api/population/summary?region=340602&year=2021')).status,
      403,
    );
    assert.equal(
      (await xiangshan.request('GET', '/api/population/summary?region=3406&year=2021')).status,
      403,
    );

    // Its own district works, and the warnings do not reveal the city's figures it may not read.
    const own = await put(xiangshan, '340603', 2021, [fig({ count: 5 })]);
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.ok(own.body.warnings.every((w: any) => w.regionCode.startsWith('340603')));
    const asAdmin = await put(admin, '340603', 2021, [fig({ count: 5 })]);
    assert.ok(
      asAdmin.body.warnings.some((w: any) => w.regionCode === '3406'),
      'the city sees the parent warning the district does not',
    );
  });
});
