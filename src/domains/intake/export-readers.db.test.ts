// Every list a user can see exports to Excel (issue 3), and no other: an export needs the permission of the list it
// exports, masks as the list does and is audited. Provider staff export their own organisation's facilities, staff
// and capacity; government viewers export what they read, ID numbers masked; planning never exports persons.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import type { RoleName } from '../accounts/tables.ts';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type AccountPlace, type TestServer } from '../../../test/helpers/server.ts';
import { intakeClient, XIANGNAN } from './intake-test-support.ts';

/** Each export and the list it exports: the two must declare the same access. */
const EXPORTED_LISTS: [string, string][] = [
  ['/api/export/people.xlsx', '/api/people'],
  ['/api/export/households.xlsx', '/api/households'],
  ['/api/export/population-figures.xlsx', '/api/population/figures'],
  ['/api/export/organisations.xlsx', '/api/organisations'],
  ['/api/export/facilities.xlsx', '/api/facilities'],
  ['/api/export/facilities/:id/capacity-history.xlsx', '/api/facilities/:id/capacity-history'],
  ['/api/export/capacity.xlsx', '/api/providers/capacity'],
  ['/api/export/staff.xlsx', '/api/staff'],
  ['/api/export/filings.xlsx', '/api/filings'],
  ['/api/provider/export/facilities.xlsx', '/api/provider/facilities'],
  [
    '/api/provider/export/facilities/:id/capacity-history.xlsx',
    '/api/provider/facilities/:id/capacity-history',
  ],
  ['/api/provider/export/capacity.xlsx', '/api/provider/facilities/:id/capacity-history'],
  ['/api/provider/export/staff.xlsx', '/api/provider/staff'],
  ['/api/provider/export/filings.xlsx', '/api/provider/filings'],
];

