// Staff who work at no particular facility are recorded in their organisation's region: when an Excel upload (or the
// officer's edit) moves the organisation to another region, they move with it in the same transaction, each with a
// regionCode entry in their history and the move audited; staff at a facility stay with the facility; uploading the
// same file again changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import {
  csv,
  intakeClient,
  STAFF_HEADER as ALL_STAFF_COLUMNS,
  type UserSession,
} from '../intake/intake-test-support.ts';

const ORG_HEADER = ['统一社会信用代码', '机构名称', '所在区划代码', '运营性质'];
const STAFF_HEADER = ALL_STAFF_COLUMNS.slice(0, 7);

describe('staff move with their organisation', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let officer: UserSession;
  let officerId = 0;
  let organisationId = 0;
  const uscc = makeUscc('52340603MJ5566778');
  const organisation = (regionCode: string) =>
    csv([ORG_HEADER, [uscc, '随机构迁移测试养老服务中心', regionCode, '民办']]);

  const members = async () =>
    server.database.db
      .selectFrom('staff_member')
      .select(['id', 'name', 'region_code', 'facility_id'])
      .where('organisation_id', '=', organisationId)
      .orderBy('name')
      .execute();
  const regionChanges = async () =>
    server.database.db
      .selectFrom('staff_change as c')
      .innerJoin('staff_member as m', (join) =>
        join.onRef('m.id', '=', 'c.staff_id').onRef('m.region_code', '=', 'c.region_code'),
      )
      .select(['m.name', 'c.region_code', 'c.old_value', 'c.new_value', 'c.account_id'])
      .where('m.organisation_id', '=', organisationId)
      .where('c.field', '=', 'regionCode')
      .orderBy('c.changed_at')
      .orderBy('m.id')
      .execute();
  const moveAudits = async () =>
    server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'region_code', 'account_id', 'detail'])
      .where('entity', '=', 'staff_member')
      .where(sql<boolean>`detail ? 'followsOrganisation'`)
      .orderBy('id')
      .execute();

  before(async () => {
    server = await startTestServer({ web: false });
    client = intakeClient(server);
    officer = await client.governmentUser('moves.civil', 'officer', '3406', 'elderly_care');
    officerId = officer.accountId;
    const registered = await client.intake(officer, 'organisations', organisation('340603'));
    assert.equal(registered.status, 'done', JSON.stringify(registered));
    organisationId = Number(
      (
        await server.database.db
          .selectFrom('organisation')
          .select('id')
          .where('uscc', '=', uscc)
          .executeTakeFirstOrThrow()
      ).id,
    );
    const home = await officer.request('POST', '/api/facilities', {
      organisationId,
      regionCode: '340603001',
      name: '随机构迁移测试养老院',
      facilityType: 'care_home',
      ownership: 'private',
      address: '淮北市相山区迁移路1号',
    });
    assert.equal(home.status, 201, JSON.stringify(home.body));
    const staff = await client.intake(
      officer,
      'staff',
      csv([
        STAFF_HEADER,
        [uscc, '', '甲院长', makeIdNumber('340603', '1975-04-05', 31), '管理人员', '养老', '2019-01-01'],
        [uscc, '', '乙社工', makeIdNumber('340603', '1988-06-07', 32), '社会工作者', '养老', '2020-01-01'],
        [
          uscc,
          '随机构迁移测试养老院',
          '丙护理员',
          makeIdNumber('340603', '1970-08-09', 33),
          '养老护理员',
          '',
          '2021-01-01',
        ],
      ]),
    );
    assert.deepEqual([staff.status, staff.rowsCreated], ['done', 3], JSON.stringify(staff));
  });
  after(() => server?.close());

  it('an upload moving the organisation moves its facility-less staff, with history and audit, once', async () => {
    const moved = await client.intake(officer, 'organisations', organisation('340602'));
    assert.deepEqual([moved.status, moved.rowsUpdated], ['done', 1], JSON.stringify(moved));
    assert.deepEqual(
      (await members()).map((m) => [m.name, m.region_code]),
      [
        ['丙护理员', '340603001'],
        ['乙社工', '340602'],
        ['甲院长', '340602'],
      ],
      'facility-less staff follow the organisation; staff at a facility stay with it',
    );
    assert.deepEqual(
      (await regionChanges()).map((c) => [
        c.name,
        c.region_code,
        c.old_value,
        c.new_value,
        Number(c.account_id),
      ]),
      [
        ['甲院长', '340602', '340603', '340602', officerId],
        ['乙社工', '340602', '340603', '340602', officerId],
      ],
    );
    // The console shows the move in the member's history.
    const member = (await members()).find((m) => m.name === '甲院长')!;
    const history = await officer.request('GET', `/api/staff/${member.id}/history`);
    assert.equal(history.status, 200, JSON.stringify(history.body));
    assert.deepEqual(
      history.body.changes.map((c: { field: string; oldValue: string; newValue: string }) => [
        c.field,
        c.oldValue,
        c.newValue,
      ]),
      [['regionCode', '340603', '340602']],
    );
    const audits = await moveAudits();
    assert.equal(audits.length, 1, 'one audit entry for the organisation’s staff');
    const detail = audits[0].detail as {
      followsOrganisation: number;
      fromRegion: string;
      staffIds: number[];
    };
    assert.deepEqual(
      [audits[0].action, audits[0].region_code, Number(audits[0].account_id), detail.followsOrganisation],
      ['update', '340602', officerId, organisationId],
    );
    assert.equal(detail.fromRegion, '340603');
    assert.equal(detail.staffIds.length, 2);
    // The members' list in the new district finds them.
    const listed = await officer.request('GET', '/api/staff?region=340602&pageSize=200');
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.ok(listed.body.staff.some((s: { name: string }) => s.name === '甲院长'));

    // Uploading the same file again changes nothing.
    const state = { members: await members(), changes: await regionChanges(), audits: await moveAudits() };
    const again = await client.intake(officer, 'organisations', organisation('340602'));
    assert.deepEqual([again.status, again.rowsUnchanged], ['done', 1], JSON.stringify(again));
    assert.deepEqual(await members(), state.members);
    assert.deepEqual(await regionChanges(), state.changes);
    assert.deepEqual(await moveAudits(), state.audits);
  });

  it("the officer's edit moving the organisation back moves them back, with history and audit", async () => {
    const reply = await officer.request('PATCH', `/api/organisations/${organisationId}`, {
      regionCode: '340603',
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(
      (await members()).map((m) => m.region_code),
      ['340603001', '340603', '340603'],
    );
    const changes = await regionChanges();
    assert.equal(changes.length, 4);
    assert.deepEqual(
      changes.slice(2).map((c) => [c.old_value, c.new_value, Number(c.account_id)]),
      [
        ['340602', '340603', officerId],
        ['340602', '340603', officerId],
      ],
    );
    const audits = await moveAudits();
    assert.equal(audits.length, 2);
    assert.deepEqual(
      [audits[1].region_code, (audits[1].detail as { fromRegion: string }).fromRegion],
      ['340603', '340602'],
    );
  });
});
