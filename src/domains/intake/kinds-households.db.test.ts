// 家庭户 intake: households found by their head's ID number, members by theirs, one household at a time per person,
// every rule a Chinese reason, all or nothing, idempotent, and only within the uploader's district.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { makeIdNumber } from '../../shared/id-number.ts';
import { OUT_OF_SCOPE } from './pipeline.ts';
import { csv, DUJI, intakeClient, readWorkbook, rowsOf, XIANGNAN } from './intake-test-support.ts';

const NOW = new Date('2026-01-15T04:00:00Z');
const PEOPLE_HEADER = ['姓名', '身份证号码', '性别', '出生日期', '居住地区划代码'];
const HEADER = [
  '户主身份证号码',
  '户所在区划代码',
  '户地址',
  '成员姓名',
  '成员身份证号码',
  '与户主关系',
  '入户日期',
];

const ELDER = makeIdNumber('340603', '1950-02-03', 71);
const SPOUSE = makeIdNumber('340603', '1952-04-05', 72);
const GRANDCHILD = makeIdNumber('340603', '2024-06-07', 73);
const NEIGHBOUR = makeIdNumber('340603', '1960-08-09', 74);
const DUJI_HEAD = makeIdNumber('340602', '1955-01-01', 75);
const UNREGISTERED = makeIdNumber('340603', '1970-01-01', 76);

