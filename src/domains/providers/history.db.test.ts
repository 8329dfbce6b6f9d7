import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeUscc } from '../../shared/uscc.ts';
import { logInAll, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

const NOW = new Date('2026-02-10T03:00:00Z');

/** An organisation's field history: written by every edit in its transaction, read audited and within scope. */
describe('organisation history', () => {
  let server: TestServer;
  let city: Session;
  let xiangshan: Session;
  let provider: Session;
  let organisationId = 0;
  let demoOrganisationId = 0;

  const fields = (body: { changes: { field: string; oldValue: string | null; newValue: string | null }[] }) =>
    body.changes.map(({ field, oldValue, newValue }) => [field, oldValue, newValue]);

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    [city, xiangshan, provider] = await logInAll(server.app, [
      'city.civil',
      'xiangshan.civil',
      'provider.demo',
    ]);
    const created = await city.request('POST', '/api/organisations', {
      regionCode: '340602',
      uscc: makeUscc('52340602MJC00088X'),
      name: '历史测试养老服务中心',
      ownership: 'private',
      contactName: '赵主任',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    organisationId = created.body.id;
    const own = await provider.request('GET', '/api/provider/organisations');
    demoOrganisationId = own.body.organisations[0].id;
  });
  after(() => server?.close());

  it('records who changed which field when, old and new value; unchanged fields and empty edits add nothing', async () => {
    const empty = await city.request('GET', `/api/organisations/${organisationId}/history`);
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.deepEqual(empty.body.changes, []);
    assert.ok(empty.body.registeredAt);

    const edit = await city.request('PATCH', `/api/organisations/${organisationId}`, {
      name: '历史测试养老服务中心（新）',
      ownership: 'private',
      contactName: null,
      contactPhone: '0561-3000000',
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    const reply = await city.request('GET', `/api/organisations/${organisationId}/history`);
    assert.deepEqual(fields(reply.body).sort(), [
      ['contactName', '赵主任', null],
      ['contactPhone', null, '0561-3000000'],
      ['name', '历史测试养老服务中心', '历史测试养老服务中心（新）'],
    ]);
    assert.equal(reply.body.changes[0].changedAt, NOW.toISOString());
    assert.ok(reply.body.changes[0].changedBy.displayName.length > 0);
  });

  it('a move to another district keeps the history with the organisation', async () => {
    const move = await city.request('PATCH', `/api/organisations/${organisationId}`, {
      regionCode: '340603',
    });
    assert.equal(move.status, 200, JSON.stringify(move.body));
    const reply = await xiangshan.request('GET', `/api/organisations/${organisationId}/history`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(fields(reply.body)[0], ['regionCode', '340602', '340603']);
    assert.equal(reply.body.changes.length, 4, 'the earlier changes moved along');
  });

  it("a provider's contact edit is in its history, which only it and the region's officers read; reads are audited", async () => {
    const before = await provider.request('GET', `/api/provider/organisations/${demoOrganisationId}/history`);
    assert.equal(before.status, 200, JSON.stringify(before.body));
    const edit = await provider.request('PATCH', `/api/provider/organisations/${demoOrganisationId}`, {
      address: '淮北市相山区历史路8号',
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    const after = await provider.request('GET', `/api/provider/organisations/${demoOrganisationId}/history`);
    assert.equal(after.body.changes.length, before.body.changes.length + 1);
    assert.equal(after.body.changes[0].field, 'address');
    assert.equal(after.body.changes[0].newValue, '淮北市相山区历史路8号');

    assert.equal(
      (await provider.request('GET', `/api/provider/organisations/${organisationId}/history`)).status,
      404,
      "another organisation's history does not exist for a provider",
    );
    const duji = await city.request('PATCH', `/api/organisations/${organisationId}`, {
      regionCode: '340602',
    });
    assert.equal(duji.status, 200);
    assert.equal(
      (await xiangshan.request('GET', `/api/organisations/${organisationId}/history`)).status,
      404,
      "another district's organisation is hidden",
    );
    const reads = await server.database.db
      .selectFrom('audit_entry')
      .select(['detail'])
      .where('entity', '=', 'organisation')
      .where('entity_id', '=', String(demoOrganisationId))
      .where('action', '=', 'read')
      .execute();
    assert.equal(reads.filter((read) => (read.detail as { history?: boolean }).history).length, 2);
  });

  it('bad input changes nothing: an invalid id is a 400, a refused edit writes no history', async () => {
    assert.equal((await city.request('GET', '/api/organisations/abc/history')).status, 400);
    const countBefore = (await city.request('GET', `/api/organisations/${organisationId}/history`)).body
      .changes.length;
    const refused = await city.request('PATCH', `/api/organisations/${organisationId}`, {
      name: '不会保存的名称',
      uscc: '123',
    });
    assert.equal(refused.status, 400);
    const countAfter = (await city.request('GET', `/api/organisations/${organisationId}/history`)).body
      .changes.length;
    assert.equal(countAfter, countBefore);
  });
});
