// Provider users export their own organisation's lists (facilities, staff, capacity), never another's, masked and
// audited; government users export a facility's capacity history and every facility's capacity on a chosen date.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import { preparedFiling } from '../filing/test-support.ts';
import { logInAll, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { intakeClient } from './intake-test-support.ts';

describe('provider exports and capacity exports', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let provider: Session;
  let rival: Session;
  let rivalClerk: Session;
  let civil: Session;
  let health: Session;
  let ownHome = 0;
  let rivalNursery = 0;
  let rivalOrganisation = 0;
  let ownFiling = 0;
  let rivalFiling = 0;

  /** A sheet as { header, rows } with each row keyed by its header. */
  const sheet = (session: Session, url: string) => client.sheet(session, url);

  const account = (username: string, role: 'provider_admin' | 'provider_staff', organisationId: number) =>
    client.user(username, 'provider', role, { organisation_id: organisationId });

  const created = async (reply: Promise<{ status: number; body: any }>) => {
    const { status, body } = await reply;
    assert.equal(status, 201, JSON.stringify(body));
    return body;
  };

  before(async () => {
    server = await startTestServer({ web: false });
    client = intakeClient(server);
    const organisation = await server.database.db
      .insertInto('organisation')
      .values({ region_code: '340602', uscc: makeUscc('52340602MJC00077X'), name: '杜集区导出测试托育中心' })
      .returning('id')
      .executeTakeFirstOrThrow();
    [provider, civil, health] = await logInAll(server.app, ['provider.demo', 'city.civil', 'city.health']);
    rivalOrganisation = organisation.id;
    rival = await account('export.rival', 'provider_admin', organisation.id);
    rivalClerk = await account('export.rival.clerk', 'provider_staff', organisation.id);

    ownHome = (
      await created(
        provider.request('POST', '/api/provider/facilities', {
          regionCode: '340603001',
          name: '导出测试自家养老院',
          facilityType: 'care_home',
          ownership: 'private',
          address: '淮北市相山区导出路1号',
        }),
      )
    ).id;
    await created(
      provider.request('POST', `/api/provider/facilities/${ownHome}/capacity`, {
        validFrom: '2020-01-01',
        operatingStatus: 'operating',
        bedsTotal: 80,
        bedsNursing: 40,
      }),
    );
    await created(
      provider.request('POST', `/api/provider/facilities/${ownHome}/capacity`, {
        validFrom: '2021-07-01',
        bedsTotal: 120,
        bedsNursing: 70,
      }),
    );
    await created(
      provider.request('POST', '/api/provider/staff', {
        name: '导出测试护理员',
        role: 'carer',
        facilityId: ownHome,
        employedFrom: '2020-03-01',
        idNumber: makeIdNumber('340603', '1970-01-01', 17),
      }),
    );

    rivalNursery = (
      await created(
        rival.request('POST', '/api/provider/facilities', {
          regionCode: '340602',
          name: '导出测试别家托育园',
          facilityType: 'childcare_institution',
          ownership: 'private',
          address: '淮北市杜集区导出路2号',
        }),
      )
    ).id;
    await created(
      rival.request('POST', `/api/provider/facilities/${rivalNursery}/capacity`, {
        validFrom: '2020-06-01',
        operatingStatus: 'operating',
        placesYoungToddler: 30,
      }),
    );
    await created(
      rival.request('POST', '/api/provider/staff', {
        name: '导出测试别家保育员',
        role: 'childcare_worker',
        facilityId: rivalNursery,
        employedFrom: '2020-06-01',
      }),
    );
    ownFiling = await preparedFiling(provider, ownHome, 'elderly_care');
    rivalFiling = await preparedFiling(rival, rivalNursery, 'childcare');
  });
  after(() => server?.close());

  it("a provider's facility, staff and capacity exports hold only its own organisation's rows", async () => {
    const own = await provider.request('GET', '/api/provider/facilities?pageSize=200');
    const facilities = await sheet(provider, '/api/provider/export/facilities.xlsx');
    assert.deepEqual(
      facilities.map((row) => row['系统编号']).sort(),
      own.body.facilities.map((f: { id: number }) => f.id).sort(),
      'every own facility, nothing else',
    );
    assert.ok(!facilities.some((row) => row['设施名称'] === '导出测试别家托育园'));
    assert.equal(facilities.find((row) => row['系统编号'] === ownHome)!['床位总数'], 120);

    const staff = await sheet(provider, '/api/provider/export/staff.xlsx');
    assert.ok(staff.some((row) => row['姓名'] === '导出测试护理员'));
    assert.ok(
      !staff.some((row) => row['姓名'] === '导出测试别家保育员'),
      "never another organisation's staff",
    );
    const ids = staff.map((row) => row['身份证号码（脱敏）']).filter((id) => id !== undefined && id !== null);
    assert.ok(ids.length > 0 && ids.every((id) => /\*/.test(String(id))), 'ID numbers masked');

    const capacity = await sheet(provider, '/api/provider/export/capacity.xlsx');
    assert.ok(capacity.some((row) => row['设施名称'] === '导出测试自家养老院'));
    assert.ok(!capacity.some((row) => row['设施名称'] === '导出测试别家托育园'));

    // Naming the other organisation's facility, in a filter or a path, still yields none of its rows.
    assert.deepEqual(
      await sheet(provider, `/api/provider/export/capacity.xlsx?facilityId=${rivalNursery}`),
      [],
    );
    assert.deepEqual(
      await sheet(provider, `/api/provider/export/facilities.xlsx?organisationId=${rivalOrganisation}`),
      [],
    );
    const foreign = await client.download(
      provider,
      `/api/provider/export/facilities/${rivalNursery}/capacity-history.xlsx`,
    );
    assert.equal(foreign.status, 404);

    const filings = await sheet(provider, '/api/provider/export/filings.xlsx');
    const listed = await provider.request('GET', '/api/provider/filings?pageSize=200');
    assert.deepEqual(
      filings.map((row) => row['备案编号（系统）']),
      listed.body.filings.map((f: { id: number }) => f.id),
      'the same filings as the list, newest first',
    );
    assert.ok(filings.some((row) => row['备案编号（系统）'] === ownFiling));
    assert.deepEqual(
      (await sheet(rival, '/api/provider/export/filings.xlsx')).map((row) => row['备案编号（系统）']),
      [rivalFiling],
      'its own filing, none of the demo provider’s',
    );

    // And the other provider sees its own, not the demo's.
    const theirs = await sheet(rival, '/api/provider/export/facilities.xlsx');
    assert.deepEqual(
      theirs.map((row) => row['设施名称']),
      ['导出测试别家托育园'],
    );
  });

  it('provider exports are audited with the organisations and row count; staff export what they read', async () => {
    await sheet(rival, '/api/provider/export/staff.xlsx');
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['detail', 'account_id'])
      .where('entity', '=', 'staff_member')
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const detail = audit.detail as { rows: number; organisationIds: number[] };
    assert.equal(detail.rows, 1);
    assert.equal(detail.organisationIds.length, 1);
    // A staff account reads its organisation's staff and capacity, so it exports them; filings are its admin's.
    assert.equal((await client.download(rivalClerk, '/api/provider/export/staff.xlsx')).status, 200);
    assert.equal((await client.download(rivalClerk, '/api/provider/export/capacity.xlsx')).status, 200);
    assert.equal((await client.download(rivalClerk, '/api/provider/export/filings.xlsx')).status, 403);
    // Government users have their own exports; the provider ones are not theirs.
    assert.equal((await client.download(civil, '/api/provider/export/facilities.xlsx')).status, 403);
  });

  it("a facility's capacity history exports every period with its first and last day", async () => {
    const rows = await sheet(civil, `/api/export/facilities/${ownHome}/capacity-history.xlsx`);
    assert.deepEqual(
      rows.map((row) => [
        row['起始日期'],
        row['截止日期（含当日；空为至今）'],
        row['床位总数'],
        row['护理型床位'],
      ]),
      [
        ['2020-01-01', '2021-06-30', 80, 40],
        ['2021-07-01', undefined, 120, 70],
      ],
    );
    assert.equal(rows[0]['运营状态'], '运营中');
    const own = await sheet(provider, `/api/provider/export/facilities/${ownHome}/capacity-history.xlsx`);
    assert.equal(own.length, 2);
    // The health commission does not reach a care home.
    assert.equal(
      (await client.download(health, `/api/export/facilities/${ownHome}/capacity-history.xlsx`)).status,
      404,
    );
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['entity_id', 'detail'])
      .where('entity', '=', 'facility_capacity')
      .where('action', '=', 'export')
      .where('entity_id', '=', String(ownHome))
      .execute();
    assert.equal(audit.length, 2);
  });

  it('capacity as of a date: every facility in scope with the figures of that date', async () => {
    const before = await sheet(civil, '/api/export/capacity.xlsx?region=3406&asOf=2021-06-30');
    const later = await sheet(civil, '/api/export/capacity.xlsx?region=3406&asOf=2021-07-01');
    const home = (rows: Record<string, unknown>[]) => rows.find((row) => row['设施系统编号'] === ownHome);
    assert.equal(home(before)!['床位总数'], 80);
    assert.equal(home(later)!['床位总数'], 120);
    assert.ok(!before.some((row) => String(row['设施类型']).includes('托')), 'civil affairs: no childcare');
    const early = await sheet(civil, '/api/export/capacity.xlsx?region=3406&asOf=2019-12-31');
    assert.equal(home(early), undefined, 'a facility without capacity on the date is not listed');

    // The sum of the sheet is the summary the console shows for the same date.
    const summary = await civil.request('GET', '/api/providers/capacity?region=3406&asOf=2021-07-01');
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    const beds = later.reduce((sum, row) => sum + Number(row['床位总数'] ?? 0), 0);
    assert.equal(beds, summary.body.totals.bedsTotal);
    assert.equal(later.length, summary.body.totals.facilities);

    const nurseries = await sheet(health, '/api/export/capacity.xlsx?region=340602&asOf=2021-01-01');
    const nursery = nurseries.find((row) => row['设施系统编号'] === rivalNursery);
    assert.equal(nursery!['托小班托位'], 30);
    const xiangshan = await client.governmentUser('export.cap.xiangshan', 'officer', '340603');
    assert.equal((await client.download(xiangshan, '/api/export/capacity.xlsx?region=340602')).status, 403);
    assert.equal(
      (await client.download(civil, '/api/export/capacity.xlsx?region=3406&asOf=2021-13-01')).status,
      400,
    );
  });
});
