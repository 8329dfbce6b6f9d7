import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { addAccount } from '../filing/test-support.ts';
import { OFFICIAL_ARRANGEMENTS } from './official-arrangements.ts';

/**
 * The holiday calendar is data: seeded with the published 2025–2026 arrangements, readable by anyone, and kept by
 * platform administrators only.
 */
describe('holiday calendar', () => {
  let server: TestServer;
  let admin: Session;
  const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({ method, url, payload }).then((r) => ({ status: r.statusCode, body: r.json() }));

  before(async () => {
    server = await startTestServer({ web: false });
    await addAccount(server.database.db, 'platform.admin', { role: 'platform_admin' });
    admin = await logIn(server.app, 'platform.admin');
  });
  after(() => server?.close());

  it('the migration seeds exactly the published 2025 and 2026 arrangements', async () => {
    const rows = await server.database.db
      .selectFrom('calendar_day')
      .select(['date', 'kind', 'name'])
      .orderBy('date')
      .execute();
    const expected = [...OFFICIAL_ARRANGEMENTS].sort((a, b) => a.date.localeCompare(b.date));
    assert.deepEqual(rows, expected);
  });

  it('anyone reads a year without logging in, with its count of working days', async () => {
    const year = await anonymous('GET', '/api/calendar?year=2026');
    assert.equal(year.status, 200);
    assert.equal(year.body.published, true);
    assert.equal(year.body.days.length, 33 + 6);
    assert.ok(year.body.days.some((d: any) => d.date === '2026-10-10' && d.kind === 'workday_swap'));
    // 261 weekdays, less 19 holidays falling on weekdays, plus 6 worked weekend days.
    assert.equal(year.body.workingDays, 248);
    const unknown = await anonymous('GET', '/api/calendar?year=2027');
    assert.deepEqual([unknown.body.published, unknown.body.days], [false, []]);
    assert.equal((await anonymous('GET', '/api/calendar?year=20x6')).status, 400);
  });

  it('only platform administrators change it', async () => {
    const day = { date: '2027-01-01', kind: 'holiday', name: '元旦' };
    assert.equal((await anonymous('POST', '/api/calendar/days', day)).status, 401);
    const officer = await logIn(server.app, 'city.civil');
    assert.equal((await officer.request('POST', '/api/calendar/days', day)).status, 403);
    assert.equal((await officer.request('DELETE', '/api/calendar/days/2026-10-01')).status, 403);
    const provider = await logIn(server.app, 'provider.demo');
    assert.equal((await provider.request('POST', '/api/calendar/days', day)).status, 403);
    assert.equal((await anonymous('GET', '/api/calendar?year=2027')).body.days.length, 0);
  });

  it('an administrator records the next year’s arrangement and removes a day again, audited', async () => {
    const added = await admin.request('POST', '/api/calendar/days', {
      date: '2027-01-01',
      kind: 'holiday',
      name: '元旦',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const swap = await admin.request('POST', '/api/calendar/days', {
      date: '2027-02-06',
      kind: 'workday_swap',
      name: '春节调休上班',
    });
    assert.equal(swap.status, 201, 'Saturday 6 February 2027');
    const year = await anonymous('GET', '/api/calendar?year=2027');
    assert.equal(year.body.published, true);
    assert.deepEqual(
      year.body.days.map((d: any) => d.date),
      ['2027-01-01', '2027-02-06'],
    );
    const removed = await admin.request('DELETE', '/api/calendar/days/2027-02-06');
    assert.equal(removed.status, 200);
    assert.equal((await admin.request('DELETE', '/api/calendar/days/2027-02-06')).status, 404);
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'calendar_day')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.entity_id]),
      [
        ['create', '2027-01-01'],
        ['create', '2027-02-06'],
        ['delete', '2027-02-06'],
      ],
    );
  });

  it('refuses a weekday as a worked weekend, a date twice, and impossible dates, with clear 4xx', async () => {
    const weekday = await admin.request('POST', '/api/calendar/days', {
      date: '2027-02-08',
      kind: 'workday_swap',
      name: 'x',
    });
    assert.equal(weekday.status, 400);
    assert.deepEqual(
      weekday.body.error.fields.map((f: any) => f.path),
      ['body.kind'],
    );
    const twice = await admin.request('POST', '/api/calendar/days', {
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
    });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'calendar_day_exists');
    const impossible = await admin.request('POST', '/api/calendar/days', {
      date: '2027-02-30',
      kind: 'holiday',
      name: 'x',
    });
    assert.equal(impossible.status, 400);
    assert.deepEqual(
      impossible.body.error.fields.map((f: any) => f.path),
      ['body.date'],
    );
    assert.equal((await admin.request('DELETE', '/api/calendar/days/yesterday')).status, 400);
  });
});
