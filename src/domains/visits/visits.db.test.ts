import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { hashPassword } from '../accounts/password.ts';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { accountPlace, startTestServer, type TestServer } from '../../../test/helpers/server.ts';

// China 10:00 on Monday 26 January 2026: six days of the month remain, so the unvisited alert is due.
const NOW = new Date('2026-01-26T02:00:00Z');

const CHECKLIST = {
  health: 'ok',
  mentalState: 'ok',
  utilitiesSafety: 'concern',
  hygiene: 'ok',
  livingEnvironment: 'ok',
};

describe('caring visits', () => {
  let server: TestServer;
  let civil: Session;
  let worker: Session;
  let workerId: number;
  let community: string;

  const db = () => server.database.db;
  async function newElder(fields: {
    birthDate: string;
    living: string | null;
    region?: string;
    name?: string;
  }) {
    const row = await sql<{ id: number }>`
      INSERT INTO person (region_code, name, sex, birth_date, living_situation, address)
      VALUES (${fields.region ?? community}, ${fields.name ?? '探访测试老人'}, 'female', ${fields.birthDate}::date,
              ${fields.living}, '相山区测试路1号')
      RETURNING id`.execute(db());
    return row.rows[0]!.id;
  }
  const sync = (regionCode = community) => civil.request('POST', '/api/visits/roster/sync', { regionCode });
  const rosterEntry = async (personId: number) =>
    (await civil.request('GET', `/api/visits/roster?regionCode=${community}&pageSize=200`)).body.items.find(
      (item: { personId: number }) => item.personId === personId,
    );
  const visit = (personId: number, extra: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    personId,
    mode: 'phone',
    startedAt: '2026-01-26T01:00:00Z',
    endedAt: '2026-01-26T01:20:00Z',
    checklist: CHECKLIST,
    risks: ['燃气软管老化'],
    referrals: [],
    ...extra,
  });

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    civil = await logIn(server.app, 'xiangshan.civil');
    worker = await logIn(server.app, 'xiangshan.worker');
    ({ id: workerId, regionCode: community } = await accountPlace(server, 'xiangshan.worker'));
  });
  after(() => server?.close());

  it('puts elders on the roster by the rules, at their tier, and keeps leaving as history with the reason', async () => {
    const old = await newElder({ birthDate: '1940-03-01', living: 'alone', name: '独居高龄老人' });
    const younger = await newElder({ birthDate: '1960-01-01', living: 'alone' });
    const withFamily = await newElder({ birthDate: '1940-03-01', living: 'with_family' });
    const synced = await sync();
    assert.equal(synced.status, 200, JSON.stringify(synced.body));
    assert.ok(synced.body.entered >= 2);

    const high = await rosterEntry(old);
    assert.deepEqual([high.tier, high.frequency, high.since], ['high', 'weekly', '2026-01-26']);
    assert.deepEqual(high.reasons, ['living_alone', 'age_80_plus']);
    assert.equal(high.workerAccountId, workerId, 'the community worker takes new targets of its community');
    assert.deepEqual(
      [(await rosterEntry(younger)).tier, (await rosterEntry(younger)).frequency],
      ['key', 'monthly'],
    );
    assert.equal(await rosterEntry(withFamily), undefined, 'an able elder living with family is no target');

    // She moves in with her daughter: she leaves the roster, and the period she was on it stays.
    await sql`UPDATE person SET living_situation = 'with_family' WHERE id = ${old}`.execute(db());
    assert.equal((await sync()).body.left, 1);
    assert.equal(await rosterEntry(old), undefined);
    const periods = await db()
      .selectFrom('visit_roster_period')
      .select(['entered_on', 'left_on', 'leave_reason', 'source'])
      .where('person_id', '=', old)
      .execute();
    assert.deepEqual(periods, [
      {
        entered_on: '2026-01-26',
        left_on: '2026-01-26',
        leave_reason: 'no longer meets the criteria',
        source: 'rule',
      },
    ]);
  });

  it('lets staff include or exclude someone against the rules, with a reason that is shown', async () => {
    const able = await newElder({ birthDate: '1950-05-05', living: 'with_family' });
    const noReason = await civil.request('POST', '/api/visits/roster/overrides', {
      personId: able,
      include: true,
    });
    assert.equal(noReason.status, 400);
    const included = await civil.request('POST', '/api/visits/roster/overrides', {
      personId: able,
      include: true,
      tier: 'key',
      reason: '子女长期在外地，邻里反映独自在家',
    });
    assert.equal(included.status, 200, JSON.stringify(included.body));
    assert.deepEqual(
      [included.body.onRoster, included.body.item.tier, included.body.item.reasons[0]],
      [true, 'key', 'override'],
    );
    assert.equal(included.body.item.override.reason, '子女长期在外地，邻里反映独自在家');

    const alone = await newElder({ birthDate: '1950-05-05', living: 'alone' });
    await sync();
    const excluded = await civil.request('POST', '/api/visits/roster/overrides', {
      personId: alone,
      include: false,
      reason: '已入住养老机构',
    });
    assert.equal(excluded.body.onRoster, false);
    assert.equal(await rosterEntry(alone), undefined);
    assert.equal((await sync()).body.entered, 0, 'the rules do not bring an excluded person back');
  });

  it("generates a month's tasks by tier frequency: weekly each week, monthly once, quarterly per quarter; twice adds nothing", async () => {
    const high = await newElder({ birthDate: '1935-01-01', living: 'alone' });
    const key = await newElder({ birthDate: '1955-01-01', living: 'alone' });
    const general = await newElder({ birthDate: '1955-01-01', living: 'empty_nest' });
    await sync();
    const generated = await civil.request('POST', '/api/visits/tasks/generate', {
      regionCode: community,
      month: '2026-02',
    });
    assert.equal(generated.status, 200, JSON.stringify(generated.body));
    const tasksOf = (personId: number) =>
      db()
        .selectFrom('visit_task')
        .select(['period_start', 'due_on', 'kind'])
        .where('person_id', '=', personId)
        .orderBy('period_start')
        .execute();
    // February 2026 begins on a Sunday: the week of Monday 26 January overlaps it, then the 2nd, 9th, 16th, 23rd.
    assert.deepEqual(
      (await tasksOf(high)).map((task) => task.period_start),
      ['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23'],
    );
    assert.deepEqual(await tasksOf(key), [
      { period_start: '2026-02-01', due_on: '2026-02-28', kind: 'regular' },
    ]);
    assert.deepEqual(await tasksOf(general), [
      { period_start: '2026-01-01', due_on: '2026-03-31', kind: 'regular' },
    ]);
    const again = await civil.request('POST', '/api/visits/tasks/generate', {
      regionCode: community,
      month: '2026-02',
    });
    assert.equal(again.body.created, 0);
  });

  it('a hospital discharge creates an extra visit due 24 hours later, shown to the worker', async () => {
    const person = await newElder({ birthDate: '1944-04-04', living: 'alone' });
    await sync();
    const event = await worker.request('POST', '/api/visits/events', {
      personId: person,
      kind: 'hospital_discharge',
      occurredAt: '2026-01-24T06:30:00Z',
      note: '肺炎出院',
    });
    assert.equal(event.status, 201, JSON.stringify(event.body));
    assert.deepEqual(
      [event.body.kind, event.body.dueAt, event.body.dueOn, event.body.reason],
      ['extra', '2026-01-25T06:30:00.000Z', '2026-01-25', 'hospital_discharge'],
    );
    const mine = await worker.request('GET', '/api/visits/tasks/mine');
    assert.ok(mine.body.items.some((task: { id: number }) => task.id === event.body.id));
    // A visit after the deadline is flagged late.
    const late = await worker.request(
      'POST',
      '/api/visits/records',
      visit(person, {
        taskId: event.body.id,
        startedAt: '2026-01-25T07:00:00Z',
        endedAt: '2026-01-25T07:30:00Z',
      }),
    );
    assert.equal(late.status, 201, JSON.stringify(late.body));
    assert.deepEqual(late.body.flags, [{ code: 'late_extra_visit', reasonCode: null }]);
    // Record, task and audit entry are written together.
    const task = await db()
      .selectFrom('visit_task')
      .select(['status', 'done_record_id'])
      .where('id', '=', event.body.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([task.status, task.done_record_id], ['done', late.body.id]);
    const created = await db()
      .selectFrom('audit_entry')
      .select(['action', 'account_id', 'region_code', 'detail'])
      .where('entity', '=', 'visit_record')
      .where('entity_id', '=', String(late.body.id))
      .execute();
    assert.deepEqual(created, [
      {
        action: 'create',
        account_id: workerId,
        region_code: late.body.regionCode,
        detail: { personId: person, mode: 'phone', flags: ['late_extra_visit'] },
      },
    ]);
    const future = await worker.request('POST', '/api/visits/events', {
      personId: person,
      kind: 'alarm',
      occurredAt: '2026-02-01T00:00:00Z',
    });
    assert.equal(future.status, 400);
  });

  it('an offline visit sent twice (or twice at once) is one record; the second answer is the same record', async () => {
    const person = await newElder({ birthDate: '1946-06-06', living: 'alone' });
    await sync();
    const body = visit(person);
    const first = await worker.request('POST', '/api/visits/records', body);
    const second = await worker.request('POST', '/api/visits/records', body);
    assert.deepEqual([first.status, second.status], [201, 200]);
    assert.equal(second.body.id, first.body.id);
    assert.equal(first.body.status, 'pending');
    const racing = visit(person);
    const replies = await Promise.all(
      [1, 2, 3].map(() => worker.request('POST', '/api/visits/records', racing)),
    );
    assert.equal(new Set(replies.map((reply) => reply.body.id)).size, 1);
    assert.deepEqual(replies.map((reply) => reply.status).sort(), [200, 200, 201]);
    const count = await db()
      .selectFrom('visit_record')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('client_id', 'in', [body.clientId, racing.clientId])
      .executeTakeFirstOrThrow();
    assert.equal(count.n, 2);
  });

  it('counts only verified visits in the monthly rate, and the plan shows the rate computed from them', async () => {
    const a = await newElder({ birthDate: '1942-02-02', living: 'alone' });
    const b = await newElder({ birthDate: '1942-02-02', living: 'alone' });
    await sync();
    const rate = async () =>
      (await civil.request('GET', `/api/visits/rate?regionCode=${community}&month=2026-01`)).body;
    const before = await rate();
    assert.equal(before.targets >= 2, true);
    const first = await worker.request('POST', '/api/visits/records', visit(a));
    const second = await worker.request('POST', '/api/visits/records', visit(b));
    assert.equal((await rate()).visited, before.visited, 'pending visits do not count');
    const unvisited = async () =>
      (
        await civil.request('GET', `/api/visits/rate/${community}/unvisited?month=2026-01&pageSize=200`)
      ).body.items.map((item: { personId: number }) => item.personId);
    assert.ok((await unvisited()).includes(a));

    const verified = await civil.request('POST', `/api/visits/records/${first.body.id}/verify`);
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.reviewedBy, '相山区民政局 李干事');
    const rejected = await civil.request('POST', `/api/visits/records/${second.body.id}/reject`, {
      reason: '照片与地址不符',
    });
    assert.equal(rejected.body.status, 'rejected');
    const after = await rate();
    assert.equal(after.visited, before.visited + 1, 'one verified visit counts; the rejected one does not');
    assert.equal(after.rate, Math.round((after.visited / after.targets) * 1000) / 10);
    assert.ok(!(await unvisited()).includes(a));
    assert.ok((await unvisited()).includes(b));
    assert.equal((await civil.request('POST', `/api/visits/records/${first.body.id}/verify`)).status, 409);

    const city = await logIn(server.app, 'city.civil');
    const plan = await db()
      .selectFrom('plan')
      .select('id')
      .where('region_code', '=', '3406')
      .executeTakeFirstOrThrow();
    const evaluation = await city.request(
      'GET',
      `/api/plans/${plan.id}/evaluation?region=${community}&date=2026-01-26`,
    );
    assert.equal(evaluation.status, 200, JSON.stringify(evaluation.body).slice(0, 300));
    const indicator = evaluation.body.indicators.find((i: { key: string }) => i.key === 'monthly_visit_rate');
    assert.deepEqual(
      [indicator.method, indicator.numerator, indicator.denominator, indicator.computed],
      ['computed', after.visited, after.targets, after.rate],
    );
    const planning = await logIn(server.app, 'city.planning');
    assert.equal(
      (await planning.request('GET', `/api/visits/rate?regionCode=3406`)).status,
      200,
      'planning sees rates',
    );
    assert.equal(
      (await planning.request('GET', `/api/visits/rate/3406/unvisited`)).status,
      403,
      'but no persons',
    );
  });

  it('keeps only the distance from the home, and flags a door visit far from it with the reason code', async () => {
    const person = await newElder({ birthDate: '1941-01-01', living: 'alone' });
    await sync();
    await civil.request('PUT', `/api/visits/roster/${person}`, { homeLocation: { lat: 33.96, lng: 116.79 } });
    const far = await worker.request(
      'POST',
      '/api/visits/records',
      visit(person, { mode: 'door', location: { lat: 33.97, lng: 116.79 }, offSiteReason: 'in_hospital' }),
    );
    assert.equal(far.status, 201, JSON.stringify(far.body));
    assert.deepEqual(
      [far.body.distanceMeters, far.body.flags],
      [1110, [{ code: 'far_from_home', reasonCode: 'in_hospital' }]],
    );
    const stored = await sql<{
      row: string;
    }>`SELECT v::text AS row FROM visit_record v WHERE id = ${far.body.id}`.execute(db());
    assert.doesNotMatch(stored.rows[0]!.row, /33\.97|116\.79/, 'the visit point itself is never stored');
    const phoneWithPlace = await worker.request(
      'POST',
      '/api/visits/records',
      visit(person, { location: { lat: 1, lng: 1 } }),
    );
    assert.equal(phoneWithPlace.status, 400);
  });

  it('the worker who recorded a flagged visit (offline, so without a reason) gives the reason afterwards; the supervisor sees it', async () => {
    const person = await newElder({ birthDate: '1939-09-09', living: 'alone' });
    await sync();
    await civil.request('PUT', `/api/visits/roster/${person}`, { homeLocation: { lat: 33.96, lng: 116.79 } });
    // Sent from the outbox when the network came back: the phone could not know the visit is far from the home.
    const sent = await worker.request(
      'POST',
      '/api/visits/records',
      visit(person, { mode: 'door', location: { lat: 33.97, lng: 116.79 } }),
    );
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.deepEqual(sent.body.flags, [{ code: 'far_from_home', reasonCode: null }]);
    const awaiting = async (session: Session) => {
      const reply = await session.request('GET', '/api/visits/records/awaiting-reason?pageSize=200');
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body.items.map((item: { id: number }) => item.id);
    };
    assert.ok((await awaiting(worker)).includes(sent.body.id), 'the worker is asked for the reason');

    // Another worker of the same community neither sees nor answers it.
    const account = await db()
      .insertInto('account')
      .values({
        username: 'second.worker',
        display_name: '第二探访员',
        principal_type: 'government',
        password_hash: await hashPassword('laoyou2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('account_role')
      .values({
        account_id: account.id,
        role: 'community_worker',
        region_code: community,
        domain: 'elderly_care',
      })
      .execute();
    const second = await logIn(server.app, 'second.worker');
    assert.ok(!(await awaiting(second)).includes(sent.body.id));
    const path = `/api/visits/records/${sent.body.id}/flag-reasons`;
    assert.equal((await second.request('POST', path, { offSiteReason: 'in_hospital' })).status, 404);

    // Bad input is refused and changes nothing.
    const wrongKind = await worker.request('POST', path, { offScheduleReason: 'person_away' });
    assert.equal(wrongKind.status, 400);
    assert.equal(wrongKind.body.error.fields[0].path, 'body.offScheduleReason');
    assert.equal((await worker.request('POST', path, { offSiteReason: 'other' })).status, 400);
    assert.equal((await worker.request('POST', path, { offSiteReason: 'no_such_reason' })).status, 400);
    const unchanged = await civil.request('GET', `/api/visits/records/${sent.body.id}`);
    assert.deepEqual(unchanged.body.flags, [{ code: 'far_from_home', reasonCode: null }]);

    const given = await worker.request('POST', path, {
      offSiteReason: 'in_hospital',
      note: '老人在市人民医院住院',
    });
    assert.equal(given.status, 200, JSON.stringify(given.body));
    const explained = {
      code: 'far_from_home',
      reasonCode: 'in_hospital',
      reasonNote: '老人在市人民医院住院',
      reasonGivenAt: NOW.toISOString(),
    };
    assert.deepEqual(given.body.flags, [explained]);
    assert.ok(!(await awaiting(worker)).includes(sent.body.id), 'answered visits leave the list');
    const audit = await db()
      .selectFrom('audit_entry')
      .select(['account_id', 'detail'])
      .where('entity', '=', 'visit_record')
      .where('entity_id', '=', String(sent.body.id))
      .where('action', '=', 'update')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.account_id, workerId);
    assert.deepEqual((audit[0]!.detail as { flagReasons: unknown }).flagReasons, {
      before: [{ code: 'far_from_home', reasonCode: null }],
      after: [explained],
    });

    // The supervisor sees the reason when verifying, and may add what the worker tells them by phone (audited as
    // not the recorder's); after verification the record is closed to reasons.
    const seen = await civil.request('GET', `/api/visits/records/${sent.body.id}`);
    assert.deepEqual(seen.body.flags, [explained]);
    const bySupervisor = await civil.request('POST', path, {
      offSiteReason: 'in_hospital',
      note: '电话核实：老人在市人民医院住院',
    });
    assert.equal(bySupervisor.status, 200, JSON.stringify(bySupervisor.body));
    assert.equal(bySupervisor.body.flags[0].reasonNote, '电话核实：老人在市人民医院住院');
    const supervisorAudit = await db()
      .selectFrom('audit_entry')
      .select(['detail'])
      .where('entity', '=', 'visit_record')
      .where('entity_id', '=', String(sent.body.id))
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal((supervisorAudit.detail as { byRecorder: boolean }).byRecorder, false);
    assert.equal((await civil.request('POST', `/api/visits/records/${sent.body.id}/verify`)).status, 200);
    const late = await worker.request('POST', path, { offSiteReason: 'gps_inaccurate' });
    assert.equal(late.status, 409);
  });

  it('a worker sees only its own tasks and targets; another district officer sees none of 相山区', async () => {
    const mine = await worker.request('GET', '/api/visits/tasks');
    assert.equal(mine.status, 200);
    assert.ok(mine.body.items.length > 0);
    assert.ok(
      mine.body.items.every((task: { workerAccountId: number }) => task.workerAccountId === workerId),
    );
    const roster = await worker.request('GET', '/api/visits/roster?pageSize=200');
    assert.ok(
      roster.body.items.every((item: { workerAccountId: number }) => item.workerAccountId === workerId),
    );
    // A target of another worker in the same district is out of reach.
    const other = await sql<{ person_id: number; region_code: string }>`
      SELECT person_id, region_code FROM visit_target
       WHERE on_roster AND worker_account_id <> ${workerId} AND region_code LIKE '340603%' LIMIT 1`.execute(
      db(),
    );
    assert.ok(other.rows[0], 'the demo has targets of other workers');
    assert.equal(
      (await worker.request('POST', '/api/visits/records', visit(other.rows[0]!.person_id))).status,
      404,
    );
    assert.equal((await worker.request('GET', '/api/visits/records?regionCode=340602')).status, 403);
    assert.equal(
      (
        await worker.request('POST', '/api/visits/tasks/generate', {
          regionCode: community,
          month: '2026-03',
        })
      ).status,
      403,
    );

    const hash = await hashPassword('laoyou2026');
    const account = await db()
      .insertInto('account')
      .values({
        username: 'duji.civil',
        display_name: '杜集区民政局',
        principal_type: 'government',
        password_hash: hash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('account_role')
      .values({ account_id: account.id, role: 'officer', region_code: '340602', domain: 'elderly_care' })
      .execute();
    const duji = await logIn(server.app, 'duji.civil');
    const record = await db()
      .selectFrom('visit_record')
      .select('id')
      .where('region_code', 'like', '340603%')
      .executeTakeFirstOrThrow();
    assert.equal((await duji.request('GET', `/api/visits/records/${record.id}`)).status, 404);
    assert.equal((await duji.request('POST', `/api/visits/records/${record.id}/verify`)).status, 404);
    assert.equal((await duji.request('GET', '/api/visits/roster?regionCode=340603')).status, 403);
    assert.equal((await duji.request('GET', '/api/visits/rate?regionCode=340603')).status, 403);
    const own = await duji.request('GET', '/api/visits/records?pageSize=200');
    assert.ok(own.body.items.every((item: { regionCode: string }) => item.regionCode.startsWith('340602')));
  });

  it('audits every read of targets’ personal data, one entry per person under its own region', async () => {
    const before = await db()
      .selectFrom('audit_entry')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', 'read')
      .where(sql<boolean>`detail->>'view' = 'visits.roster'`)
      .executeTakeFirstOrThrow();
    const roster = await civil.request('GET', `/api/visits/roster?regionCode=${community}&pageSize=5`);
    assert.equal(roster.body.items.length, 5);
    const entries = await db()
      .selectFrom('audit_entry')
      .select(['entity_id', 'region_code'])
      .where('action', '=', 'read')
      .where(sql<boolean>`detail->>'view' = 'visits.roster'`)
      .orderBy('id', 'desc')
      .limit(5)
      .execute();
    const total = await db()
      .selectFrom('audit_entry')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', 'read')
      .where(sql<boolean>`detail->>'view' = 'visits.roster'`)
      .executeTakeFirstOrThrow();
    assert.equal(total.n - before.n, 5);
    assert.deepEqual(
      entries.map((entry) => entry.entity_id).sort(),
      roster.body.items.map((item: { personId: number }) => String(item.personId)).sort(),
    );
    assert.match(roster.body.items[0].maskedIdNumber ?? '********', /\*{8}/);
  });

  it('alerts the community to unvisited targets with a week left, and the district to communities under target', async () => {
    const alerts = await civil.request('GET', '/api/visits/alerts?regionCode=340603');
    assert.equal(alerts.status, 200, JSON.stringify(alerts.body));
    assert.equal(alerts.body.daysLeft, 6);
    assert.ok(alerts.body.unvisited.length > 0);
    assert.ok(alerts.body.belowTarget.some((row: { regionCode: string }) => row.regionCode === community));
    assert.ok(alerts.body.belowTarget.every((row: { rate: number }) => row.rate < 100));
  });
});
