// 床位托位 intake: capacity periods by facility and start date, closing the open period, correcting a period that
// starts on the same day, idempotent on re-upload, every rule a Chinese reason, all or nothing, and the uploader's
// region, domain or organisation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { makeUscc } from '../../shared/uscc.ts';
import { csv, intakeClient, readWorkbook, rowsOf, XIANGNAN } from './intake-test-support.ts';

const NOW = new Date('2026-01-15T04:00:00Z');
const HEADER = ['运营机构统一社会信用代码', '设施名称', '起始日期', '运营状态', '床位总数', '护理型床位'];
const PLACES_HEADER = [...HEADER, '乳儿班托位', '托小班托位', '普惠性托位', '普惠性', '等级'];

describe('capacity intake (床位托位)', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let admin: Session;
  const uscc = makeUscc('52340603MJ7654321');
  let homeId: number;
  let nurseryId: number;

  const history = async (facilityId: number) =>
    (
      await sql<{ from: string; to: string | null; beds: number; status: string }>`
        SELECT lower(valid_during)::text AS from, upper(valid_during)::text AS to, beds_total AS beds,
               operating_status AS status
        FROM facility_capacity WHERE facility_id = ${facilityId} ORDER BY lower(valid_during)`.execute(
        server.database.db,
      )
    ).rows.map((row) => [row.from, row.to, row.beds, row.status]);

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    client = intakeClient(server);
    admin = await client.governmentUser('capacity.admin', 'platform_admin', null);
    const db = server.database.db;
    const org = await db
      .insertInto('organisation')
      .values({ uscc, name: '床位测试养老服务中心', region_code: '340603' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const facility = (name: string, facility_type: string) =>
      db
        .insertInto('facility')
        .values({
          organisation_id: org.id,
          name,
          facility_type: facility_type as 'care_home',
          region_code: XIANGNAN,
          ownership: 'private',
          address: '春秋路9号',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    homeId = (await facility('春秋颐养院', 'care_home')).id;
    nurseryId = (await facility('春秋托育园', 'childcare_institution')).id;
  });
  after(() => server?.close());

  it('offers a template with the status dropdown and instructions on periods', async () => {
    const reply = await client.download(admin, '/api/intake/capacity/template');
    assert.equal(reply.status, 200);
    const workbook = await readWorkbook(reply.payload);
    assert.equal(workbook.worksheets[0].name, '床位托位');
    assert.deepEqual(rowsOf(workbook.worksheets[0])[0].slice(0, 4), HEADER.slice(0, 4));
    const validations = (workbook.worksheets[0] as any).dataValidations.model;
    assert.equal(validations.D2.type, 'list', 'operating status is a dropdown');
    const text = rowsOf(workbook.getWorksheet('说明')!)
      .map((row) => row.join(' '))
      .join('\n');
    assert.match(text, /前一天结束/);
    assert.match(text, /起始日期相同的行视为更正/);
  });

  it('records periods, closes the open one, corrects a same-day period and changes nothing on re-upload', async () => {
    const file = csv([
      HEADER,
      [uscc, '春秋颐养院', '2024-01-01', '运营中', 100, 60],
      [uscc, '春秋颐养院', '2025-01-01', '运营中', 120, 70],
    ]);
    const first = await client.intake(admin, 'capacity', file);
    assert.deepEqual(
      [first.status, first.rowsCreated, first.rowsUpdated],
      ['done', 2, 0],
      JSON.stringify(first),
    );
    assert.deepEqual(await history(homeId), [
      ['2024-01-01', '2025-01-01', 100, 'operating'],
      ['2025-01-01', null, 120, 'operating'],
    ]);

    const before = await client.digest('facility_capacity');
    const again = await client.intake(admin, 'capacity', file);
    assert.deepEqual(
      [again.status, again.rowsCreated, again.rowsUpdated, again.rowsUnchanged],
      ['done', 0, 0, 2],
    );
    assert.deepEqual(await client.digest('facility_capacity'), before, 're-upload changes nothing');

    const change = await client.intake(
      admin,
      'capacity',
      csv([HEADER, [uscc, '春秋颐养院', '2025-07-01', '暂停运营', 120, 70]]),
    );
    assert.deepEqual([change.status, change.rowsCreated], ['done', 1]);
    const correction = await client.intake(
      admin,
      'capacity',
      csv([HEADER, [uscc, '春秋颐养院', '2025-01-01', '运营中', 130, 70]]),
    );
    assert.deepEqual([correction.status, correction.rowsCreated, correction.rowsUpdated], ['done', 0, 1]);
    assert.deepEqual(await history(homeId), [
      ['2024-01-01', '2025-01-01', 100, 'operating'],
      ['2025-01-01', '2025-07-01', 130, 'operating'],
      ['2025-07-01', null, 120, 'suspended'],
    ]);
    const baseline = await client.intake(
      admin,
      'capacity',
      csv([HEADER, [uscc, '春秋颐养院', '2020-06-01', '筹建中', 0, 0]]),
    );
    assert.equal(baseline.status, 'done');
    assert.deepEqual(
      (await history(homeId))[0],
      ['2020-06-01', '2024-01-01', 0, 'preparing'],
      'ends at the next',
    );
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'region_code'])
      .where('entity', '=', 'facility_capacity')
      .execute();
    assert.ok(
      audit.some((entry) => entry.region_code === XIANGNAN),
      'writes are audited in the facility region',
    );
  });

  it('takes childcare places with classes, inclusive flag and grade', async () => {
    const job = await client.intake(
      admin,
      'capacity',
      csv([PLACES_HEADER, [uscc, '春秋托育园', '2025-09-01', '运营中', '', '', 10, 30, 20, '是', '3级']]),
    );
    assert.equal(job.status, 'done', JSON.stringify(job));
    const row = await server.database.db
      .selectFrom('facility_capacity')
      .select(['places_infant', 'places_young_toddler', 'places_inclusive', 'inclusive', 'grade'])
      .where('facility_id', '=', nurseryId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      places_infant: 10,
      places_young_toddler: 30,
      places_inclusive: 20,
      inclusive: true,
      grade: 3,
    });
  });

  it('refuses the whole file with a Chinese reason per rule', async () => {
    const before = await client.digest('facility_capacity');
    const job = await client.intake(
      admin,
      'capacity',
      csv([
        PLACES_HEADER,
        [uscc, '春秋颐养院', '2025-10-01', '运营中', 50, 10, '', '', '', '', ''], // 2: valid on its own
        [uscc, '春秋颐养院', '2025-11-01', '运营中', 50, 80, '', '', '', '', ''], // 3
        [uscc, '春秋颐养院', '2025-12-01', '运营中', 50, 0, 5, '', '', '', ''], // 4
        [uscc, '无此设施', '2025-10-01', '运营中', 50, 0, '', '', '', '', ''], // 5
        [uscc, '春秋颐养院', '2025-10-01', '运营中', 40, 0, '', '', '', '', ''], // 6
        [uscc, '春秋托育园', '2025-10-02', '运营中', 40, 0, '', '', '', '', ''], // 7
        [uscc, '春秋颐养院', '2024-06-01', '运营中', 40, 0, '', '', '', '', ''], // 8
        [uscc, '春秋颐养院', '2027-01-01', '运营中', 40, 0, '', '', '', '', ''], // 9
        [uscc, '春秋托育园', '2025-10-03', '运营中', '', '', 5, 5, 20, '', ''], // 10
        [uscc, '春秋颐养院', '2025-10-04', '开张', 40, 0, '', '', '', '', ''], // 11
      ]),
    );
    assert.equal(job.status, 'rejected');
    const problems = new Map(await client.problems(admin, job.id));
    assert.equal(problems.has(2), false);
    assert.match(problems.get(3)!, /「护理型床位」不能多于「床位总数」/);
    assert.match(problems.get(4)!, /不能同时登记养老床位和托位/);
    assert.match(problems.get(5)!, /名下名为「无此设施」的设施，请先登记该设施/);
    assert.match(problems.get(6)!, /与第2行重复（同一设施、同一起始日期）/);
    assert.match(problems.get(7)!, /托育服务设施不登记养老床位/);
    assert.match(problems.get(8)!, /落在该设施已结束的时段（2024-01-01至2024-12-31）之内/);
    assert.match(problems.get(9)!, /不能晚于今天/);
    assert.match(problems.get(10)!, /「普惠性托位」不能多于各班托位之和/);
    assert.match(problems.get(11)!, /「运营状态」应为以下之一/);
    assert.deepEqual(
      await client.digest('facility_capacity'),
      before,
      'nothing of a rejected file is applied',
    );
  });

  it("keeps officers to their district and department, and providers to their organisations' facilities", async () => {
    const row = [uscc, '春秋托育园', '2025-12-01', '运营中', '', '', 12, 30, 0, '', ''];
    const elderlyOfficer = await client.governmentUser(
      'capacity.xiangshan',
      'officer',
      '340603',
      'elderly_care',
    );
    const refused = await client.intake(elderlyOfficer, 'capacity', csv([PLACES_HEADER, row]));
    assert.equal(refused.status, 'rejected');
    assert.deepEqual(await client.problems(elderlyOfficer, refused.id), [
      [2, '该设施不在您管辖的地区或服务领域内，须由其主管部门办理'],
    ]);
    const dujiOfficer = await client.governmentUser('capacity.duji', 'officer', '340602', 'childcare');
    const elsewhere = await client.intake(dujiOfficer, 'capacity', csv([PLACES_HEADER, row]));
    assert.equal(elsewhere.status, 'rejected');
    const healthOfficer = await client.governmentUser('capacity.health', 'officer', '340603', 'childcare');
    const accepted = await client.intake(healthOfficer, 'capacity', csv([PLACES_HEADER, row]));
    assert.equal(accepted.status, 'done', JSON.stringify(accepted));

    const provider = await logIn(server.app, 'provider.demo');
    const refusedProvider = await client.intake(provider, 'capacity', csv([PLACES_HEADER, row]));
    assert.equal(refusedProvider.status, 'rejected');
    assert.deepEqual(await client.problems(provider, refusedProvider.id), [
      [2, '只能导入本机构设施的床位托位'],
    ]);
  });
});
