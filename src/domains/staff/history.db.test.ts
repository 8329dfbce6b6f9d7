import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logIn, logInAll, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

const NOW = new Date('2026-02-10T03:00:00Z');

/** A staff member's field history: written by the provider's edits, read by both sides within reach, audited. */
describe('staff history', () => {
  let server: TestServer;
  let provider: Session;
  let civil: Session;
  let health: Session;
  let duji: Session;
  let memberId = 0;
  let otherHome = 0;

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    [provider, civil, health] = await logInAll(server.app, ['provider.demo', 'city.civil', 'city.health']);
    const home = async (regionCode: string, name: string) => {
      const reply = await provider.request('POST', '/api/provider/facilities', {
        regionCode,
        name,
        facilityType: 'care_home',
        ownership: 'private',
        address: '淮北市',
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      return reply.body.id as number;
    };
    const first = await home('340603001', '员工历史测试一院');
    otherHome = await home('340602', '员工历史测试二院');
    const hired = await provider.request('POST', '/api/provider/staff', {
      name: '历史测试护理员',
      role: 'carer',
      facilityId: first,
      employedFrom: '2021-03-01',
    });
    assert.equal(hired.status, 201, JSON.stringify(hired.body));
    memberId = hired.body.id;
    const account = await server.database.db
      .insertInto('account')
      .values({
        username: 'staff.history.duji',
        display_name: '杜集 民政',
        principal_type: 'government',
        password_hash: (
          await server.database.db
            .selectFrom('account')
            .select('password_hash')
            .where('username', '=', 'city.civil')
            .executeTakeFirstOrThrow()
        ).password_hash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.database.db
      .insertInto('account_role')
      .values({ account_id: account.id, role: 'officer', region_code: '340602', domain: 'elderly_care' })
      .execute();
    duji = await logIn(server.app, 'staff.history.duji');
  });
  after(() => server?.close());

  it("records a provider's edit field by field, a move to another facility included, and follows the member", async () => {
    const edit = await provider.request('PATCH', `/api/provider/staff/${memberId}`, {
      role: 'nurse',
      facilityId: otherHome,
      employedTo: '2026-01-31',
      name: '历史测试护理员',
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    const reply = await provider.request('GET', `/api/provider/staff/${memberId}/history`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const rows = (reply.body.changes as { field: string; oldValue: string | null; newValue: string | null }[])
      .map(({ field, oldValue, newValue }) => [field, oldValue, newValue])
      .sort();
    assert.deepEqual(
      rows.map(([field]) => field),
      ['employedTo', 'facilityId', 'regionCode', 'role'],
    );
    assert.deepEqual(rows[0], ['employedTo', null, '2026-01-31']);
    assert.deepEqual(rows[2], ['regionCode', '340603001', '340602']);
    assert.deepEqual(rows[3], ['role', 'carer', 'nurse']);
    assert.equal(reply.body.changes[0].changedAt, NOW.toISOString());
    assert.ok(reply.body.registeredAt);

    // The member now works in 杜集区: that district's officer reads the whole history, the city's too.
    const government = await duji.request('GET', `/api/staff/${memberId}/history`);
    assert.equal(government.status, 200, JSON.stringify(government.body));
    assert.equal(government.body.changes.length, 4);
    assert.equal((await civil.request('GET', `/api/staff/${memberId}/history`)).status, 200);
  });

  it('is hidden from other departments and audited on every read', async () => {
    assert.equal((await health.request('GET', `/api/staff/${memberId}/history`)).status, 404);
    const reads = await server.database.db
      .selectFrom('audit_entry')
      .select(['detail', 'region_code'])
      .where('entity', '=', 'staff_member')
      .where('entity_id', '=', String(memberId))
      .where('action', '=', 'read')
      .execute();
    const history = reads.filter((read) => (read.detail as { history?: boolean } | null)?.history);
    assert.equal(history.length, 3);
    assert.ok(history.every((read) => read.region_code === '340602'));
  });
});