describe('household intake (家庭户)', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let admin: Session;

  const family = () => [
    HEADER,
    [ELDER, XIANGNAN, '春秋路5号', '张老汉', ELDER, '户主', '2020-01-01'],
    [ELDER, XIANGNAN, '春秋路5号', '李老太', SPOUSE, '配偶', '2020-01-01'],
    [ELDER, XIANGNAN, '春秋路5号', '张小宝', GRANDCHILD, '孙子女（外孙子女）', '2024-06-07'],
  ];

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    client = intakeClient(server);
    admin = await client.governmentUser('household.admin', 'platform_admin', null);
    const people = await client.intake(
      admin,
      'people',
      csv([
        PEOPLE_HEADER,
        ['张老汉', ELDER, '', '', XIANGNAN],
        ['李老太', SPOUSE, '', '', XIANGNAN],
        ['张小宝', GRANDCHILD, '', '', XIANGNAN],
        ['邻居王', NEIGHBOUR, '', '', XIANGNAN],
        ['杜老汉', DUJI_HEAD, '', '', DUJI],
      ]),
    );
    assert.equal(people.status, 'done', JSON.stringify(people));
  });
  after(() => server?.close());

  const households = () =>
    server.database.db
      .selectFrom('household as h')
      .innerJoin('household_member as m', 'm.household_id', 'h.id')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['h.id', 'h.address', 'p.name', 'm.relation', 'm.joined_on'])
      .where('h.region_code', 'like', '340603%')
      .where('p.name', 'in', ['张老汉', '李老太', '张小宝', '邻居王'])
      .orderBy('m.id')
      .execute();

  it('offers a template with the relation dropdown and a 说明 sheet', async () => {
    const reply = await client.download(admin, '/api/intake/households/template');
    assert.equal(reply.status, 200);
    const workbook = await readWorkbook(reply.payload);
    const sheet = workbook.worksheets[0];
    assert.deepEqual(rowsOf(sheet)[0], HEADER);
    assert.equal(sheet.getColumn(1).numFmt, '@');
    assert.equal(sheet.getColumn(5).numFmt, '@');
    assert.equal((sheet as any).dataValidations.model.F2.type, 'list');
    const text = rowsOf(workbook.getWorksheet('说明')!)
      .map((row) => row.join(' '))
      .join('\n');
    assert.match(text, /一人同时只能属于一户/);
  });

  it('founds a household with its members, changes nothing on re-upload, and adds and updates members', async () => {
    const job = await client.intake(admin, 'households', csv(family()));
    assert.deepEqual([job.status, job.rowsCreated], ['done', 3], JSON.stringify(job));
    const founded = await households();
    assert.equal(new Set(founded.map((m) => m.id)).size, 1, 'one household');
    assert.deepEqual(
      founded.map((m) => [m.name, m.relation, m.joined_on]),
      [
        ['张老汉', 'head', '2020-01-01'],
        ['李老太', 'spouse', '2020-01-01'],
        ['张小宝', 'grandchild', '2024-06-07'],
      ],
    );
    const head = await server.database.db
      .selectFrom('household')
      .select('head_person_id')
      .where('id', '=', founded[0].id)
      .executeTakeFirstOrThrow();
    assert.ok(head.head_person_id !== null);

    const before = [await client.digest('household'), await client.digest('household_member')];
    const again = await client.intake(admin, 'households', csv(family()));
    assert.deepEqual(
      [again.status, again.rowsCreated, again.rowsUpdated, again.rowsUnchanged],
      ['done', 0, 0, 3],
    );
    assert.deepEqual([await client.digest('household'), await client.digest('household_member')], before);

    const more = await client.intake(
      admin,
      'households',
      csv([
        HEADER,
        [ELDER, XIANGNAN, '春秋路5号', '张小宝', GRANDCHILD, '其他', ''],
        [ELDER, XIANGNAN, '春秋路5号', '邻居王', NEIGHBOUR, '其他', ''],
      ]),
    );
    assert.deepEqual([more.status, more.rowsCreated, more.rowsUpdated], ['done', 1, 1], JSON.stringify(more));
    const now = await households();
    assert.deepEqual(
      now.slice(2).map((m) => [m.name, m.relation, m.joined_on]),
      [
        ['张小宝', 'other', '2024-06-07'],
        ['邻居王', 'other', '2026-01-15'],
      ],
    );
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['region_code', 'detail'])
      .where('entity', '=', 'household')
      .execute();
    assert.ok(
      audit.some((entry) => entry.region_code === XIANGNAN && (entry.detail as any).kind === 'households'),
    );
  });

  it('refuses the whole file with a Chinese reason per rule', async () => {
    const before = await client.digest('household_member');
    const job = await client.intake(
      admin,
      'households',
      csv([
        HEADER,
        [UNREGISTERED, XIANGNAN, '', '无名', UNREGISTERED, '户主', ''], // 2
        [DUJI_HEAD, DUJI, '', '杜老汉', DUJI_HEAD, '户主', ''], // 3: valid alone
        [DUJI_HEAD, DUJI, '', '错名字', SPOUSE, '配偶', ''], // 4: name, already in a household
        [DUJI_HEAD, DUJI, '', '杜老汉', DUJI_HEAD, '户主', ''], // 5: repeat
        [NEIGHBOUR, XIANGNAN, '', '邻居王', NEIGHBOUR, '配偶', ''], // 6: head row not 户主
        [DUJI_HEAD, DUJI, '', '张小宝', GRANDCHILD, '户主', ''], // 7: non-head as 户主
        [SPOUSE, XIANGNAN, '', '张老汉', ELDER, '配偶', ''], // 8: head not founded, member elsewhere
        [DUJI_HEAD, '340602999999', '', '邻居王', NEIGHBOUR, '其他', '2027-01-01'], // 9
      ]),
    );
    assert.equal(job.status, 'rejected');
    const problems = new Map(await client.problems(admin, job.id));
    assert.match(problems.get(2)!, /户主尚未在人员信息中登记/);
    assert.match(problems.get(2)!, /该成员尚未在人员信息中登记/);
    assert.equal(problems.has(3), false, JSON.stringify([...problems]));
    assert.match(problems.get(4)!, /「成员姓名」与该身份证号码登记的姓名（李老太）不符/);
    assert.match(problems.get(4)!, /该成员目前属于另一户，须先在系统中办理迁出/);
    assert.match(problems.get(5)!, /与第3行重复（同一成员身份证号码）/);
    assert.match(problems.get(6)!, /户主本人一行的「与户主关系」应为“户主”/);
    assert.match(problems.get(7)!, /只有户主本人的「与户主关系」可以是“户主”/);
    assert.match(problems.get(8)!, /户主尚未立户/);
    assert.match(problems.get(9)!, /「入户日期」不可能/);
    assert.deepEqual(await client.digest('household_member'), before);
  });

  it("keeps a district officer to their district's households and residents", async () => {
    const duji = await client.governmentUser('household.duji', 'officer', '340602');
    const job = await client.intake(
      duji,
      'households',
      csv([
        HEADER,
        [DUJI_HEAD, DUJI, '水泥厂路1号', '杜老汉', DUJI_HEAD, '户主', ''],
        [ELDER, XIANGNAN, '春秋路5号', '张老汉', ELDER, '户主', ''],
        [DUJI_HEAD, DUJI, '水泥厂路1号', '邻居王', NEIGHBOUR, '其他', ''],
      ]),
    );
    assert.equal(job.status, 'rejected');
    const problems = await client.problems(duji, job.id);
    assert.deepEqual(
      problems.map(([row]) => row),
      [3, 4],
    );
    assert.equal(problems[0][1], OUT_OF_SCOPE);
    assert.match(problems[1][1], /该成员登记在您管辖范围以外的地区/);
    const own = await client.intake(
      duji,
      'households',
      csv([HEADER, [DUJI_HEAD, DUJI, '水泥厂路1号', '杜老汉', DUJI_HEAD, '户主', '']]),
    );
    assert.deepEqual([own.status, own.rowsCreated], ['done', 1], JSON.stringify(own));
  });

  it('exports the household list with its counts, within the district, audited', async () => {
    const reply = await client.download(admin, '/api/export/households.xlsx?region=340603');
    assert.equal(reply.status, 200, reply.body);
    const rows = rowsOf((await readWorkbook(reply.payload)).worksheets[0]);
    const ours = rows.find((row) => row[2] === '春秋路5号')!;
    assert.deepEqual(ours.slice(3), [4, 3, 1, '是'], 'the neighbour (born 1960) is an elder too');
    const list = await admin.request('GET', '/api/households?region=340603&limit=200');
    assert.equal(rows.length - 1, list.body.total, 'every page of the list');
    const duji = await client.governmentUser('household.duji.export', 'officer', '340602');
    assert.equal((await client.download(duji, '/api/export/households.xlsx?region=340603')).status, 403);
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['region_code', 'detail'])
      .where('entity', '=', 'household')
      .where('action', '=', 'export')
      .executeTakeFirstOrThrow();
    assert.deepEqual([audit.region_code, (audit.detail as any).rows], ['340603', rows.length - 1]);
  });
});
