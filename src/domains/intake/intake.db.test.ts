import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from './excel.ts';
import { sql } from 'kysely';
import { logIn } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { idNumberCheckChar, makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import {
  CSV,
  csv,
  DUJI,
  intakeClient,
  ORGANISATION_HEADER,
  readWorkbook,
  rowsOf,
  XIANGNAN,
  type IntakeClient,
  type UserSession,
  peopleFileRun,
} from './intake-test-support.ts';
import { OUT_OF_SCOPE, runIntake } from './pipeline.ts';
import { XLSX_TYPE } from './template.ts';

const NOW = new Date('2026-01-15T04:00:00Z');
const PEOPLE_HEADER = [
  '姓名',
  '身份证号码',
  '性别',
  '出生日期',
  '居住地区划代码',
  '户籍地区划代码',
  '居住地址',
  '居住情况',
  '能力等级',
  '能力评估日期',
];

async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const id = (region: string, birth: string, seq: number) => makeIdNumber(region, birth, seq);

describe('Excel/CSV intake and export', () => {
  let server: TestServer;
  let admin: UserSession;
  let adminId: number;
  let client: IntakeClient;
  const upload: IntakeClient['upload'] = (...args) => client.upload(...args);
  const intake: IntakeClient['intake'] = (...args) => client.intake(...args);
  const resultRows: IntakeClient['resultRows'] = (...args) => client.resultRows(...args);
  const download: IntakeClient['download'] = (...args) => client.download(...args);
  const digest: IntakeClient['digest'] = (table) => client.digest(table);

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    client = intakeClient(server);
    admin = await client.governmentUser('intake.admin', 'platform_admin', null);
    adminId = admin.accountId;
  });
  after(() => server?.close());

  it('offers a template with headers, text-formatted ID and region columns, dropdowns and Chinese instructions', async () => {
    const reply = await download(admin, '/api/intake/people/template');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], XLSX_TYPE);
    const workbook = await readWorkbook(reply.payload);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.name, '人员信息');
    assert.deepEqual(rowsOf(sheet)[0], PEOPLE_HEADER);
    assert.equal(sheet.getColumn(2).numFmt, '@', 'ID number column is text');
    assert.equal(sheet.getColumn(5).numFmt, '@', 'region code column is text');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, any> } })
      .dataValidations.model;
    const sex = validations.C2;
    assert.equal(sex.type, 'list');
    assert.match(sex.formulae[0], /选项/);
    assert.equal(validations.H500.type, 'list', 'living situation dropdown reaches down the sheet');
    const options = workbook.getWorksheet('选项')!;
    assert.equal(options.state, 'hidden');
    assert.deepEqual(
      rowsOf(options)
        .map((row) => row[0])
        .slice(1, 3),
      ['男', '女'],
    );
    const instructions = workbook.getWorksheet('说明')!;
    const text = rowsOf(instructions)
      .map((row) => row.join(' '))
      .join('\n');
    assert.match(text, /整个文件都不会导入/);
    assert.match(text, /身份证号码/);
  });

  it('lists the kinds the caller may upload and refuses unknown kinds and non-file bodies', async () => {
    const kinds = await admin.request('GET', '/api/intake/kinds');
    assert.equal(kinds.status, 200);
    assert.deepEqual(
      kinds.body.kinds.map((k: any) => k.key),
      ['people', 'households', 'population', 'organisations', 'facilities', 'capacity', 'staff'],
    );
    assert.equal((await upload(admin, 'nonsense', csv([['a']]), CSV)).status, 404);
    const json = await admin.request('POST', '/api/intake/people', { rows: [] });
    assert.equal(json.status, 415, JSON.stringify(json.body));
    assert.equal((await upload(admin, 'people', Buffer.alloc(0), CSV)).status, 400);
    const family = await logIn(server.app, 'family.demo');
    assert.equal((await family.request('GET', '/api/intake/kinds')).status, 403);
  });

  it('applies a valid CSV file, encrypting ID numbers and auditing per region with counts only', async () => {
    const before = await digest('person');
    const job = await intake(
      admin,
      'people',
      csv([
        PEOPLE_HEADER,
        [
          '导入甲',
          id('340603', '1940-03-05', 11),
          '',
          '',
          XIANGNAN,
          '340621',
          '春秋路1号',
          '独居',
          '2 中度失能',
          '2025-11-02',
        ],
        ['导入乙', '', '女', '2024/6/1', XIANGNAN, '', '', '', '', ''],
        ['导入丙', id('340602', '1950-12-31', 13), '男', '1950-12-31', DUJI, '', '', '空巢', '', ''],
      ]),
    );
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.deepEqual(
      [job.rowsRead, job.rowsBad, job.rowsCreated, job.rowsUpdated, job.rowsUnchanged, job.progress],
      [3, 0, 3, 0, 0, 1],
    );
    assert.equal((await digest('person')).n, before.n + 3);
    const stored = await server.database.db
      .selectFrom('person')
      .selectAll()
      .where('name', 'in', ['导入甲', '导入乙', '导入丙'])
      .orderBy('name')
      .execute();
    const jia = stored.find((p) => p.name === '导入甲')!;
    assert.equal(jia.birth_date, '1940-03-05');
    assert.equal(jia.sex, 'male', 'sex follows the ID number (odd 17th digit)');
    assert.equal(jia.living_situation, 'alone');
    assert.equal(jia.capability_level, 2);
    assert.equal(jia.registered_region_code, '340621');
    assert.ok(jia.id_number_cipher && !jia.id_number_cipher.toString('latin1').includes('340603'));
    const yi = stored.find((p) => p.name === '导入乙')!;
    assert.deepEqual([yi.sex, yi.birth_date, yi.id_number_hash], ['female', '2024-06-01', null]);

    const audits = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'entity', 'region_code', 'detail'])
      .where('entity', '=', 'person')
      .where(sql<boolean>`detail->>'intakeJobId' = ${String(job.id)}`)
      .orderBy('region_code')
      .execute();
    assert.deepEqual(
      audits.map((a) => [a.action, a.region_code, (a.detail as any).created, (a.detail as any).updated]),
      [
        ['create', DUJI, 1, 0],
        ['create', XIANGNAN, 2, 0],
      ],
    );
    assert.doesNotMatch(JSON.stringify(audits), /导入|340603194003/);
  });

  it('re-uploading the same file changes nothing; a changed row updates only that person', async () => {
    const file = csv([
      PEOPLE_HEADER,
      ['重复甲', id('340603', '1941-01-01', 21), '', '', XIANGNAN, '', '', '', '', ''],
      ['重复乙', '', '男', '1942-02-02', XIANGNAN, '', '', '', '', ''],
    ]);
    const first = await intake(admin, 'people', file);
    assert.equal(first.rowsCreated, 2);
    const persons = await digest('person');
    const lastAudit = await maxAuditId();
    const second = await intake(admin, 'people', file);
    assert.deepEqual(
      [second.status, second.rowsCreated, second.rowsUpdated, second.rowsUnchanged],
      ['done', 0, 0, 2],
    );
    assert.deepEqual(await digest('person'), persons, 'no person row changed, not even updated_at');
    const newAudits = await server.database.db
      .selectFrom('audit_entry')
      .select('entity')
      .where('id', '>', lastAudit)
      .execute();
    assert.ok(
      newAudits.every((a) => a.entity !== 'person'),
      'no person audit entry for a run that changed nothing',
    );

    const changed = await intake(
      admin,
      'people',
      csv([
        PEOPLE_HEADER,
        ['重复甲', id('340603', '1941-01-01', 21), '', '', XIANGNAN, '', '新地址', '', '', ''],
        ['重复乙', '', '男', '1942-02-02', XIANGNAN, '', '', '', '', ''],
      ]),
    );
    assert.deepEqual([changed.rowsCreated, changed.rowsUpdated, changed.rowsUnchanged], [0, 1, 1]);
    const jia = await server.database.db
      .selectFrom('person')
      .select('address')
      .where('name', '=', '重复甲')
      .executeTakeFirstOrThrow();
    assert.equal(jia.address, '新地址');
  });

  async function maxAuditId() {
    const row = await server.database.db
      .selectFrom('audit_entry')
      .select(sql<number>`max(id)::int`.as('m'))
      .executeTakeFirstOrThrow();
    return row.m;
  }

  it('rejects the whole file for one bad row, and the result file gives each bad row its Chinese reasons', async () => {
    await intake(
      admin,
      'people',
      csv([PEOPLE_HEADER, ['已登记', id('340603', '1944-04-04', 31), '', '', XIANGNAN, '', '', '', '', '']]),
    );
    const good = id('340603', '1945-05-05', 32);
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const impossibleBirth = '34060319450230001' + idNumberCheckChar('34060319450230001'); // 30 February
    // A village abolished in 2020 (a code of the list once, no longer in force today).
    const abolished = XIANGNAN.slice(0, 9) + '998';
    await sql`
      INSERT INTO region (code, name, level, parent_code, path, stat_code, valid_from, valid_to)
      SELECT ${abolished}, '已撤销测试村', level, parent_code, left(path, length(path) - 12) || ${abolished},
             ${abolished}, DATE '2000-01-01', DATE '2020-01-01'
        FROM region WHERE code = ${XIANGNAN}`.execute(server.database.db);
    const before = await digest('person');
    const job = await intake(
      admin,
      'people',
      csv([
        PEOPLE_HEADER,
        ['好人', good, '', '', XIANGNAN, '', '', '', '', ''], // row 2: fine on its own
        ['校验位', badCheck, '', '', XIANGNAN, '', '', '', '', ''], // 3
        ['生日', impossibleBirth, '', '', XIANGNAN, '', '', '', '', ''], // 4
        ['区划', '', '男', '1950-01-01', '340603999999', '', '', '', '', ''], // 5: unknown region
        ['枚举', '', '男', '1950-01-01', XIANGNAN, '', '', '住院', '', ''], // 6: bad enum
        ['日期', '', '男', '1950-13-01', XIANGNAN, '', '', '', '', ''], // 7: bad date
        ['', '', '男', '1950-01-01', XIANGNAN, '', '', '', '', ''], // 8: missing name
        ['重复', good, '', '', XIANGNAN, '', '', '', '', ''], // 9: repeats row 2
        ['性别', id('340603', '1946-06-06', 33), '女', '', XIANGNAN, '', '', '', '', ''], // 10: odd sequence is male
        ['未来', '', '女', '2030-01-01', XIANGNAN, '', '', '', '', ''], // 11: born in the future
        ['能力', '', '女', '1940-01-01', XIANGNAN, '', '', '', '3 重度失能', ''], // 12: level without date
        ['撤销', '', '女', '1940-01-01', abolished, '', '', '', '', ''], // 13: region no longer in force
      ]),
    );
    assert.equal(job.status, 'rejected', JSON.stringify(job));
    assert.equal(job.rowsRead, 12);
    assert.deepEqual(await digest('person'), before, 'nothing applied');
    assert.match(job.message['zh-CN'], /整个文件均未导入/);

    const rows = await resultRows(admin, job.id);
    assert.deepEqual(rows[0], ['行号', ...PEOPLE_HEADER, '错误原因']);
    const reasons = new Map(rows.slice(1).map((row) => [row[0] as number, String(row[row.length - 1])]));
    assert.match(reasons.get(3)!, /校验位不正确/);
    assert.match(reasons.get(4)!, /出生日期不存在/);
    assert.match(reasons.get(5)!, /340603999999 不存在/);
    assert.match(reasons.get(6)!, /「居住情况」应为以下之一：独居、空巢、留守、与家人同住/);
    assert.match(reasons.get(7)!, /「出生日期」不是有效日期/);
    assert.match(reasons.get(8)!, /「姓名」不能为空/);
    assert.match(reasons.get(9)!, /与第2行重复/);
    assert.match(reasons.get(11)!, /不能晚于今天/);
    assert.match(reasons.get(12)!, /须同时填写/);
    assert.match(reasons.get(13)!, new RegExp(`${abolished} 在该日期不是有效的行政区划`));
    assert.ok(!reasons.has(2), 'the first of two repeated rows is not itself bad');
    assert.match(reasons.get(10)!, /性别与身份证号码不符/);
    assert.equal(job.rowsBad, reasons.size);
    // ID numbers in the kept result file are masked.
    const checkRow = rows.find((row) => row[0] === 3)!;
    assert.equal(checkRow[2], `${badCheck.slice(0, 6)}********${badCheck.slice(14)}`);
    assert.doesNotMatch(JSON.stringify(rows), new RegExp(good));
  });

  it('refuses a row matching several registered people without an ID number', async () => {
    for (let i = 0; i < 2; i++) {
      const reply = await admin.request('POST', '/api/people', {
        regionCode: XIANGNAN,
        name: '同名老人',
        sex: 'male',
        birthDate: '1939-09-09',
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    const job = await intake(
      admin,
      'people',
      csv([PEOPLE_HEADER, ['同名老人', '', '男', '1939-09-09', XIANGNAN, '', '', '独居', '', '']]),
    );
    assert.equal(job.status, 'rejected');
    const rows = await resultRows(admin, job.id);
    assert.match(String(rows[1].at(-1)), /多名同名、同出生日期/);
  });

  it('reads xlsx uploads, including dates typed as dates, and names an ID number Excel stored as a number', async () => {
    const good = await intake(
      admin,
      'people',
      await xlsx([
        PEOPLE_HEADER,
        ['表格甲', id('340603', '1938-08-08', 41), null, null, XIANGNAN, null, null, '留守', null, null],
        ['表格乙', null, '女', new Date(Date.UTC(2025, 0, 20)), XIANGNAN, null, null, null, null, null],
      ]),
      XLSX_TYPE,
    );
    assert.equal(good.status, 'done', JSON.stringify(good));
    assert.equal(good.rowsCreated, 2);
    const yi = await server.database.db
      .selectFrom('person')
      .select('birth_date')
      .where('name', '=', '表格乙')
      .executeTakeFirstOrThrow();
    assert.equal(yi.birth_date, '2025-01-20');

    // What Excel keeps of an ID number typed into a number cell: the last digits are rounded away.
    const numeric = await intake(
      admin,
      'people',
      await xlsx([PEOPLE_HEADER, ['数字', Number('340603193808080411'), null, null, XIANGNAN]]),
      XLSX_TYPE,
    );
    assert.equal(numeric.status, 'rejected');
    assert.match(String((await resultRows(admin, numeric.id))[1].at(-1)), /被存成了数字/);
  });

  it('fails a file without the required headers or that is no spreadsheet, applying nothing', async () => {
    const noHeader = await intake(
      admin,
      'people',
      csv([
        ['名字', '号码'],
        ['某人', ''],
      ]),
    );
    assert.equal(noHeader.status, 'failed');
    assert.match(noHeader.message['zh-CN'], /缺少必填列：姓名、居住地区划代码/);
    const garbage = await intake(admin, 'people', Buffer.from('not a zip file at all'), XLSX_TYPE);
    assert.equal(garbage.status, 'failed');
    assert.match(garbage.message['zh-CN'], /不是有效的 Excel/);
  });

  it('accepts GBK-encoded CSV as Excel saves it in China', async () => {
    const text = [PEOPLE_HEADER.join(','), `编码测试,,男,1950-05-05,${XIANGNAN},,,,,`].join('\r\n');
    // Node has no GBK encoder: build one for the characters used from the GB18030 decoder.
    const decoder = new TextDecoder('gb18030');
    const table = new Map<string, number[]>();
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
    const bytes: number[] = [];
    for (const ch of text) bytes.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
    const job = await intake(admin, 'people', Buffer.from(bytes));
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.ok(
      await server.database.db
        .selectFrom('person')
        .select('id')
        .where('name', '=', '编码测试')
        .executeTakeFirst(),
    );
  });

  it("keeps a district uploader to their district: other districts' rows and people are row errors", async () => {
    // The pipeline as a 相山区 (340603) uploader sees it, straight (HTTP is tested below).
    const duji = id('340602', '1947-07-07', 51);
    await intake(
      admin,
      'people',
      csv([PEOPLE_HEADER, ['杜集已登记', duji, '', '', DUJI, '', '', '', '', '']]),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-test-'));
    const file = path.join(dir, 'scope.csv');
    fs.writeFileSync(
      file,
      csv([
        PEOPLE_HEADER,
        ['相山人', '', '男', '1950-01-01', XIANGNAN, '', '', '', '', ''],
        ['杜集人', '', '男', '1950-01-01', DUJI, '', '', '', '', ''],
        ['迁入', duji, '', '', XIANGNAN, '', '', '', '', ''],
      ]),
    );
    const before = await digest('person');
    const outcome = await runIntake(
      server.database.db,
      peopleFileRun(file, {
        now: NOW,
        accountId: adminId,
        scope: { regions: ['340603'], organisations: null, reaches: (code) => code.startsWith('340603') },
      }),
    );
    fs.rmSync(dir, { recursive: true });
    assert.equal(outcome.status, 'rejected');
    assert.deepEqual([...outcome.problems.keys()], [3, 4]);
    assert.deepEqual(outcome.problems.get(3), [OUT_OF_SCOPE]);
    assert.match(outcome.problems.get(4)![0], /管辖范围以外/);
    assert.deepEqual(await digest('person'), before);
  });

  it('over HTTP, a 相山区 officer uploading a 杜集区 row gets a row error', async () => {
    const xiangshan = await logIn(server.app, 'xiangshan.civil');
    const job = await intake(
      xiangshan,
      'people',
      csv([PEOPLE_HEADER, ['杜集人', '', '男', '1950-01-01', DUJI, '', '', '', '', '']]),
    );
    assert.equal(job.status, 'rejected');
    assert.match(String((await resultRows(xiangshan, job.id))[1].at(-1)), /不在您的管辖范围内/);
    assert.equal((await admin.request('GET', `/api/intake/jobs/${job.id}`)).status, 404, "another's job");
  });

  it('shows progress on the job and keeps jobs to their uploader', async () => {
    const rows: (string | null)[][] = [PEOPLE_HEADER];
    for (let i = 0; i < 3000; i++)
      rows.push([`进度${i}`, '', i % 2 ? '男' : '女', '1950-01-01', XIANGNAN, '', '', '', '', '']);
    const accepted = await upload(admin, 'people', csv(rows), CSV, '进度.csv');
    assert.equal(accepted.status, 202);
    assert.ok(['queued', 'validating'].includes(accepted.body.status));
    assert.equal(accepted.body.fileName, '进度.csv');
    assert.equal(accepted.body.progress, 0);
    const seen = new Set<string>();
    let job;
    for (let i = 0; i < 400; i++) {
      job = (await admin.request('GET', `/api/intake/jobs/${accepted.body.id}`)).body;
      seen.add(job.status);
      assert.ok(job.progress >= 0 && job.progress <= 1);
      if (job.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(job.status, 'done');
    assert.deepEqual([job.rowsRead, job.rowsCreated, job.progress], [3000, 3000, 1]);
    assert.ok(job.finishedAt >= job.startedAt);
    const city = await logIn(server.app, 'city.civil');
    const other = await city.request('GET', `/api/intake/jobs/${accepted.body.id}`);
    assert.ok([403, 404].includes(other.status), 'another account never sees the job');
  });

  it('imports population figures, idempotently, with the population rules', async () => {
    const header = ['区划代码', '年份', '口径', '性别', '起始年龄', '截止年龄', '人数', '数据来源', '备注'];
    const file = csv([
      header,
      ['340603', 2019, '常住人口', '合计', 60, '', 90000, '估算', '测算'],
      ['340603', 2018, '户籍人口', '男', 0, 2, 4000, '年度统计', ''],
    ]);
    const first = await intake(admin, 'population', file);
    assert.deepEqual([first.status, first.rowsCreated], ['done', 2], JSON.stringify(first));
    const figures = await digest('population_figure');
    const again = await intake(admin, 'population', file);
    assert.deepEqual([again.rowsCreated, again.rowsUpdated, again.rowsUnchanged], [0, 0, 2]);
    assert.deepEqual(await digest('population_figure'), figures);
    const bad = await intake(
      admin,
      'population',
      csv([header, ['340603', 2021, '常住人口', '合计', 60, 50, 1, '第七次人口普查', '']]),
    );
    assert.equal(bad.status, 'rejected');
    const reasons = String((await resultRows(admin, bad.id))[1].at(-1));
    assert.match(reasons, /年份应为 2020/);
    assert.match(reasons, /截止年龄不能小于起始年龄/);
  });

  it('imports organisations by credit code and facilities by organisation and name', async () => {
    const uscc = makeUscc('52340603MJ1234567');
    const badUscc = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    const orgHeader = ORGANISATION_HEADER;
    const rejected = await intake(
      admin,
      'organisations',
      csv([orgHeader, [badUscc, '坏代码', '340603', '', '民办', '', '', '', '']]),
    );
    assert.equal(rejected.status, 'rejected');
    assert.match(String((await resultRows(admin, rejected.id))[1].at(-1)), /统一社会信用代码」校验位不正确/);

    const orgs = await intake(
      admin,
      'organisations',
      csv([orgHeader, [uscc, '导入养老服务中心', '340603', '', '民办', '', '张三', '0561-1234567', '']]),
    );
    assert.equal(orgs.status, 'done', JSON.stringify(orgs));
    const org = await server.database.db
      .selectFrom('organisation')
      .selectAll()
      .where('uscc', '=', uscc)
      .executeTakeFirstOrThrow();
    assert.equal(org.organisation_type, 'social_organisation', 'derived from the code');

    const facilityHeader = [
      '运营机构统一社会信用代码',
      '设施名称',
      '设施类型',
      '所在区划代码',
      '运营性质',
      '地址',
      '经度',
      '纬度',
      '开业日期',
    ];
    const unknownOrg = makeUscc('91340603MA1234567');
    const facilities = await intake(
      admin,
      'facilities',
      csv([
        facilityHeader,
        [
          uscc,
          '春秋日间照料中心',
          '日间照料中心',
          XIANGNAN,
          '民办',
          '春秋路2号',
          '116.79',
          '33.95',
          '2023-05-01',
        ],
        [unknownOrg, '无主设施', '托育机构', XIANGNAN, '民办', '某路', '', '', ''],
      ]),
    );
    assert.equal(facilities.status, 'rejected');
    assert.match(String((await resultRows(admin, facilities.id))[1].at(-1)), /请先登记该机构/);
    const ok = await intake(
      admin,
      'facilities',
      csv([
        facilityHeader,
        [
          uscc,
          '春秋日间照料中心',
          '日间照料中心',
          XIANGNAN,
          '民办',
          '春秋路2号',
          '116.79',
          '33.95',
          '2023-05-01',
        ],
      ]),
    );
    assert.deepEqual([ok.status, ok.rowsCreated], ['done', 1], JSON.stringify(ok));
    const facility = await server.database.db
      .selectFrom('facility')
      .selectAll()
      .where('organisation_id', '=', org.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [facility.domain, facility.longitude, facility.opened_on],
      ['elderly_care', 116.79, '2023-05-01'],
    );
  });

  it('lets a provider upload its own facilities only', async () => {
    const provider = await logIn(server.app, 'provider.demo');
    const own = await server.database.db
      .selectFrom('account_role')
      .innerJoin('account', 'account.id', 'account_role.account_id')
      .innerJoin('organisation', 'organisation.id', 'account_role.organisation_id')
      .select(['organisation.uscc', 'organisation.id'])
      .where('account.username', '=', 'provider.demo')
      .executeTakeFirstOrThrow();
    const kinds = await provider.request('GET', '/api/intake/kinds');
    assert.deepEqual(
      kinds.body.kinds.map((k: any) => k.key),
      ['facilities', 'capacity', 'staff'],
    );
    const header = ['运营机构统一社会信用代码', '设施名称', '设施类型', '所在区划代码', '运营性质', '地址'];
    const other = await server.database.db
      .selectFrom('organisation')
      .select('uscc')
      .where('id', '<>', own.id)
      .executeTakeFirstOrThrow();
    const refused = await intake(
      provider,
      'facilities',
      csv([
        header,
        [own.uscc, '康乐助餐点', '助餐点（老年食堂）', XIANGNAN, '民办', '春秋路3号'],
        [other.uscc, '别家助餐点', '助餐点（老年食堂）', XIANGNAN, '民办', '春秋路4号'],
      ]),
    );
    assert.equal(refused.status, 'rejected', JSON.stringify(refused));
    const rows = await resultRows(provider, refused.id);
    assert.deepEqual(
      rows.slice(1).map((row) => [row[0], row.at(-1)]),
      [[3, '只能导入本机构的设施']],
    );
    const accepted = await intake(
      provider,
      'facilities',
      csv([header, [own.uscc, '康乐助餐点', '助餐点（老年食堂）', XIANGNAN, '民办', '春秋路3号']]),
    );
    assert.deepEqual([accepted.status, accepted.rowsCreated], ['done', 1], JSON.stringify(accepted));
    assert.equal((await upload(provider, 'people', csv([PEOPLE_HEADER]), CSV)).status, 403);
  });

  it('exports the people list masked, or in full on request, and audits each export', async () => {
    const masked = await download(admin, `/api/export/people.xlsx?region=${XIANGNAN}&livingSituation=alone`);
    assert.equal(masked.status, 200, masked.body);
    const maskedRows = rowsOf((await readWorkbook(masked.payload)).worksheets[0]);
    assert.deepEqual(maskedRows[0], ['系统编号', ...PEOPLE_HEADER]);
    const jia = maskedRows.find((row) => row[1] === '导入甲')!;
    const full = id('340603', '1940-03-05', 11);
    assert.equal(jia[2], `${full.slice(0, 6)}********${full.slice(14)}`);
    assert.equal(jia[8], '独居');
    assert.ok(
      maskedRows.slice(1).every((row) => row[8] === '独居'),
      'the list filter applies',
    );

    const fullExport = await download(admin, `/api/export/people.xlsx?region=${XIANGNAN}&full=true`);
    const fullRows = rowsOf((await readWorkbook(fullExport.payload)).worksheets[0]);
    assert.equal(fullRows.find((row) => row[1] === '导入甲')![2], full);

    const audits = await server.database.db
      .selectFrom('audit_entry')
      .select(['region_code', 'detail', 'account_id'])
      .where('action', '=', 'export')
      .where('entity', '=', 'person')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audits.map((a) => [a.region_code, (a.detail as any).full, (a.detail as any).rows, a.account_id]),
      [
        [XIANGNAN, false, maskedRows.length - 1, adminId],
        [XIANGNAN, true, fullRows.length - 1, adminId],
      ],
    );
    const population = await download(admin, '/api/export/population-figures.xlsx?region=340603');
    assert.equal(population.status, 200);
    assert.ok(rowsOf((await readWorkbook(population.payload)).worksheets[0]).some((row) => row[6] === 90000));
  });

  it('keeps exports to the caller: other districts and full ID numbers need the permission there', async () => {
    const xiangshan = await logIn(server.app, 'xiangshan.civil');
    assert.equal((await download(xiangshan, `/api/export/people.xlsx?region=${DUJI}`)).status, 403);
    assert.equal((await download(xiangshan, `/api/export/people.xlsx?region=${XIANGNAN}`)).status, 200);
  });
});
