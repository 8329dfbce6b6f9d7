import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeUscc } from '../../shared/uscc.ts';
import { logIn, logInAll, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { capacityAsOf } from './queries.ts';

/** Organisations, facilities and capacity history through the real server and database. */
describe('providers', () => {
  let server: TestServer;
  let civil: Session;
  let health: Session;
  let planning: Session;
  let provider: Session;
  let xiangshan: Session;
  let providerOrganisationId: number;
  let serial = 0;

  before(async () => {
    server = await startTestServer({ web: false });
    [civil, health, planning, provider, xiangshan] = await logInAll(server.app, [
      'city.civil',
      'city.health',
      'city.planning',
      'provider.demo',
      'xiangshan.civil',
    ]);
    const own = await provider.request('GET', '/api/provider/organisations');
    assert.equal(own.status, 200, JSON.stringify(own.body));
    providerOrganisationId = own.body.organisations[0].id;
  });
  after(() => server?.close());

  const uscc = (prefix = '52') => makeUscc(`${prefix}340603MJ${String(++serial).padStart(7, '0')}`);
  const count = async (table: 'organisation' | 'facility' | 'facility_capacity') =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(server.database.db))
      .rows[0].n;

  async function organisation(session: Session, regionCode = '340603') {
    const reply = await session.request('POST', '/api/organisations', {
      regionCode,
      uscc: uscc(),
      name: `测试养老服务有限公司${serial}`,
      ownership: 'private',
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body.id as number;
  }

  async function facility(session: Session, body: Record<string, unknown>, path = '/api/facilities') {
    const reply = await session.request('POST', path, {
      regionCode: '340603',
      name: `测试设施${++serial}`,
      address: '淮北市相山区测试路1号',
      ...body,
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body.id as number;
  }

  describe('organisations', () => {
    it('refuses a credit code with a wrong check character as a 400 on body.uscc, writing nothing', async () => {
      const valid = uscc();
      const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const before = await count('organisation');
      const reply = await civil.request('POST', '/api/organisations', {
        regionCode: '340603',
        uscc: wrong,
        name: '校验位错误的机构',
        ownership: 'public',
      });
      assert.equal(reply.status, 400);
      assert.deepEqual(
        reply.body.error.fields.map((field: { path: string }) => field.path),
        ['body.uscc'],
      );
      assert.match(reply.body.error.fields[0].message['zh-CN'], /校验位/);
      assert.equal(await count('organisation'), before);
    });

    it('answers a duplicate credit code with 409, also when it differs only in case', async () => {
      const code = uscc('91');
      const body = { regionCode: '340603', uscc: code, name: '重复代码公司', ownership: 'private' };
      assert.equal((await civil.request('POST', '/api/organisations', body)).status, 201);
      const again = await civil.request('POST', '/api/organisations', { ...body, uscc: code.toLowerCase() });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'duplicate_uscc');
    });

    it('reads the legal form from the credit code unless stated, and lists by region subtree', async () => {
      const created = await civil.request('POST', '/api/organisations', {
        regionCode: '340603001',
        uscc: uscc('12'),
        name: '相山区社会福利院',
        ownership: 'public',
        legalPerson: '王院长',
        contactPhone: '0561-3000000',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.organisationType, 'public_institution');
      const list = await civil.request('GET', '/api/organisations?region=340603&ownership=public');
      assert.ok(list.body.organisations.some((o: { id: number }) => o.id === created.body.id));
      const elsewhere = await civil.request('GET', '/api/organisations?region=340602&ownership=public');
      assert.ok(!elsewhere.body.organisations.some((o: { id: number }) => o.id === created.body.id));
    });

    it('a provider user changes its own contacts but cannot reach another organisation', async () => {
      const mine = await provider.request('PATCH', `/api/provider/organisations/${providerOrganisationId}`, {
        contactName: '陈院长',
        contactPhone: '13800000000',
      });
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.equal(mine.body.contactName, '陈院长');
      const other = await organisation(civil);
      const theirs = await provider.request('PATCH', `/api/provider/organisations/${other}`, {
        contactName: 'x',
      });
      assert.equal(theirs.status, 404);
    });

    it('refuses to delete an organisation that still has facilities (409) and deletes an unused one', async () => {
      const used = await organisation(civil);
      await facility(civil, { organisationId: used, facilityType: 'meal_point', ownership: 'private' });
      assert.equal((await civil.request('DELETE', `/api/organisations/${used}`)).status, 409);
      const unused = await organisation(civil);
      assert.equal((await civil.request('DELETE', `/api/organisations/${unused}`)).status, 204);
      assert.equal((await civil.request('GET', `/api/organisations/${unused}`)).status, 404);
    });
  });

  describe('facilities', () => {
    it('rejects coordinates outside China, a missing region and a missing ownership as field errors', async () => {
      const organisationId = await organisation(civil);
      await sql`UPDATE organisation SET ownership = NULL WHERE id = ${organisationId}`.execute(
        server.database.db,
      );
      const before = await count('facility');
      const swapped = await civil.request('POST', '/api/facilities', {
        organisationId,
        regionCode: '340603',
        name: '坐标颠倒的设施',
        facilityType: 'day_care_centre',
        ownership: 'public',
        address: '相山区',
        longitude: 33.95,
        latitude: 116.79,
      });
      assert.equal(swapped.status, 400);
      const paths = swapped.body.error.fields.map((field: { path: string }) => field.path).sort();
      assert.ok(paths.includes('body.longitude') || paths.includes('body.latitude'), paths.join());
      const noRegion = await civil.request('POST', '/api/facilities', {
        organisationId,
        regionCode: '340699',
        name: '不存在的区',
        facilityType: 'day_care_centre',
        ownership: 'public',
        address: '无',
      });
      assert.equal(noRegion.status, 400);
      assert.equal(noRegion.body.error.fields[0].path, 'body.regionCode');
      const noOwnership = await civil.request('POST', '/api/facilities', {
        organisationId,
        regionCode: '340603',
        name: '未注明性质',
        facilityType: 'day_care_centre',
        address: '相山区',
      });
      assert.equal(noOwnership.status, 400);
      assert.equal(noOwnership.body.error.fields[0].path, 'body.ownership');
      assert.equal(await count('facility'), before);
    });

    it('keeps the filing description: coordinates, fees, premises, and refuses a type of another domain', async () => {
      const organisationId = await organisation(civil);
      const id = await facility(civil, {
        organisationId,
        facilityType: 'care_home',
        ownership: 'publicly_built_privately_operated',
        longitude: 116.7983,
        latitude: 33.9556,
        residentTypes: ['semi_disabled', 'disabled'],
        premisesTenure: 'leased',
        premisesLeaseEnds: '2030-12-31',
        fireSafety: 'passed',
        ltcInsuranceDesignated: true,
        fees: { bed: { min: 800, max: 1500 }, nursing: { min: 300, max: 2000 } },
      });
      const read = await civil.request('GET', `/api/facilities/${id}`);
      assert.equal(read.body.domain, 'elderly_care');
      assert.equal(read.body.longitude, 116.7983);
      assert.deepEqual(read.body.fees.bed, { min: 800, max: 1500 });
      assert.equal(read.body.current, null);
      const badFee = await civil.request('PATCH', `/api/facilities/${id}`, { fees: { bed: { max: 500 } } });
      assert.equal(badFee.status, 400);
      assert.equal(badFee.body.error.fields[0].path, 'body.fees.bed.max');
      const otherDomain = await civil.request('PATCH', `/api/facilities/${id}`, {
        facilityType: 'childcare_institution',
      });
      assert.equal(otherDomain.status, 400);
      const sameDomain = await civil.request('PATCH', `/api/facilities/${id}`, {
        facilityType: 'medical_care_institution',
      });
      assert.equal(sameDomain.status, 200);
      assert.equal(sameDomain.body.facilityType, 'medical_care_institution');
    });

    it("a facility's domain decides the department: health does not see care homes, civil affairs no childcare", async () => {
      const organisationId = await organisation(civil);
      const careHome = await facility(civil, {
        organisationId,
        facilityType: 'care_home',
        ownership: 'private',
      });
      const nursery = await facility(health, {
        organisationId,
        facilityType: 'childcare_institution',
        ownership: 'private',
      });
      // A department cannot create the other department's kind of facility either.
      const crossing = await health.request('POST', '/api/facilities', {
        organisationId,
        regionCode: '340603',
        name: '卫健登记养老院',
        facilityType: 'care_home',
        ownership: 'private',
        address: '相山区',
      });
      assert.equal(crossing.status, 403);

      assert.equal((await health.request('GET', `/api/facilities/${careHome}`)).status, 404);
      assert.equal((await civil.request('GET', `/api/facilities/${nursery}`)).status, 404);
      assert.equal((await health.request('GET', `/api/facilities/${nursery}`)).status, 200);
      assert.equal(
        (
          await health.request('POST', `/api/facilities/${careHome}/capacity`, {
            validFrom: '2020-01-01',
            operatingStatus: 'operating',
          })
        ).status,
        404,
      );
      const healthList = await health.request(
        'GET',
        `/api/facilities?region=340603&organisationId=${organisationId}`,
      );
      assert.deepEqual(
        healthList.body.facilities.map((f: { id: number }) => f.id),
        [nursery],
      );
      const civilList = await civil.request(
        'GET',
        `/api/facilities?region=3406&organisationId=${organisationId}`,
      );
      assert.deepEqual(
        civilList.body.facilities.map((f: { id: number }) => f.id),
        [careHome],
      );

      // Planning reads both, changes neither.
      const planningList = await planning.request(
        'GET',
        `/api/facilities?region=3406&organisationId=${organisationId}`,
      );
      assert.deepEqual(
        planningList.body.facilities.map((f: { id: number }) => f.id).sort(),
        [careHome, nursery].sort(),
      );
      assert.equal(
        (await planning.request('PATCH', `/api/facilities/${careHome}`, { name: '改名' })).status,
        403,
      );
    });

    it('the district officer reaches its own district only', async () => {
      const organisationId = await organisation(civil, '340602');
      const duji = await facility(civil, {
        organisationId,
        regionCode: '340602',
        facilityType: 'day_care_centre',
        ownership: 'public',
      });
      assert.equal((await xiangshan.request('GET', `/api/facilities/${duji}`)).status, 404);
      assert.equal((await xiangshan.request('GET', '/api/facilities?region=340602')).status, 403);
      assert.equal((await xiangshan.request('GET', '/api/facilities?region=340603')).status, 200);
      const moved = await civil.request('POST', '/api/facilities', {
        organisationId,
        regionCode: '340602',
        name: '杜集日间照料中心',
        facilityType: 'day_care_centre',
        ownership: 'public',
        address: '杜集区',
      });
      assert.equal(moved.status, 201);
      const taken = await xiangshan.request('PATCH', `/api/facilities/${moved.body.id}`, {
        regionCode: '340603',
      });
      assert.equal(taken.status, 404);
    });

    it('refuses to delete a facility with capacity history (409) and deletes one without', async () => {
      const organisationId = await organisation(civil);
      const kept = await facility(civil, {
        organisationId,
        facilityType: 'meal_point',
        ownership: 'private',
      });
      await civil.request('POST', `/api/facilities/${kept}/capacity`, {
        validFrom: '2022-01-01',
        operatingStatus: 'operating',
      });
      assert.equal((await civil.request('DELETE', `/api/facilities/${kept}`)).status, 409);
      const mistaken = await facility(civil, {
        organisationId,
        facilityType: 'meal_point',
        ownership: 'private',
      });
      assert.equal((await civil.request('DELETE', `/api/facilities/${mistaken}`)).status, 204);
    });
  });

  describe('capacity history', () => {
    it('answers beds on 2020-12-31 with the old number after a change on 2021-06-01', async () => {
      const organisationId = await organisation(civil);
      const id = await facility(civil, {
        organisationId,
        regionCode: '340603001',
        facilityType: 'care_home',
        ownership: 'private',
      });
      const first = await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2019-03-01',
        operatingStatus: 'operating',
        bedsTotal: 100,
        bedsNursing: 40,
        grade: 2,
      });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const change = await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2021-06-01',
        bedsTotal: 150,
        bedsNursing: 90,
      });
      assert.equal(change.status, 201, JSON.stringify(change.body));
      assert.deepEqual(
        change.body.periods.map((p: { validFrom: string; validTo: string | null; bedsTotal: number }) => [
          p.validFrom,
          p.validTo,
          p.bedsTotal,
        ]),
        [
          ['2019-03-01', '2021-06-01', 100],
          ['2021-06-01', null, 150],
        ],
      );
      assert.equal(change.body.recorded.grade, 2, 'the grade carries over');

      const asOf = async (date: string) => {
        const reply = await civil.request(
          'GET',
          `/api/providers/capacity?region=340603001&asOf=${date}&organisationId=${organisationId}`,
        );
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        return reply.body;
      };
      assert.equal((await asOf('2020-12-31')).totals.bedsTotal, 100);
      assert.equal((await asOf('2020-12-31')).totals.bedsNursing, 40);
      assert.equal((await asOf('2021-05-31')).totals.bedsTotal, 100);
      assert.equal((await asOf('2021-06-01')).totals.bedsTotal, 150);
      assert.equal((await asOf('2021-12-31')).totals.bedsTotal, 150);
      assert.equal((await asOf('2018-12-31')).totals.facilities, 0, 'no record before it opened');

      const direct = await capacityAsOf(server.database.db, '340603001', '2020-12-31', {
        organisationIds: [organisationId],
      });
      assert.equal(direct.totals.bedsTotal, 100);
      assert.deepEqual(direct.facilityCounts, [
        { facilityType: 'care_home', ownership: 'private', operatingStatus: 'operating', facilities: 1 },
      ]);
    });

    it('counts facilities by status on the date and sums only operating capacity', async () => {
      const organisationId = await organisation(civil);
      const id = await facility(civil, {
        organisationId,
        regionCode: '340603002',
        facilityType: 'day_care_centre',
        ownership: 'public',
      });
      await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2020-01-01',
        operatingStatus: 'operating',
        bedsTotal: 20,
      });
      await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2022-01-01',
        operatingStatus: 'suspended',
      });
      const during = await capacityAsOf(server.database.db, '340603002', '2022-06-01', {
        organisationIds: [organisationId],
      });
      assert.equal(during.totals.bedsTotal, 0);
      assert.deepEqual(during.facilityCounts, [
        { facilityType: 'day_care_centre', ownership: 'public', operatingStatus: 'suspended', facilities: 1 },
      ]);
      const list = await civil.request(
        'GET',
        `/api/facilities?region=340603002&status=suspended&organisationId=${organisationId}`,
      );
      assert.deepEqual(
        list.body.facilities.map((f: { id: number }) => f.id),
        [id],
      );
    });

    it('refuses overlapping periods: the database itself, and the API with 409 instead of 500', async () => {
      const organisationId = await organisation(civil);
      const id = await facility(civil, { organisationId, facilityType: 'care_home', ownership: 'private' });
      await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2019-01-01',
        operatingStatus: 'operating',
        bedsTotal: 50,
      });
      await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2021-01-01',
        bedsTotal: 60,
      });
      const before = await count('facility_capacity');

      const sameDay = await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2021-01-01',
        bedsTotal: 70,
      });
      assert.equal(sameDay.status, 409);
      assert.equal(sameDay.body.error.fields[0].path, 'body.validFrom');
      const intoClosed = await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2020-01-01',
        bedsTotal: 70,
      });
      assert.equal(intoClosed.status, 409);
      const backwards = await civil.request('POST', `/api/facilities/${id}/capacity`, {
        validFrom: '2023-01-01',
        validTo: '2022-01-01',
      });
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error.fields[0].path, 'body.validTo');
      assert.equal(await count('facility_capacity'), before, 'nothing written');

      await assert.rejects(
        sql`INSERT INTO facility_capacity (region_code, facility_id, valid_during, operating_status)
            VALUES ('340603', ${id}, daterange('2020-06-01', '2020-07-01'), 'operating')`.execute(
          server.database.db,
        ),
        (error: { code?: string }) => error.code === '23P01',
      );
    });

    it('refuses beds for a childcare facility and places beyond the whole, naming the field', async () => {
      const organisationId = await organisation(civil);
      const nursery = await facility(health, {
        organisationId,
        facilityType: 'community_childcare_point',
        ownership: 'private',
      });
      const beds = await health.request('POST', `/api/facilities/${nursery}/capacity`, {
        validFrom: '2022-01-01',
        operatingStatus: 'operating',
        bedsTotal: 10,
      });
      assert.equal(beds.status, 400);
      assert.equal(beds.body.error.fields[0].path, 'body.bedsTotal');
      const places = await health.request('POST', `/api/facilities/${nursery}/capacity`, {
        validFrom: '2022-01-01',
        operatingStatus: 'operating',
        placesYoungToddler: 15,
        placesOlderToddler: 20,
        placesInclusive: 20,
        inclusive: true,
      });
      assert.equal(places.status, 201, JSON.stringify(places.body));
      const summary = await health.request(
        'GET',
        `/api/providers/capacity?region=340603&asOf=2022-02-01&organisationId=${organisationId}`,
      );
      assert.deepEqual(summary.body.domains, ['childcare']);
      const point = summary.body.byType.find(
        (t: { facilityType: string }) => t.facilityType === 'community_childcare_point',
      );
      assert.equal(point.places, 35);
      assert.equal(point.placesInclusive, 20);
      assert.equal(point.inclusiveFacilities, 1);
      assert.ok(summary.body.byType.every((t: { domain: string }) => t.domain === 'childcare'));
      const civilSummary = await civil.request(
        'GET',
        '/api/providers/capacity?region=340603&asOf=2022-02-01',
      );
      assert.deepEqual(civilSummary.body.domains, ['elderly_care']);
      assert.equal(civilSummary.body.totals.places, 0);
      const planningSummary = await planning.request(
        'GET',
        `/api/providers/capacity?region=340603&asOf=2022-02-01&organisationId=${organisationId}`,
      );
      assert.deepEqual(planningSummary.body.domains, ['elderly_care', 'childcare']);
      assert.equal(planningSummary.body.totals.places, 35);
    });
  });

  describe('provider users', () => {
    it("manage their own organisation's facilities and capacity, and find no other organisation's", async () => {
      const mine = await facility(
        provider,
        { facilityType: 'care_home', ownership: 'private' },
        '/api/provider/facilities',
      );
      const capacity = await provider.request('POST', `/api/provider/facilities/${mine}/capacity`, {
        validFrom: '2023-01-01',
        operatingStatus: 'operating',
        bedsTotal: 80,
      });
      assert.equal(capacity.status, 201, JSON.stringify(capacity.body));
      assert.equal(
        (await provider.request('GET', `/api/provider/facilities/${mine}`)).body.organisationId,
        providerOrganisationId,
      );

      const other = await organisation(civil);
      const theirs = await facility(civil, {
        organisationId: other,
        facilityType: 'care_home',
        ownership: 'private',
      });
      for (const [method, url, body] of [
        ['GET', `/api/provider/facilities/${theirs}`, undefined],
        ['GET', `/api/provider/facilities/${theirs}/capacity-history`, undefined],
        ['PATCH', `/api/provider/facilities/${theirs}`, { name: '抢注' }],
        ['POST', `/api/provider/facilities/${theirs}/capacity`, { validFrom: '2024-01-01', bedsTotal: 1 }],
        ['DELETE', `/api/provider/facilities/${theirs}`, undefined],
      ] as const) {
        const reply = await provider.request(method, url, body);
        assert.equal(reply.status, 404, `${method} ${url} answered ${reply.status}`);
      }
      const list = await provider.request('GET', '/api/provider/facilities');
      assert.ok(list.body.facilities.length >= 1);
      assert.ok(
        list.body.facilities.every(
          (f: { organisationId: number }) => f.organisationId === providerOrganisationId,
        ),
      );
      const foreign = await provider.request('POST', '/api/provider/facilities', {
        organisationId: other,
        regionCode: '340603',
        name: '替别人登记',
        facilityType: 'meal_point',
        ownership: 'private',
        address: '相山区',
      });
      assert.equal(foreign.status, 403);
      // Government routes stay closed to provider users.
      assert.equal((await provider.request('GET', `/api/facilities/${mine}`)).status, 403);
    });
  });

  it("a provider staff account reads its organisation's facilities but changes nothing", async () => {
    const { hashPassword } = await import('../accounts/password.ts');
    const db = server.database.db;
    const account = await db
      .insertInto('account')
      .values({
        username: 'provider.clerk',
        display_name: '康乐养老院 文员',
        principal_type: 'provider',
        password_hash: await hashPassword('laoyou2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('account_role')
      .values({ account_id: account.id, role: 'provider_staff', organisation_id: providerOrganisationId })
      .execute();
    const clerk = await logIn(server.app, 'provider.clerk');
    const mine = await facility(
      provider,
      { facilityType: 'meal_point', ownership: 'private' },
      '/api/provider/facilities',
    );
    assert.equal((await clerk.request('GET', `/api/provider/facilities/${mine}`)).status, 200);
    assert.equal(
      (await clerk.request('PATCH', `/api/provider/facilities/${mine}`, { name: '改名' })).status,
      403,
    );
    const capacity = await clerk.request('POST', `/api/provider/facilities/${mine}/capacity`, {
      validFrom: '2024-01-01',
      operatingStatus: 'operating',
    });
    assert.equal(capacity.status, 403);
    const create = await clerk.request('POST', '/api/provider/facilities', {
      regionCode: '340603',
      name: '文员登记',
      facilityType: 'meal_point',
      ownership: 'private',
      address: '相山区',
    });
    assert.equal(create.status, 403);
  });

  it('audits every write with ids, never names', async () => {
    const organisationId = await organisation(civil);
    const id = await facility(civil, { organisationId, facilityType: 'meal_point', ownership: 'private' });
    await civil.request('POST', `/api/facilities/${id}/capacity`, {
      validFrom: '2024-01-01',
      operatingStatus: 'operating',
    });
    await civil.request('POST', `/api/facilities/${id}/capacity`, {
      validFrom: '2024-06-01',
      operatingStatus: 'closed',
    });
    const { rows } = await sql<{ action: string; entity: string; entity_id: string; detail: unknown }>`
      SELECT action, entity, entity_id, detail FROM audit_entry
      WHERE entity IN ('organisation', 'facility', 'facility_capacity') ORDER BY id`.execute(
      server.database.db,
    );
    const facilityEntries = rows.filter((row) => row.entity === 'facility' && row.entity_id === String(id));
    assert.deepEqual(
      facilityEntries.map((row) => row.action),
      ['create'],
    );
    const capacityEntries = rows.filter(
      (row) =>
        row.entity === 'facility_capacity' && (row.detail as { facilityId?: number }).facilityId === id,
    );
    assert.deepEqual(
      capacityEntries.map((row) => row.action),
      ['create', 'update', 'create'],
    );
    assert.ok(rows.some((row) => row.entity === 'organisation' && row.entity_id === String(organisationId)));
    assert.doesNotMatch(JSON.stringify(rows.map((row) => row.detail)), /测试|有限公司|相山区测试路/);
  });
});
