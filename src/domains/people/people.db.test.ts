import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { create, logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

const NOW = new Date('2026-01-15T04:00:00Z');

/** The people registry: filtered lists, the new person fields, conditions with validity periods, scope. */
describe('people registry', () => {
  let server: TestServer;
  let city: Session;
  let xiangshan: Session;
  const ids: Record<string, number> = {};
  // The demo city's residents match these filters too: the tests look at the people they registered.
  const ours = <T extends { id: number }>(people: T[]) =>
    people.filter((p) => Object.values(ids).includes(p.id));

  const count = async (table: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(server.database.db))
      .rows[0].n;

  async function register(key: string, body: Record<string, unknown>) {
    const person = await create(city, '/api/people', body);
    ids[key] = person.id;
    return person;
  }

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    city = await logIn(server.app, 'city.civil');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    await register('alone80', {
      regionCode: '340603001',
      name: '登记测试甲',
      sex: 'female',
      birthDate: '1946-01-15',
      livingSituation: 'alone',
      capabilityLevel: 3,
      capabilityAssessedOn: '2025-12-01',
      registeredRegionCode: '340621',
    });
    await register('emptyNest79', {
      regionCode: '340603001',
      name: '登记测试乙',
      sex: 'male',
      birthDate: '1946-01-16',
      livingSituation: 'empty_nest',
    });
    await register('duji70', {
      regionCode: '340602',
      name: '登记测试丙',
      sex: 'male',
      birthDate: '1955-07-01',
    });
    await register('toddler', {
      regionCode: '340603',
      name: '登记测试丁',
      sex: 'male',
      birthDate: '2024-03-01',
    });
  });
  after(() => server?.close());

  it('stores and answers registered place, living situation and capability level with its date', async () => {
    const reply = await city.request('GET', `/api/people/${ids.alone80}`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.registeredRegionCode, '340621');
    assert.equal(reply.body.livingSituation, 'alone');
    assert.equal(reply.body.capabilityLevel, 3);
    assert.equal(reply.body.capabilityAssessedOn, '2025-12-01');
    assert.deepEqual(reply.body.conditions, []);
  });

  it('filters by age band in completed years on the day asked about (80 today, 79 until tomorrow)', async () => {
    const names = async (query: string) =>
      ours<{ id: number; name: string }>(
        (await city.request('GET', `/api/people?region=340603001&pageSize=200&${query}`)).body.people,
      ).map((p) => p.name);
    assert.deepEqual(await names('ageFrom=80&ageTo=80'), ['登记测试甲']);
    assert.deepEqual(await names('ageFrom=79&ageTo=79'), ['登记测试乙']);
    assert.deepEqual(await names('ageFrom=80&ageTo=80&on=2026-01-16').then((n) => n.sort()), [
      '登记测试乙',
      '登记测试甲',
    ]);
    const young = await city.request('GET', '/api/people?region=3406&ageTo=2&pageSize=200');
    assert.deepEqual(
      ours(young.body.people).map((p: { id: number }) => p.id),
      [ids.toddler],
    );
  });

  it('filters by living situation, capability level and name', async () => {
    const one = async (query: string) => {
      const reply = await city.request('GET', `/api/people?region=3406&pageSize=200&${query}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return ours(reply.body.people).map((p: { id: number }) => p.id);
    };
    assert.deepEqual(await one('livingSituation=alone'), [ids.alone80]);
    assert.deepEqual(await one('livingSituation=empty_nest'), [ids.emptyNest79]);
    assert.deepEqual(await one('capabilityLevel=3'), [ids.alone80]);
    assert.deepEqual(await one(`name=${encodeURIComponent('测试丙')}`), [ids.duji70]);
  });

  it('refuses a bad filter with a field error, not a 500', async () => {
    const reversed = await city.request('GET', '/api/people?region=3406&ageFrom=80&ageTo=60');
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body.error.fields[0].path, 'querystring.ageTo');
    const kind = await city.request('GET', '/api/people?region=3406&condition=rich');
    assert.equal(kind.status, 400);
    assert.equal(kind.body.error.fields[0].path, 'querystring.condition');
    assert.equal((await city.request('GET', '/api/people?region=3406&capabilityLevel=5')).status, 400);
  });

  it('pages by keyset: pages do not overlap, keep region-code then registration order, and hold every match', async () => {
    type Page = { people: { id: number; regionCode: string }[]; nextAfter: string | null; total: number };
    const seen: { id: number; regionCode: string }[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const reply: { status: number; body: Page } = await city.request(
        'GET',
        `/api/people?region=3406&pageSize=7${after ? `&after=${after}` : ''}`,
      );
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      seen.push(...reply.body.people);
      total = reply.body.total;
      after = reply.body.nextAfter;
    } while (after !== null);
    assert.equal(new Set(seen.map((p) => p.id)).size, seen.length, 'no person twice');
    assert.equal(seen.length, total);
    assert.ok(total > 40);
    const inOrder = [...seen].sort((a, b) =>
      a.regionCode === b.regionCode ? a.id - b.id : a.regionCode < b.regionCode ? -1 : 1,
    );
    assert.deepEqual(seen, inOrder);
    const offset = await city.request('GET', '/api/people?region=3406&pageSize=7&page=2');
    assert.deepEqual(
      offset.body.people.map((p: { id: number }) => p.id),
      seen.slice(7, 14).map((p) => p.id),
    );
    const badCursor = await city.request('GET', '/api/people?region=3406&after=abc');
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.body.error.fields[0].path, 'querystring.after');
  });

  it('pages by keyset through a condition filter too', async () => {
    const demoPoor = (await city.request('GET', '/api/people?region=3406&condition=extreme_poverty')).body
      .total;
    for (const [i, key] of ['alone80', 'emptyNest79', 'duji70', 'toddler'].entries()) {
      const reply = await city.request('POST', `/api/people/${ids[key]}/conditions`, {
        kind: 'extreme_poverty',
        validFrom: `2025-0${i + 1}-01`,
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    const first = await city.request('GET', '/api/people?region=3406&condition=extreme_poverty&pageSize=3');
    assert.equal(first.body.total, demoPoor + 4);
    const pages = [first.body];
    while (pages.at(-1).nextAfter !== null) {
      const next = await city.request(
        'GET',
        `/api/people?region=3406&condition=extreme_poverty&pageSize=3&after=${pages.at(-1).nextAfter}`,
      );
      pages.push(next.body);
    }
    const all = pages.flatMap((page) => page.people);
    assert.equal(all.length, demoPoor + 4, 'every match once, and the last page says so');
    assert.deepEqual(
      ours(all)
        .map((p: { id: number }) => p.id)
        .sort(),
      [ids.alone80, ids.emptyNest79, ids.duji70, ids.toddler].sort(),
    );
  });

  it('records a condition and lists by conditions live on a date, never by ended ones', async () => {
    const created = await city.request('POST', `/api/people/${ids.alone80}/conditions`, {
      kind: 'minimum_living_allowance',
      validFrom: '2024-01-01',
      source: '民政低保台账',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.live, true);
    const ended = await city.request('POST', `/api/people/${ids.emptyNest79}/conditions`, {
      kind: 'minimum_living_allowance',
      validFrom: '2020-01-01',
      validTo: '2023-01-01',
    });
    assert.equal(ended.status, 201);
    const list = async (on?: string) =>
      (
        await city.request(
          'GET',
          `/api/people?region=3406&pageSize=200&condition=minimum_living_allowance${on ? `&on=${on}` : ''}`,
        )
      ).body.people;
    const ourIds = async (on?: string) => ours(await list(on)).map((p: { id: number }) => p.id);
    assert.deepEqual(await ourIds(), [ids.alone80]);
    assert.deepEqual(await ourIds('2022-06-01'), [ids.emptyNest79]);
    assert.deepEqual(await ourIds('2023-01-01'), [], 'validTo is the first day it no longer holds');
  });

  it('rejects an overlapping period of the same kind with a 409 field error and writes nothing', async () => {
    const before = await count('person_condition');
    const overlap = await city.request('POST', `/api/people/${ids.alone80}/conditions`, {
      kind: 'minimum_living_allowance',
      validFrom: '2025-06-01',
    });
    assert.equal(overlap.status, 409, JSON.stringify(overlap.body));
    assert.equal(overlap.body.error.code, 'condition_overlaps');
    assert.equal(overlap.body.error.fields[0].path, 'body.validFrom');
    assert.equal(await count('person_condition'), before);
    const otherKind = await city.request('POST', `/api/people/${ids.alone80}/conditions`, {
      kind: 'low_income',
      validFrom: '2025-06-01',
    });
    assert.equal(otherKind.status, 201, 'another kind may overlap');
  });

  it('lets the database refuse an overlap even when the check is bypassed (exclusion constraint)', async () => {
    const person = await city.request('GET', `/api/people/${ids.alone80}`);
    await assert.rejects(
      sql`INSERT INTO person_condition (region_code, person_id, kind, valid_from)
          VALUES (${person.body.regionCode}, ${ids.alone80}, 'minimum_living_allowance', DATE '2025-02-01')`.execute(
        server.database.db,
      ),
      /person_condition_no_overlap/,
    );
  });

  it('asks for a disability grade with a disability, 1 to 4, and writes nothing otherwise', async () => {
    const before = await count('person_condition');
    const missing = await city.request('POST', `/api/people/${ids.duji70}/conditions`, {
      kind: 'disability',
      validFrom: '2025-01-01',
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.fields[0].path, 'body.disabilityGrade');
    const tooHigh = await city.request('POST', `/api/people/${ids.duji70}/conditions`, {
      kind: 'disability',
      disabilityGrade: 5,
      validFrom: '2025-01-01',
    });
    assert.equal(tooHigh.status, 400);
    const backwards = await city.request('POST', `/api/people/${ids.duji70}/conditions`, {
      kind: 'dementia',
      validFrom: '2025-01-01',
      validTo: '2024-01-01',
    });
    assert.equal(backwards.status, 400);
    assert.equal(backwards.body.error.fields[0].path, 'body.validTo');
    assert.equal(await count('person_condition'), before);
    const graded = await city.request('POST', `/api/people/${ids.duji70}/conditions`, {
      kind: 'disability',
      disabilityGrade: 2,
      validFrom: '2025-01-01',
    });
    assert.equal(graded.status, 201);
    assert.equal(graded.body.disabilityGrade, 2);
  });

  it('ends a condition by setting its end date, keeping the history in the person record', async () => {
    const created = await city.request('POST', `/api/people/${ids.toddler}/conditions`, {
      kind: 'family_planning_special',
      validFrom: '2025-01-01',
    });
    const end = await city.request(
      'DELETE',
      `/api/people/${ids.toddler}/conditions/${created.body.id}?on=2025-12-31`,
    );
    assert.equal(end.status, 200, JSON.stringify(end.body));
    assert.equal(end.body.validTo, '2025-12-31');
    assert.equal(end.body.live, false);
    const again = await city.request(
      'DELETE',
      `/api/people/${ids.toddler}/conditions/${created.body.id}?on=2026-01-01`,
    );
    assert.equal(again.status, 409, 'an ended condition cannot end again later');
    const early = await city.request('POST', `/api/people/${ids.toddler}/conditions`, {
      kind: 'dementia',
      validFrom: '2025-06-01',
    });
    const beforeStart = await city.request(
      'DELETE',
      `/api/people/${ids.toddler}/conditions/${early.body.id}?on=2025-05-01`,
    );
    assert.equal(beforeStart.status, 400);
    assert.equal(beforeStart.body.error.fields[0].path, 'querystring.on');
    const detail = await city.request('GET', `/api/people/${ids.toddler}`);
    assert.deepEqual(
      detail.body.conditions
        .filter((c: { kind: string }) => c.kind !== 'extreme_poverty')
        .map((c: { kind: string; validTo: string | null }) => [c.kind, c.validTo]),
      [
        ['dementia', null],
        ['family_planning_special', '2025-12-31'],
      ],
    );
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM person_condition WHERE person_id = ${ids.toddler}`.execute(
      server.database.db,
    );
    assert.equal(rows.rows[0].n, 3, 'nothing deleted (two here, one from the paging test)');
  });

  it('changes the new fields by PATCH, null clearing them, and refuses a level without its date', async () => {
    const patched = await city.request('PATCH', `/api/people/${ids.emptyNest79}`, {
      livingSituation: 'left_behind',
      capabilityLevel: 1,
      capabilityAssessedOn: '2026-01-10',
      registeredRegionCode: '340604',
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.livingSituation, 'left_behind');
    assert.equal(patched.body.capabilityLevel, 1);
    const cleared = await city.request('PATCH', `/api/people/${ids.emptyNest79}`, {
      livingSituation: null,
      capabilityLevel: null,
      capabilityAssessedOn: null,
    });
    assert.equal(cleared.body.livingSituation, null);
    assert.equal(cleared.body.capabilityLevel, null);
    const before = (await city.request('GET', `/api/people/${ids.emptyNest79}`)).body;
    for (const [body, path] of [
      [{ capabilityLevel: 2 }, 'body.capabilityAssessedOn'],
      [{ capabilityLevel: 2, capabilityAssessedOn: '2026-02-01' }, 'body.capabilityAssessedOn'],
      [{ registeredRegionCode: '999999', name: '不应改名' }, 'body.registeredRegionCode'],
      [{ livingSituation: 'homeless' }, 'body.livingSituation'],
    ] as const) {
      const reply = await city.request('PATCH', `/api/people/${ids.emptyNest79}`, body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.error.fields[0].path, path);
    }
    const after = (await city.request('GET', `/api/people/${ids.emptyNest79}`)).body;
    assert.deepEqual(after, before, 'a refused change leaves the person as they were');
  });

  it('moves a person’s conditions with them when they move, so condition lists follow', async () => {
    const moved = await city.request('PATCH', `/api/people/${ids.alone80}`, { regionCode: '340603002' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const list = async (region: string) =>
      (
        await city.request(
          'GET',
          `/api/people?region=${region}&condition=minimum_living_allowance&pageSize=200`,
        )
      ).body.people
        .filter((p: { id: number }) => Object.values(ids).includes(p.id))
        .map((p: { id: number }) => p.id);
    assert.deepEqual(await list('340603002'), [ids.alone80]);
    assert.deepEqual(await list('340603001'), []);
    const rows = await sql<{ region_code: string }>`
      SELECT DISTINCT region_code FROM person_condition WHERE person_id = ${ids.alone80}`.execute(
      server.database.db,
    );
    assert.deepEqual(
      rows.rows.map((row) => row.region_code),
      ['340603002'],
    );
    await city.request('PATCH', `/api/people/${ids.alone80}`, { regionCode: '340603001' });
  });

  it("never shows a district officer another district's people: list, detail, conditions", async () => {
    const list = await xiangshan.request('GET', '/api/people?region=340602');
    assert.equal(list.status, 403);
    const own = await xiangshan.request('GET', '/api/people?region=340603&pageSize=200');
    assert.equal(own.status, 200);
    assert.ok(own.body.people.length > 0);
    assert.ok(own.body.people.every((p: { regionCode: string }) => p.regionCode.startsWith('340603')));
    assert.equal((await xiangshan.request('GET', `/api/people/${ids.duji70}`)).status, 404);
    assert.equal(
      (
        await xiangshan.request('POST', `/api/people/${ids.duji70}/conditions`, {
          kind: 'dementia',
          validFrom: '2025-01-01',
        })
      ).status,
      404,
    );
    assert.equal((await xiangshan.request('GET', `/api/people/${ids.alone80}`)).status, 200);
  });

  it('audits condition changes under the person’s region with ids only', async () => {
    const entries = await sql<{ region_code: string; detail: Record<string, unknown> }>`
      SELECT region_code, detail FROM audit_entry WHERE entity = 'person_condition'`.execute(
      server.database.db,
    );
    assert.ok(entries.rows.length >= 5);
    for (const entry of entries.rows) {
      assert.equal(typeof entry.detail.personId, 'number');
      assert.doesNotMatch(JSON.stringify(entry.detail), /登记测试|民政低保台账/);
    }
  });
});
