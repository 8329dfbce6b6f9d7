import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { create, logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

const NOW = new Date('2026-01-15T04:00:00Z');

/** Households link the generations: an elder and a grandchild under 3 in one household is one record to count. */
describe('households', () => {
  let server: TestServer;
  let city: Session;
  let xiangshan: Session;
  const ids: Record<string, number> = {};
  // The demo city's own households, counted before these tests add theirs.
  const demo = { total: 0, withElderAndYoungChild: 0, withElderAndYoungChild2027: 0 };

  const counts = async () =>
    (
      await sql<{ h: number; m: number }>`
        SELECT (SELECT count(*) FROM household)::int AS h, (SELECT count(*) FROM household_member)::int AS m`.execute(
        server.database.db,
      )
    ).rows[0];

  async function person(key: string, regionCode: string, birthDate: string) {
    ids[key] = (
      await create(city, '/api/people', { regionCode, name: `户测试${key}`, sex: 'female', birthDate })
    ).id;
  }

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    city = await logIn(server.app, 'city.civil');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    const existing = (await city.request('GET', '/api/households?region=3406')).body;
    demo.total = existing.total;
    demo.withElderAndYoungChild = existing.withElderAndYoungChild;
    demo.withElderAndYoungChild2027 = (
      await city.request('GET', '/api/households?region=3406&on=2027-06-01')
    ).body.withElderAndYoungChild;
    await person('grandma', '340603001', '1950-05-05');
    await person('mother', '340603001', '1990-02-02');
    await person('baby', '340603001', '2024-06-01');
    await person('dujiElder', '340602', '1948-08-08');
    await person('dujiBaby', '340602', '2025-01-01');
    await person('lonely', '340603', '1940-01-01');
    await person('dujiSon', '340602', '1975-04-04');
  });
  after(() => server?.close());

  it('registers a household of three generations and flags it as elder + child under 3', async () => {
    const reply = await xiangshan.request('POST', '/api/households', {
      regionCode: '340603001',
      address: '相山区人民路1号',
      headPersonId: ids.grandma,
      joinedOn: '2024-06-01',
      members: [
        { personId: ids.mother, relation: 'child' },
        { personId: ids.baby, relation: 'grandchild' },
      ],
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    ids.household = reply.body.id;
    assert.equal(reply.body.headPersonId, ids.grandma);
    assert.equal(reply.body.memberCount, 3);
    assert.equal(reply.body.elderCount, 1);
    assert.equal(reply.body.youngChildCount, 1);
    assert.equal(reply.body.hasElderAndYoungChild, true);
    assert.deepEqual(
      reply.body.members.map((m: { relation: string }) => m.relation),
      ['head', 'child', 'grandchild'],
    );
    const detail = await city.request('GET', `/api/people/${ids.baby}`);
    assert.equal(detail.body.households[0].household.id, ids.household);
    assert.equal(detail.body.households[0].relation, 'grandchild');
  });

  it('counts the households of a region and how many hold an elder and a child under 3', async () => {
    const lonely = await city.request('POST', '/api/households', {
      regionCode: '340603',
      headPersonId: ids.lonely,
    });
    assert.equal(lonely.status, 201);
    assert.equal(lonely.body.hasElderAndYoungChild, false);
    const list = await city.request('GET', '/api/households?region=3406');
    assert.equal(list.status, 200);
    assert.equal(list.body.total, demo.total + 2);
    assert.equal(list.body.withElderAndYoungChild, demo.withElderAndYoungChild + 1);
    const flagged = await city.request(
      'GET',
      '/api/households?region=3406&elderAndYoungChild=true&limit=200',
    );
    assert.deepEqual(
      flagged.body.households.map((h: { id: number }) => h.id).filter((id: number) => id >= ids.household),
      [ids.household],
    );
    // On the baby's third birthday the household no longer counts.
    const later = await city.request('GET', '/api/households?region=3406&on=2027-06-01');
    assert.equal(later.body.withElderAndYoungChild, demo.withElderAndYoungChild2027);
    const beforeBirth = await city.request('GET', `/api/households/${ids.household}?on=2024-05-31`);
    assert.equal(beforeBirth.body.memberCount, 0, 'nobody had joined yet');
  });

  it('keeps a person in one household at a time (409, nothing written)', async () => {
    const before = await counts();
    const twice = await city.request('POST', '/api/households', {
      regionCode: '340603',
      headPersonId: ids.mother,
    });
    assert.equal(twice.status, 409, JSON.stringify(twice.body));
    assert.equal(twice.body.error.code, 'already_in_household');
    assert.equal(twice.body.error.fields[0].path, 'body.headPersonId');
    assert.deepEqual(await counts(), before, 'the household was not created either');
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ regionCode: '340603', headPersonId: ids.dujiElder }, 'body.headPersonId'],
      [{ regionCode: '340603', headPersonId: 99_999_999 }, 'body.headPersonId'],
      [
        {
          regionCode: '340603',
          headPersonId: ids.lonely,
          members: [{ personId: ids.dujiElder, relation: 'head' }],
        },
        'body.members.0.relation',
      ],
      [{ regionCode: '999999', headPersonId: ids.lonely }, 'body.regionCode'],
      [{ regionCode: '340603' }, 'body.headPersonId'],
    ];
    for (const [body, path] of cases) {
      const reply = await xiangshan.request('POST', '/api/households', body);
      assert.equal(reply.status, 400, `${JSON.stringify(body)} → ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.error.fields[0].path, path);
    }
    assert.deepEqual(await counts(), before);
  });

  it('adds and removes members, keeping the history and moving the head', async () => {
    const added = await city.request('POST', '/api/households', {
      regionCode: '340602',
      headPersonId: ids.dujiElder,
      joinedOn: '2020-01-01',
    });
    ids.dujiHousehold = added.body.id;
    const baby = await city.request('POST', `/api/households/${ids.dujiHousehold}/members`, {
      personId: ids.dujiBaby,
      relation: 'grandchild',
      joinedOn: '2025-01-01',
    });
    assert.equal(baby.status, 201, JSON.stringify(baby.body));
    assert.equal(baby.body.hasElderAndYoungChild, true);
    const secondHead = await city.request('POST', `/api/households/${ids.dujiHousehold}/members`, {
      personId: ids.dujiSon,
      relation: 'head',
    });
    assert.equal(secondHead.status, 409);
    assert.equal(secondHead.body.error.code, 'household_has_head');
    const left = await city.request(
      'DELETE',
      `/api/households/${ids.dujiHousehold}/members/${ids.dujiElder}?on=2026-01-10`,
    );
    assert.equal(left.status, 200, JSON.stringify(left.body));
    assert.equal(left.body.headPersonId, null);
    assert.equal(left.body.hasElderAndYoungChild, false);
    assert.equal(left.body.members.length, 2, 'the membership stays in the history');
    const gone = await city.request(
      'DELETE',
      `/api/households/${ids.dujiHousehold}/members/${ids.dujiElder}?on=2026-01-11`,
    );
    assert.equal(gone.status, 404, 'no live membership is left to end');
  });

  it("never shows a district officer another district's households, or their members' details", async () => {
    assert.equal((await xiangshan.request('GET', '/api/households?region=340602')).status, 403);
    assert.equal((await xiangshan.request('GET', `/api/households/${ids.dujiHousehold}`)).status, 404);
    const own = await xiangshan.request('GET', '/api/households?region=340603');
    assert.ok(own.body.households.every((h: { regionCode: string }) => h.regionCode.startsWith('340603')));
    assert.equal(
      (
        await xiangshan.request('POST', `/api/households/${ids.dujiHousehold}/members`, {
          personId: ids.lonely,
          relation: 'other',
        })
      ).status,
      404,
    );
    // A 相山 household with a 杜集 member (registered by the city): the district sees the membership, not the person.
    const join = await city.request('POST', `/api/households/${ids.household}/members`, {
      personId: ids.dujiElder,
      relation: 'other',
      joinedOn: '2026-01-12',
    });
    assert.equal(join.status, 201, JSON.stringify(join.body));
    const seen = await xiangshan.request('GET', `/api/households/${ids.household}`);
    assert.equal(seen.status, 200);
    const foreign = seen.body.members.filter((m: { person: unknown }) => m.person === null);
    assert.equal(foreign.length, 1);
    assert.doesNotMatch(JSON.stringify(seen.body), new RegExp(`户测试dujiElder|"id":${ids.dujiElder}\\b`));
    const cityView = await city.request('GET', `/api/households/${ids.household}`);
    assert.ok(cityView.body.members.every((m: { person: unknown }) => m.person !== null));
  });

  it("files each affected person's audit entry under that person's own district", async () => {
    const entries = await sql<{ region_code: string; detail: { personId?: number } }>`
      SELECT region_code, detail FROM audit_entry WHERE entity = 'household_member'`.execute(
      server.database.db,
    );
    const regionOf = new Map([
      [ids.dujiElder, '340602'],
      [ids.dujiBaby, '340602'],
    ]);
    for (const entry of entries.rows) {
      const personId = entry.detail.personId;
      if (personId === undefined) continue;
      if (regionOf.has(personId)) assert.equal(entry.region_code, regionOf.get(personId));
      else assert.ok(entry.region_code.startsWith('340603'), JSON.stringify(entry));
    }
    const xiangshanLog = await xiangshan.request('GET', '/api/audit?region=340603&limit=500');
    const text = JSON.stringify(xiangshanLog.body.entries);
    for (const id of [ids.dujiElder, ids.dujiBaby]) {
      assert.doesNotMatch(text, new RegExp(`"personId":${id}\\b|"personIds":\\[[^\\]]*\\b${id}\\b`));
    }
  });
});
