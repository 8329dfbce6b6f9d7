import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * A district officer (相山区 340603) can neither read nor change another district's (杜集区 340602) records through
 * any endpoint. Every route of the route table is either attacked here or listed with the reason it holds no
 * district's records; a new route that is neither fails this test.
 */
const NOT_DISTRICT_DATA: Record<string, string> = {
  'GET /api/health': 'public probe',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'ends own session',
  'GET /api/auth/me': "the caller's own account",
  'POST /api/auth/tokens': "the caller's own tokens",
  'GET /api/auth/tokens': "the caller's own tokens",
  'DELETE /api/auth/tokens/:id': "the caller's own tokens (a foreign id is attacked below)",
  'GET /api/regions/roots': "the caller's own scope roots (checked below)",
};

describe('cross-district denial', () => {
  let server: TestServer;
  let xiangshan: Session;
  let dujiPersonId: number;
  let dujiIdNumber: string;
  let snapshot: () => Promise<string>;

  before(async () => {
    server = await startTestServer({ web: false });
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    const city = await logIn(server.app, 'city.civil');
    // A 杜集 person with a known ID number, registered by the city officer.
    const { makeIdNumber } = await import('../../src/shared/id-number.ts');
    dujiIdNumber = makeIdNumber('340602', '1940-01-01', 2);
    const duji = await city.request('POST', '/api/people', {
      regionCode: '340602',
      name: '杜集测试老人',
      idNumber: dujiIdNumber,
    });
    assert.equal(duji.status, 201, JSON.stringify(duji.body));
    dujiPersonId = duji.body.id;
    snapshot = async () => {
      const rows = await sql<{ t: string }>`
        SELECT string_agg(p::text, '|' ORDER BY id) AS t FROM person p`.execute(server.database.db);
      const tokens = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM api_token WHERE revoked_at IS NOT NULL`.execute(server.database.db);
      return rows.rows[0].t + '#' + tokens.rows[0].n;
    };
  });
  after(() => server?.close());

  function attack(method: string, url: string) {
    const path = url.replace(':code', '340602').replace(':id', String(dujiPersonId));
    const query =
      method === 'GET' && url === '/api/people'
        ? '?region=340602'
        : method === 'GET' && url === '/api/audit'
          ? '?region=340602'
          : '';
    const body =
      method === 'GET' || method === 'DELETE'
        ? undefined
        : {
            regionCode: '340602',
            name: '改名',
            sex: 'male',
            birthDate: '1950-01-01',
            idNumber: dujiIdNumber,
            address: 'x',
          };
    return xiangshan.request(method, path + query, body);
  }

  it('every district-data route refuses the other district and changes nothing', async () => {
    const before = await snapshot();
    const attacked: string[] = [];
    for (const route of server.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      if (key in NOT_DISTRICT_DATA) continue;
      const reply = await attack(route.method, route.url);
      attacked.push(key);
      assert.ok(
        reply.status === 403 || reply.status === 404,
        `${key} answered ${reply.status} to the other district: ${JSON.stringify(reply.body).slice(0, 200)}`,
      );
      assert.doesNotMatch(
        JSON.stringify(reply.body),
        /杜集测试老人|杜集区/,
        `${key} leaked the other district`,
      );
    }
    assert.equal(await snapshot(), before, 'no record changed');
    assert.ok(attacked.length >= 6, `attacked ${attacked.join(', ')}`);
  });

  it('the same requests succeed for the officer in their own district (the test can tell)', async () => {
    const own = await xiangshan.request('POST', '/api/people', {
      regionCode: '340603',
      name: '相山测试老人',
      sex: 'female',
      birthDate: '1941-02-03',
    });
    assert.equal(own.status, 201);
    assert.equal((await xiangshan.request('GET', `/api/people/${own.body.id}`)).status, 200);
    assert.equal((await xiangshan.request('GET', '/api/people?region=340603')).status, 200);
    assert.equal((await xiangshan.request('GET', '/api/regions/340603/summary')).status, 200);
    assert.equal((await xiangshan.request('GET', '/api/audit?region=340603')).status, 200);
  });

  it("the officer's region roots are only their own district", async () => {
    const roots = await xiangshan.request('GET', '/api/regions/roots');
    assert.deepEqual(
      roots.body.regions.map((r: { code: string }) => r.code),
      ['340603'],
    );
  });

  it('cannot move a person of their own district into another district', async () => {
    const own = await xiangshan.request('POST', '/api/people', {
      regionCode: '340603001',
      name: '相山搬迁测试',
      sex: 'male',
      birthDate: '1945-05-05',
    });
    const moved = await xiangshan.request('PATCH', `/api/people/${own.body.id}`, { regionCode: '340602' });
    assert.equal(moved.status, 403);
    assert.equal((await xiangshan.request('GET', `/api/people/${own.body.id}`)).body.regionCode, '340603001');
  });

  it("cannot revoke another account's API token", async () => {
    const city = await logIn(server.app, 'city.civil');
    const token = await city.request('POST', '/api/auth/tokens', { name: 'city integration' });
    assert.equal(token.status, 201);
    const revoke = await xiangshan.request('DELETE', `/api/auth/tokens/${token.body.id}`);
    assert.equal(revoke.status, 404);
    assert.equal((await city.request('GET', '/api/auth/tokens')).body.tokens.length, 1);
  });

  it('the audit log of the other district is closed, and its own log does not show the other district', async () => {
    const log = await xiangshan.request('GET', '/api/audit?region=340603');
    for (const entry of log.body.entries) assert.ok(entry.regionCode.startsWith('340603'));
  });
});
