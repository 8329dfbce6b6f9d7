import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { logIn } from '../helpers/http.ts';

/** Deny by default: every API route declares who may call it, and undeclared callers are turned away. */
describe('route table', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ web: false });
  });
  after(() => server?.close());

  const concrete = (url: string) => url.replace(':code', '3406').replace(':id', '1');

  it('every API route declares its principal types and permission (or why it is public)', () => {
    assert.ok(server.app.routeTable.length >= 10, 'the route table is walked, not empty');
    for (const route of server.app.routeTable) {
      const access = route.access;
      assert.ok(access, `${route.method} ${route.url} declares no access`);
      if ('public' in access) assert.ok(access.reason.length > 10, `${route.url} says why it is public`);
      else
        assert.ok(
          access.principals.length > 0 && access.permission,
          `${route.url} names principals and permission`,
        );
    }
  });

  it('a route that declares no access cannot be registered', async () => {
    const { buildApp } = await import('../../src/server/app.ts');
    const app = await buildApp({
      db: server.database.db,
      keys: (await import('../../src/shared/personal-data.ts')).makeDevelopmentKeys(),
      clock: () => new Date(),
      webDir: null,
      servedRegions: ['3406'],
      logLevel: 'silent',
    });
    assert.throws(() => app.get('/api/undeclared', async () => 'open'), /declares no access/);
    await app.close();
  });

  it('every non-public route refuses a caller without a session (401) before doing anything', async () => {
    for (const route of server.app.routeTable) {
      if (!route.access || 'public' in route.access) continue;
      const reply = await server.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      assert.equal(
        reply.statusCode,
        401,
        `${route.method} ${route.url} answered ${reply.statusCode} without a session`,
      );
      assert.equal(JSON.parse(reply.body).error.code, 'unauthenticated');
    }
  });

  it('every non-public route refuses principal types it does not name (403)', async () => {
    const family = await logIn(server.app, 'family.demo');
    const provider = await logIn(server.app, 'provider.demo');
    for (const route of server.app.routeTable) {
      if (!route.access || 'public' in route.access) continue;
      for (const [type, session] of [
        ['family', family],
        ['provider', provider],
      ] as const) {
        if (route.access.principals.includes(type)) continue;
        const reply = await session.request(
          route.method,
          concrete(route.url),
          route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        );
        assert.equal(reply.status, 403, `${type} got ${reply.status} from ${route.method} ${route.url}`);
      }
    }
  });

  it('a government role without the permission is refused (planning officer reading people)', async () => {
    const planning = await logIn(server.app, 'city.planning');
    const reply = await planning.request('GET', '/api/people?region=3406');
    assert.equal(reply.status, 403);
  });
});
