import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

const NOW = new Date('2026-01-15T04:00:00Z');

/** A person's history of field changes, and the birth-date bounds every person write obeys. */
describe('person history and birth date bounds', () => {
  let server: TestServer;
  let city: Session;
  let xiangshan: Session;
  let personId = 0;

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    city = await logIn(server.app, 'city.civil');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    const created = await city.request('POST', '/api/people', {
      regionCode: '340602',
      name: '历史测试老人',
      sex: 'female',
      birthDate: '1948-05-05',
      address: '杜集区旧址1号',
      livingSituation: 'with_family',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    personId = created.body.id;
  });
  after(() => server?.close());

  it('records who changed which field when, old and new value, newest first; unchanged fields are not listed', async () => {
    const first = await city.request('PATCH', `/api/people/${personId}`, {
      address: '杜集区新址2号',
      livingSituation: 'alone',
      name: '历史测试老人',
    });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const second = await city.request('PATCH', `/api/people/${personId}`, {
      capabilityLevel: 2,
      capabilityAssessedOn: '2026-01-10',
    });
    assert.equal(second.status, 200, JSON.stringify(second.body));

    const reply = await city.request('GET', `/api/people/${personId}/history`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const rows = (
      reply.body.changes as { field: string; oldValue: string | null; newValue: string | null }[]
    ).map(({ field, oldValue, newValue }) => [field, oldValue, newValue]);
    assert.deepEqual(rows.slice(0, 2).sort(), [
      ['capabilityAssessedOn', null, '2026-01-10'],
      ['capabilityLevel', null, '2'],
    ]);
    assert.deepEqual(rows.slice(2).sort(), [
      ['address', '杜集区旧址1号', '杜集区新址2号'],
      ['livingSituation', 'with_family', 'alone'],
    ]);
    assert.equal(reply.body.changes[0].changedAt, NOW.toISOString());
    assert.ok(reply.body.changes[0].changedBy.displayName.length > 0);
    assert.ok(reply.body.registeredAt);
  });

  it('audits the read of a history and hides another district’s person behind a 404', async () => {
    const before = await server.database.db
      .selectFrom('audit_entry')
      .select('id')
      .where('entity', '=', 'person')
      .where('entity_id', '=', String(personId))
      .where('action', '=', 'read')
      .execute();
    await city.request('GET', `/api/people/${personId}/history`);
    const afterRead = await server.database.db
      .selectFrom('audit_entry')
      .select(['id', 'detail'])
      .where('entity', '=', 'person')
      .where('entity_id', '=', String(personId))
      .where('action', '=', 'read')
      .execute();
    assert.equal(afterRead.length, before.length + 1);
    assert.deepEqual(afterRead[afterRead.length - 1].detail, { history: true });
    assert.equal((await xiangshan.request('GET', `/api/people/${personId}/history`)).status, 404);
  });

  it('keeps the history with the person when the person moves to another region', async () => {
    const moved = await city.request('PATCH', `/api/people/${personId}`, { regionCode: '340603' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const reply = await xiangshan.request('GET', `/api/people/${personId}/history`);
    assert.equal(reply.status, 200);
    assert.deepEqual(
      [reply.body.changes[0].field, reply.body.changes[0].oldValue, reply.body.changes[0].newValue],
      ['regionCode', '340602', '340603'],
    );
    assert.equal(reply.body.changes.length, 5);
  });

  it('rejects a birth date after today (by the server clock) or before 1880, on create and on edit, changing nothing', async () => {
    const tomorrow = '2026-01-16';
    for (const birthDate of [tomorrow, '1879-12-31']) {
      const created = await city.request('POST', '/api/people', {
        regionCode: '340602',
        name: '未来出生',
        sex: 'male',
        birthDate,
      });
      assert.equal(created.status, 400, JSON.stringify(created.body));
      assert.equal(created.body.error.fields[0].path, 'body.birthDate');
      assert.match(created.body.error.fields[0].message['zh-CN'], /出生日期/);
      const edited = await city.request('PATCH', `/api/people/${personId}`, { birthDate });
      assert.equal(edited.status, 400, JSON.stringify(edited.body));
    }
    const found = await server.database.db
      .selectFrom('person')
      .select(['birth_date'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    assert.equal(found.birth_date, '1948-05-05');
    const none = await server.database.db
      .selectFrom('person')
      .select('id')
      .where('name', '=', '未来出生')
      .execute();
    assert.equal(none.length, 0);
    const today = await city.request('POST', '/api/people', {
      regionCode: '340602',
      name: '今天出生',
      sex: 'male',
      birthDate: '2026-01-15',
    });
    assert.equal(today.status, 201, JSON.stringify(today.body));
  });
});