describe('whoever reads a list exports it', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let provider: Session;
  let clerk: Session;
  let rivalClerk: Session;
  let viewer: Session;
  let planningViewer: Session;
  let planningOfficer: Session;
  let demoOrganisation = 0;
  let rivalOrganisation = 0;
  let rivalHome = 0;
  const accountIds = new Map<string, number>();

  const account = async (
    username: string,
    principalType: 'government' | 'provider',
    role: RoleName,
    place: AccountPlace,
  ) => {
    const session = await client.user(username, principalType, role, place);
    accountIds.set(username, session.accountId);
    return session;
  };

  /** A sheet as rows keyed by the header. */
  const sheet = (session: Session, url: string) => client.sheet(session, url);
  const status = async (session: Session, url: string) => (await client.download(session, url)).status;

  const exportsAudited = async (username: string) =>
    server.database.db
      .selectFrom('audit_entry')
      .select(['entity', 'region_code', 'detail'])
      .where('account_id', '=', accountIds.get(username)!)
      .where('action', '=', 'export')
      .orderBy('id')
      .execute();

  before(async () => {
    server = await startTestServer({ web: false });
    client = intakeClient(server);
    provider = await logIn(server.app, 'provider.demo');
    demoOrganisation = (await provider.request('GET', '/api/provider/organisations')).body.organisations[0]
      .id;
    const demoHome = (
      await provider.request('POST', '/api/provider/facilities', {
        regionCode: '340603001',
        name: '导出读者测试养老院',
        facilityType: 'care_home',
        ownership: 'private',
        address: '淮北市相山区读者路1号',
      })
    ).body.id;
    const carer = await provider.request('POST', '/api/provider/staff', {
      name: '导出读者测试护理员',
      role: 'carer',
      facilityId: demoHome,
      employedFrom: '2020-03-01',
      idNumber: makeIdNumber('340603', '1971-02-03', 18),
    });
    assert.equal(carer.status, 201, JSON.stringify(carer.body));

    rivalOrganisation = Number(
      (
        await server.database.db
          .insertInto('organisation')
          .values({
            region_code: '340602',
            uscc: makeUscc('52340602MJC00088X'),
            name: '杜集区读者测试养老院',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const rival = await account('readers.rival', 'provider', 'provider_admin', {
      organisation_id: rivalOrganisation,
    });
    rivalHome = (
      await rival.request('POST', '/api/provider/facilities', {
        regionCode: '340602',
        name: '导出读者别家养老院',
        facilityType: 'care_home',
        ownership: 'private',
        address: '淮北市杜集区读者路2号',
      })
    ).body.id;
    await rival.request('POST', '/api/provider/staff', {
      name: '导出读者别家护理员',
      role: 'carer',
      facilityId: rivalHome,
      employedFrom: '2021-01-01',
    });

    clerk = await account('readers.clerk', 'provider', 'provider_staff', {
      organisation_id: demoOrganisation,
    });
    rivalClerk = await account('readers.rival.clerk', 'provider', 'provider_staff', {
      organisation_id: rivalOrganisation,
    });
    viewer = await account('readers.viewer', 'government', 'viewer', {
      region_code: '340603',
      domain: 'elderly_care',
    });
    planningViewer = await account('readers.planning.viewer', 'government', 'viewer', {
      region_code: '3406',
      domain: 'planning',
    });
    planningOfficer = await account('readers.planning.officer', 'government', 'officer', {
      region_code: '3406',
      domain: 'planning',
    });
  });
  after(() => server?.close());

  it('every export declares the access of the list it exports', () => {
    const access = (url: string) => {
      const route = server.app.routeTable.find((r) => r.method === 'GET' && r.url === url);
      assert.ok(route, `GET ${url} is registered`);
      return route.access;
    };
    const exports = server.app.routeTable.filter((r) => r.url.includes('/export/')).map((r) => r.url);
    assert.deepEqual(
      exports.sort(),
      EXPORTED_LISTS.map(([url]) => url).sort(),
      'every export is paired with its list',
    );
    for (const [exportUrl, listUrl] of EXPORTED_LISTS) {
      assert.deepEqual(
        access(exportUrl),
        access(listUrl),
        `${exportUrl} is open to whoever reads ${listUrl}`,
      );
    }
  });

  it("provider staff export their own organisation's facilities, staff and capacity, masked and audited", async () => {
    const listed = await clerk.request('GET', '/api/provider/facilities?pageSize=200');
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const facilities = await sheet(clerk, '/api/provider/export/facilities.xlsx');
    assert.deepEqual(
      facilities.map((row) => row['系统编号']).sort(),
      listed.body.facilities.map((f: { id: number }) => f.id).sort(),
      'the same facilities as the list',
    );
    assert.ok(facilities.some((row) => row['设施名称'] === '导出读者测试养老院'));
    assert.ok(!facilities.some((row) => row['设施名称'] === '导出读者别家养老院'));

    const staff = await sheet(clerk, '/api/provider/export/staff.xlsx');
    assert.ok(staff.some((row) => row['姓名'] === '导出读者测试护理员'));
    assert.ok(
      !staff.some((row) => row['姓名'] === '导出读者别家护理员'),
      "never another organisation's staff",
    );
    const ids = staff.map((row) => row['身份证号码（脱敏）']).filter((id) => id !== undefined && id !== null);
    assert.ok(ids.length > 0 && ids.every((id) => /\*/.test(String(id))), 'ID numbers masked');

    const capacity = await client.download(clerk, '/api/provider/export/capacity.xlsx');
    assert.equal(capacity.status, 200, capacity.body);

    // Another organisation's records stay out of reach, by filter or by path.
    assert.deepEqual(
      await sheet(clerk, `/api/provider/export/facilities.xlsx?organisationId=${rivalOrganisation}`),
      [],
    );
    assert.equal(
      await status(clerk, `/api/provider/export/facilities/${rivalHome}/capacity-history.xlsx`),
      404,
    );
    const theirs = await sheet(rivalClerk, '/api/provider/export/staff.xlsx');
    assert.deepEqual(
      theirs.map((row) => row['姓名']),
      ['导出读者别家护理员'],
      'the other clerk exports its own organisation only',
    );

    // Provider staff do not see the filings list, so they do not export it either; government exports are not theirs.
    assert.equal((await clerk.request('GET', '/api/provider/filings')).status, 403);
    assert.equal(await status(clerk, '/api/provider/export/filings.xlsx'), 403);
    assert.equal(await status(clerk, '/api/export/facilities.xlsx?region=340603'), 403);

    const audit = await exportsAudited('readers.clerk');
    assert.deepEqual(
      audit.map((entry) => entry.entity),
      ['facility', 'staff_member', 'facility_capacity', 'facility'],
      'each export audited, refusals not',
    );
    for (const entry of audit) {
      assert.deepEqual((entry.detail as { organisationIds: number[] }).organisationIds, [demoOrganisation]);
    }
    assert.equal((audit[1].detail as { rows: number }).rows, staff.length);
  });

  it('a viewer exports the people list it reads, ID numbers masked, and is refused full numbers', async () => {
    const listed = await viewer.request('GET', `/api/people?region=${XIANGNAN}&pageSize=200`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const people = await sheet(viewer, `/api/export/people.xlsx?region=${XIANGNAN}`);
    assert.ok(people.length > 0, 'the demo community has people');
    if (listed.body.totalIsExact) assert.equal(people.length, listed.body.total, 'every page of the list');
    const ids = people.map((row) => row['身份证号码']).filter((id) => id !== undefined && id !== null);
    assert.ok(ids.length > 0 && ids.every((id) => /\*/.test(String(id))), 'ID numbers masked');
    assert.equal(
      await status(viewer, `/api/export/people.xlsx?region=${XIANGNAN}&full=true`),
      403,
      'a viewer without people.read_id_number never gets full numbers',
    );
    // Only within its district, as the list.
    assert.equal((await viewer.request('GET', '/api/people?region=340602')).status, 403);
    assert.equal(await status(viewer, '/api/export/people.xlsx?region=340602'), 403);
    // The other lists it reads export too.
    assert.ok((await sheet(viewer, '/api/export/households.xlsx?region=340603')).length >= 0);
    assert.ok((await sheet(viewer, '/api/export/staff.xlsx?region=340603')).length > 0);
    assert.ok((await sheet(viewer, '/api/export/organisations.xlsx?region=340603')).length > 0);
    assert.ok((await sheet(viewer, '/api/export/population-figures.xlsx?region=340603')).length >= 0);
    // It reviews no filings, so it neither lists nor exports them.
    assert.equal((await viewer.request('GET', '/api/filings?region=340603')).status, 403);
    assert.equal(await status(viewer, '/api/export/filings.xlsx?region=340603'), 403);

    const audit = await exportsAudited('readers.viewer');
    assert.deepEqual(
      audit.map((entry) => [entry.entity, entry.region_code]),
      [
        ['person', XIANGNAN],
        ['household', '340603'],
        ['staff_member', '340603'],
        ['organisation', '340603'],
        ['population_figure', '340603'],
      ],
    );
    assert.deepEqual(
      [(audit[0].detail as { full: boolean }).full, (audit[0].detail as { rows: number }).rows],
      [false, people.length],
    );
  });

  it('planning exports the statistics and providers it reads, never persons', async () => {
    for (const session of [planningViewer, planningOfficer]) {
      assert.equal(await status(session, `/api/export/people.xlsx?region=${XIANGNAN}`), 403);
      assert.equal(await status(session, '/api/export/households.xlsx?region=3406'), 403);
      assert.equal(await status(session, '/api/export/staff.xlsx?region=3406'), 403);
      assert.equal(await status(session, '/api/export/filings.xlsx?region=3406'), 403);
    }
    assert.ok((await sheet(planningViewer, '/api/export/organisations.xlsx?region=3406')).length > 0);
    assert.ok((await sheet(planningViewer, '/api/export/population-figures.xlsx?region=3406')).length > 0);
    const audit = await exportsAudited('readers.planning.viewer');
    assert.deepEqual(
      audit.map((entry) => entry.entity),
      ['organisation', 'population_figure'],
    );
    assert.deepEqual(await exportsAudited('readers.planning.officer'), []);
  });
});
