// An Excel upload that changes existing organisations or staff writes their field history (organisation_change,
// staff_change) as an edit in the console does: who uploaded, which field, from what to what; an upload that
// changes nothing writes none.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import {
  csv,
  intakeClient,
  ORGANISATION_HEADER as ORG_HEADER,
  STAFF_HEADER as ALL_STAFF_COLUMNS,
  type UserSession,
} from './intake-test-support.ts';

const NOW = new Date('2026-01-15T04:00:00Z');
const STAFF_HEADER = ALL_STAFF_COLUMNS.slice(0, 8);

describe('intake writes organisation and staff history', () => {
  let server: TestServer;
  let client: ReturnType<typeof intakeClient>;
  let admin: UserSession;
  let adminId: number;
  const uscc = makeUscc('52340603MJ2468135');
  const otherUscc = makeUscc('52340603MJ1357924');
  const manager = makeIdNumber('340603', '1980-01-02', 45);

  const organisations = (phone: string, name = '历史养老服务中心') =>
    csv([
      ORG_HEADER,
      [uscc, name, '340603', '', '民办', '', '张三', phone, ''],
      [otherUscc, '不变养老服务中心', '340603', '', '民办', '', '', '', ''],
    ]);
  const staff = (leaving: string, role = '管理人员') =>
    csv([STAFF_HEADER, [uscc, '', '赵院长', manager, role, '养老', '2018-01-01', leaving]]);

  const organisationChanges = async () =>
    server.database.db
      .selectFrom('organisation_change as c')
      .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
      .select(['o.uscc', 'c.field', 'c.old_value', 'c.new_value', 'c.account_id', 'c.region_code'])
      .orderBy('c.id')
      .execute();
  const staffChanges = async () =>
    server.database.db
      .selectFrom('staff_change')
      .select(['field', 'old_value', 'new_value', 'account_id'])
      .orderBy('id')
      .execute();

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    client = intakeClient(server);
    admin = await client.governmentUser('history.admin', 'platform_admin', null);
    adminId = admin.accountId;
  });
  after(() => server?.close());

  it('records each changed organisation field, by the uploader, and nothing for unchanged rows', async () => {
    const first = await client.intake(admin, 'organisations', organisations('0561-1111111'));
    assert.deepEqual([first.status, first.rowsCreated], ['done', 2], JSON.stringify(first));
    assert.deepEqual(await organisationChanges(), [], 'registering is no change');

    const again = await client.intake(admin, 'organisations', organisations('0561-1111111'));
    assert.deepEqual([again.status, again.rowsUnchanged], ['done', 2]);
    assert.deepEqual(await organisationChanges(), [], 'an unchanged re-upload writes no history');

    const changed = await client.intake(
      admin,
      'organisations',
      organisations('0561-2222222', '历史颐养中心'),
    );
    assert.deepEqual([changed.status, changed.rowsUpdated], ['done', 1], JSON.stringify(changed));
    assert.deepEqual(await organisationChanges(), [
      {
        uscc,
        field: 'name',
        old_value: '历史养老服务中心',
        new_value: '历史颐养中心',
        account_id: adminId,
        region_code: '340603',
      },
      {
        uscc,
        field: 'contactPhone',
        old_value: '0561-1111111',
        new_value: '0561-2222222',
        account_id: adminId,
        region_code: '340603',
      },
    ]);

    // The console reads the same rows as the organisation's history.
    const org = await server.database.db
      .selectFrom('organisation')
      .select('id')
      .where('uscc', '=', uscc)
      .executeTakeFirstOrThrow();
    const history = await admin.request('GET', `/api/organisations/${org.id}/history`);
    assert.equal(history.status, 200, JSON.stringify(history.body));
    assert.deepEqual(
      history.body.changes.map((c: { field: string; changedBy: { accountId: number } }) => [
        c.field,
        c.changedBy.accountId,
      ]),
      [
        ['contactPhone', adminId],
        ['name', adminId],
      ],
    );
  });

  it("records a staff member's changed fields as dates and roles in the API's text form", async () => {
    const first = await client.intake(admin, 'staff', staff(''));
    assert.deepEqual([first.status, first.rowsCreated], ['done', 1], JSON.stringify(first));
    const again = await client.intake(admin, 'staff', staff(''));
    assert.deepEqual([again.status, again.rowsUnchanged], ['done', 1]);
    assert.deepEqual(await staffChanges(), []);

    const left = await client.intake(admin, 'staff', staff('2025-12-31', '社会工作者'));
    assert.deepEqual([left.status, left.rowsUpdated], ['done', 1], JSON.stringify(left));
    assert.deepEqual(await staffChanges(), [
      { field: 'role', old_value: 'manager', new_value: 'social_worker', account_id: adminId },
      { field: 'employedTo', old_value: null, new_value: '2025-12-31', account_id: adminId },
    ]);
  });
});
