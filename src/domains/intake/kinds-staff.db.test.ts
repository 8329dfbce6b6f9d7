// 从业人员 intake: staff by organisation and ID number with a certificate and background checks, every rule a
// Chinese reason, all or nothing, idempotent, ID numbers sealed, and the uploader's region, domain or organisation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import { csv, intakeClient, readWorkbook, rowsOf, STAFF_HEADER, XIANGNAN } from './intake-test-support.ts';

const NOW = new Date('2026-01-15T04:00:00Z');
const HEADER = STAFF_HEADER;
type Cells = (string | number | null)[];
const blank = (n: number): Cells => Array<string>(n).fill('');

describe('staff intake (从业人员)', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let admin: Session;
  const uscc = makeUscc('52340603MJ7654322');
  const worker = makeIdNumber('340603', '1990-03-04', 12);
  const carer = makeIdNumber('340603', '1975-08-09', 21);
  const manager = makeIdNumber('340603', '1980-01-02', 33);

  const rows = (): Cells[] => [
    HEADER,
    [
      uscc,
      '阳光托育园',
      '王保育',
      worker,
      '保育人员',
      '',
      '2024-03-01',
      '',
      '保育师证',
      'BY-001',
      '淮北市人社局',
      '2023-06-01',
      '',
      '2025-12-01',
      '合格',
      '2026-11-30',
      '2025-12-02',
      '无记录',
    ],
    [
      uscc,
      '阳光颐养院',
      '李护理',
      carer,
      '养老护理员',
      '',
      '2020-05-01',
      '',
      '养老护理员证',
      'YL-002',
      '淮北市人社局',
      '2019-01-01',
      '',
      ...blank(5),
    ],
    [uscc, '', '赵院长', manager, '管理人员', '养老', '2018-01-01', ...blank(11)],
  ];

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    client = intakeClient(server);
    admin = await client.governmentUser('staff.admin', 'platform_admin', null);
    const db = server.database.db;
    const org = await db
      .insertInto('organisation')
      .values({ uscc, name: '阳光养育服务中心', region_code: '340603' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [name, type] of [
      ['阳光托育园', 'childcare_institution'],
      ['阳光颐养院', 'care_home'],
    ] as const) {
      await db
        .insertInto('facility')
        .values({
          organisation_id: org.id,
          name,
          facility_type: type,
          region_code: XIANGNAN,
          ownership: 'private',
          address: '阳光路1号',
        })
        .execute();
    }
  });
  after(() => server?.close());

  it('offers a template with role and certificate dropdowns and a 说明 sheet', async () => {
    const reply = await client.download(admin, '/api/intake/staff/template');
    assert.equal(reply.status, 200);
    const workbook = await readWorkbook(reply.payload);
    const sheet = workbook.worksheets[0];
    assert.deepEqual(rowsOf(sheet)[0], HEADER);
    assert.equal(sheet.getColumn(4).numFmt, '@', 'ID numbers are text cells');
    const validations = (sheet as any).dataValidations.model;
    assert.equal(validations.E2.type, 'list', 'role');
    assert.equal(validations.I2.type, 'list', 'certificate type');
    const text = rowsOf(workbook.getWorksheet('说明')!)
      .map((row) => row.join(' '))
      .join('\n');
    assert.match(text, /托育从业人员须有健康证明/);
  });

  it('registers staff with certificates and checks, seals ID numbers, and changes nothing on re-upload', async () => {
    const job = await client.intake(admin, 'staff', csv(rows()));
    assert.deepEqual([job.status, job.rowsCreated], ['done', 3], JSON.stringify(job));
    const db = server.database.db;
    const members = await db
      .selectFrom('staff_member')
      .select(['name', 'role', 'domain', 'region_code', 'facility_id', 'id_number_cipher', 'id_number_hash'])
      .where('organisation_id', 'in', (eb) =>
        eb.selectFrom('organisation').select('id').where('uscc', '=', uscc),
      )
      .orderBy('id')
      .execute();
    assert.deepEqual(
      members.map((m) => [m.name, m.role, m.domain, m.region_code, m.facility_id !== null]),
      [
        ['王保育', 'childcare_worker', 'childcare', XIANGNAN, true],
        ['李护理', 'carer', 'elderly_care', XIANGNAN, true],
        ['赵院长', 'manager', 'elderly_care', '340603', false],
      ],
    );
    assert.ok(members.every((m) => m.id_number_hash !== null));
    assert.ok(!members.some((m) => m.id_number_cipher!.toString('latin1').includes(worker.slice(0, 10))));
    const ours = async (table: string, column: string) =>
      (
        await sql<{ value: string }>`
          SELECT t.${sql.ref(column)} AS value FROM ${sql.table(table)} t
          JOIN staff_member m ON m.id = t.staff_id JOIN organisation o ON o.id = m.organisation_id
          WHERE o.uscc = ${uscc} ORDER BY 1`.execute(db)
      ).rows.map((row) => row.value);
    assert.deepEqual(await ours('staff_certificate', 'number'), ['BY-001', 'YL-002']);
    assert.deepEqual(await ours('staff_background_check', 'kind'), ['health_certificate', 'no_abuse_record']);

    const before = await Promise.all(
      ['staff_member', 'staff_certificate', 'staff_background_check'].map(client.digest),
    );
    const again = await client.intake(admin, 'staff', csv(rows()));
    assert.deepEqual(
      [again.status, again.rowsCreated, again.rowsUpdated, again.rowsUnchanged],
      ['done', 0, 0, 3],
    );
    assert.deepEqual(
      await Promise.all(['staff_member', 'staff_certificate', 'staff_background_check'].map(client.digest)),
      before,
    );

    const left = rows();
    left[3][7] = '2025-12-31';
    const changed = await client.intake(admin, 'staff', csv(left));
    assert.deepEqual([changed.status, changed.rowsCreated, changed.rowsUpdated], ['done', 0, 1]);
    const renewed = rows();
    renewed[1][13] = '2026-01-10';
    const recheck = await client.intake(admin, 'staff', csv(renewed));
    assert.deepEqual([recheck.status, recheck.rowsUpdated], ['done', 1], 'a new check updates the member');
    const manager = await db
      .selectFrom('staff_member')
      .select('employed_to')
      .where('name', '=', '赵院长')
      .executeTakeFirstOrThrow();
    assert.equal(manager.employed_to, '2025-12-31', 'a blank leaving date keeps the recorded one');
  });

  it('refuses the whole file with a Chinese reason per rule', async () => {
    const before = await client.digest('staff_member');
    const id = (seq: number) => makeIdNumber('340603', '1992-02-02', seq);
    const badId = id(50).slice(0, 17) + (id(50)[17] === '1' ? '2' : '1');
    const job = await client.intake(
      admin,
      'staff',
      csv([
        HEADER,
        [uscc, '阳光托育园', '甲', id(41), '养老护理员', '', '2024-01-01', ...blank(11)], // 2
        [uscc, '', '乙', id(42), '保育人员', '养老', '2024-01-01', ...blank(11)], // 3
        [uscc, '', '丙', id(43), '护士', '', '2024-01-01', ...blank(11)], // 4
        [uscc, '阳光托育园', '丁', id(44), '保育人员', '', '2024-01-01', '', '保育师证', 'X1', ...blank(8)], // 5
        [
          uscc,
          '阳光托育园',
          '戊',
          id(45),
          '保育人员',
          '',
          '2024-01-01',
          '',
          ...blank(5),
          '2025-01-01',
          '',
          '',
          '',
          '',
        ], // 6
        [uscc, '阳光托育园', '己', id(46), '保育人员', '', '2024-01-01', '2023-01-01', ...blank(10)], // 7
        [makeUscc('91340603MA7654323'), '', '庚', id(47), '管理人员', '托育', '2024-01-01', ...blank(11)], // 8
        [uscc, '阳光托育园', '辛', id(48), '保育人员', '', '2024-01-01', ...blank(11)], // 9
        [uscc, '阳光托育园', '辛', id(48), '保育人员', '', '2024-02-01', ...blank(11)], // 10
        [uscc, '阳光托育园', '壬', badId, '保育人员', '', '2024-01-01', ...blank(11)], // 11
        [uscc, '无此园', '癸', id(49), '保育人员', '', '2024-01-01', ...blank(11)], // 12
      ]),
    );
    assert.equal(job.status, 'rejected');
    const problems = new Map(await client.problems(admin, job.id));
    assert.match(problems.get(2)!, /养老护理员只能在养老服务设施中登记/);
    assert.match(problems.get(3)!, /保育人员只能在托育服务中登记/);
    assert.match(problems.get(4)!, /未填「所在设施名称」时须填写「服务领域」/);
    assert.match(problems.get(5)!, /须一并填写/);
    assert.match(problems.get(6)!, /「健康检查日期」与「健康检查结论」须同时填写/);
    assert.match(problems.get(7)!, /「离职日期」不能早于「入职日期」/);
    assert.match(problems.get(8)!, /请先登记该机构/);
    assert.equal(problems.has(9), false);
    assert.match(problems.get(10)!, /与第9行重复（同一机构、同一身份证号码）/);
    assert.match(problems.get(11)!, /「身份证号码」校验位不正确/);
    assert.match(problems.get(12)!, /请先登记该设施/);
    assert.deepEqual(await client.digest('staff_member'), before);
  });

  it("keeps officers to their district and department, and providers to their own organisations' staff", async () => {
    const id = makeIdNumber('340603', '1995-05-05', 61);
    const childcareRow: Cells = [
      uscc,
      '阳光托育园',
      '新保育',
      id,
      '保育人员',
      '',
      '2025-01-01',
      ...blank(11),
    ];
    const orgLevel: Cells = [
      uscc,
      '',
      '新主任',
      makeIdNumber('340603', '1985-05-05', 62),
      '管理人员',
      '托育',
      '2025-01-01',
      ...blank(11),
    ];
    const civil = await client.governmentUser('staff.civil', 'officer', '340603', 'elderly_care');
    const refused = await client.intake(civil, 'staff', csv([HEADER, childcareRow, orgLevel]));
    assert.equal(refused.status, 'rejected');
    assert.deepEqual(await client.problems(civil, refused.id), [
      [2, '该设施不在您管辖的地区或服务领域内，须由其主管部门办理'],
      [3, '该人员所在机构不在您管辖的地区或服务领域内，须由其主管部门办理'],
    ]);
    const health = await client.governmentUser('staff.health', 'officer', '340603', 'childcare');
    const accepted = await client.intake(health, 'staff', csv([HEADER, childcareRow, orgLevel]));
    assert.deepEqual([accepted.status, accepted.rowsCreated], ['done', 2], JSON.stringify(accepted));

    const provider = await logIn(server.app, 'provider.demo');
    const theirs = await client.intake(provider, 'staff', csv([HEADER, childcareRow]));
    assert.equal(theirs.status, 'rejected');
    assert.deepEqual(await client.problems(provider, theirs.id), [[2, '只能导入本机构的人员']]);
  });
});
