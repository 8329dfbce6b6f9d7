import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../../src/domains/accounts/password.ts';
import type { Domain } from '../../src/domains/accounts/tables.ts';
import { rolePermissions, type Role } from '../../src/server/access.ts';
import { SESSION_COOKIE } from '../../src/server/app.ts';
import { safeJson } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const PASSWORD = 'laoyou2026';
const roleOf = (domain: Domain): Role => ({
  role: 'officer',
  regionCode: '3406',
  domain,
  organisationId: null,
  personRegionCode: null,
  personId: null,
});
const MINUTE = 60_000;

/** A clock the tests move by hand; the server reads it through `clock: () => clock.now`. */
const clock = { now: new Date() };

/**
 * Every test logs in from its own client address (inject's remoteAddress), so the per-address throttle of
 * 20 attempts a minute never interferes with tests that are not about it.
 */
let addressCounter = 0;
const freshAddress = () => {
  addressCounter++;
  return `10.20.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
};

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}

async function call(
  server: TestServer,
  method: string,
  url: string,
  options: { cookie?: string; bearer?: string; payload?: unknown; address?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const reply = await server.app.inject({
    method: method as 'GET',
    url,
    headers,
    remoteAddress: options.address ?? '10.99.99.99',
    ...(options.payload !== undefined && { payload: options.payload as object }),
  });
  return {
    status: reply.statusCode,
    headers: reply.headers,
    body: reply.body ? safeJson(reply.body) : null,
  };
}

function attempt(server: TestServer, username: string, password: string, address: string) {
  return call(server, 'POST', '/api/auth/login', { payload: { username, password }, address });
}

/** Logs in and returns the `name=value` cookie pair. */
async function session(server: TestServer, username: string, address = freshAddress()): Promise<string> {
  const reply = await attempt(server, username, PASSWORD, address);
  assert.equal(reply.status, 200, `login ${username}: ${JSON.stringify(reply.body)}`);
  const setCookie = reply.headers['set-cookie'];
  const first = (Array.isArray(setCookie) ? setCookie[0] : setCookie) as string;
  return first.split(';')[0];
}

/** A government officer (3406, elderly care) created for one test, so no two tests share failure counts. */
let passwordHash: Promise<string> | undefined;
async function addOfficer(server: TestServer, username: string): Promise<number> {
  passwordHash ??= hashPassword(PASSWORD);
  const account = await server.database.db
    .insertInto('account')
    .values({
      username,
      display_name: `测试 ${username}`,
      principal_type: 'government',
      password_hash: await passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.database.db
    .insertInto('account_role')
    .values({ account_id: account.id, role: 'officer', region_code: '3406', domain: 'elderly_care' })
    .execute();
  return account.id;
}

function assertErrorBody(reply: Reply, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.error.code, code);
  assert.ok(reply.body.error.message['zh-CN'].length > 0, 'a Chinese message');
  assert.ok(reply.body.error.message['en-US'].length > 0, 'an English message');
  assert.equal(reply.body.error.requestId, reply.headers['x-request-id']);
}

describe('authentication', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ web: false, clock: () => clock.now });
  });
  after(() => server?.close());

  describe('logging in', () => {
    it('sets an HttpOnly, SameSite=Strict, Path=/ session cookie and returns the account with its roles', async () => {
      const response = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'city.civil', password: PASSWORD }),
      });
      assert.equal(response.status, 200);
      const cookies = response.headers.getSetCookie();
      assert.equal(cookies.length, 1);
      const [pair, ...attributes] = cookies[0].split(';').map((part) => part.trim());
      assert.match(pair, new RegExp(`^${SESSION_COOKIE}=lys_[\\w-]{40,}$`));
      const lower = attributes.map((attribute) => attribute.toLowerCase());
      assert.ok(lower.includes('httponly'), cookies[0]);
      assert.ok(lower.includes('samesite=strict'), cookies[0]);
      assert.ok(lower.includes('path=/'), cookies[0]);
      assert.ok(lower.includes('max-age=43200'), 'the cookie lasts no longer than the session');
      assert.ok(!lower.includes('secure'), 'plain http on a test port: the cookie must still be sent back');

      const { account } = (await response.json()) as any;
      assert.equal(account.username, 'city.civil');
      assert.equal(account.principalType, 'government');
      assert.deepEqual(account.roles, [
        {
          role: 'officer',
          regionCode: '3406',
          regionName: '淮北市',
          domain: 'elderly_care',
          organisationId: null,
        },
      ]);
      // Exactly what the role grants (the policy in access.ts), sorted; an elderly-care officer handles persons.
      assert.deepEqual(account.permissions, [...new Set(rolePermissions(roleOf('elderly_care')))].sort());
      for (const permission of ['people.read', 'people.write', 'people.read_id_number', 'tokens.manage']) {
        assert.ok(account.permissions.includes(permission), permission);
      }

      // The cookie is what a browser sends back: /api/auth/me answers the same account with it.
      const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: pair } });
      assert.equal(me.status, 200);
      assert.deepEqual(await me.json(), account);
    });

    it('a planning officer gets no personal-data permissions', async () => {
      const reply = await attempt(server, 'city.planning', PASSWORD, freshAddress());
      assert.equal(reply.status, 200);
      const permissions: string[] = reply.body.account.permissions;
      assert.deepEqual([...permissions], [...new Set(rolePermissions(roleOf('planning')))].sort());
      assert.ok(permissions.includes('regions.read'));
      for (const personal of ['people.read', 'people.write', 'people.read_id_number']) {
        assert.ok(!permissions.includes(personal), `planning holds ${personal}`);
      }
    });

    it('a wrong password is refused with 401 invalid_credentials in Chinese and English, and audited', async () => {
      const id = await addOfficer(server, 'wrong.password');
      const reply = await attempt(server, 'wrong.password', 'not-the-password', freshAddress());
      assertErrorBody(reply, 401, 'invalid_credentials');
      assert.equal(reply.body.error.message['zh-CN'], '用户名或密码错误');
      assert.equal(reply.body.error.message['en-US'], 'Wrong username or password');
      assert.equal(reply.headers['set-cookie'], undefined, 'no session cookie');
      const audit = await server.database.db
        .selectFrom('audit_entry')
        .select(['action', 'entity_id'])
        .where('entity', '=', 'account')
        .where('entity_id', '=', String(id))
        .execute();
      assert.deepEqual(audit, [{ action: 'login_failed', entity_id: String(id) }]);
    });

    it('an unknown user gets exactly the same 401 body as a wrong password (no account enumeration)', async () => {
      const wrong = await attempt(server, 'city.civil', 'not-the-password', freshAddress());
      const unknown = await attempt(server, 'nobody.here', 'not-the-password', freshAddress());
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      const strip = (body: any) => ({ ...body.error, requestId: undefined });
      assert.deepEqual(strip(unknown.body), strip(wrong.body));
      // The wrong password above must not leave city.civil one failure closer to a lock for later tests.
      await session(server, 'city.civil');
    });

    it('username is matched case-insensitively and without surrounding spaces', async () => {
      const reply = await attempt(server, '  City.Civil ', PASSWORD, freshAddress());
      assert.equal(reply.status, 200);
      assert.equal(reply.body.account.username, 'city.civil');
    });

    it('stores passwords as argon2id hashes', async () => {
      const rows = await server.database.db
        .selectFrom('account')
        .select(['username', 'password_hash'])
        .where('password_hash', 'is not', null)
        .execute();
      assert.ok(rows.length >= 6);
      for (const row of rows) {
        assert.ok(row.password_hash!.startsWith('$argon2id$'), `${row.username}: ${row.password_hash}`);
        assert.match(row.password_hash!, /\$m=(\d+),t=(\d+),p=\d+\$/);
        const [, memory, passes] = /\$m=(\d+),t=(\d+)/.exec(row.password_hash!)!;
        assert.ok(Number(memory) >= 19456 && Number(passes) >= 2, 'at least OWASP minimum cost');
        assert.ok(!row.password_hash!.includes(PASSWORD));
      }
    });
  });

  describe('account lock', () => {
    it('five consecutive failures lock the account (423) even for the right password, until lockMinutes pass', async () => {
      clock.now = new Date();
      const t0 = clock.now.getTime();
      const id = await addOfficer(server, 'lock.me');
      const address = freshAddress();
      for (let i = 1; i <= 4; i++) {
        const reply = await attempt(server, 'lock.me', `wrong-${i}`, address);
        assertErrorBody(reply, 401, 'invalid_credentials');
      }
      const fifth = await attempt(server, 'lock.me', 'wrong-5', address);
      assertErrorBody(fifth, 423, 'account_locked');

      const { locked_until } = await server.database.db
        .selectFrom('account')
        .select('locked_until')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(locked_until?.getTime(), t0 + 15 * MINUTE);

      const rightAtOnce = await attempt(server, 'lock.me', PASSWORD, address);
      assertErrorBody(rightAtOnce, 423, 'account_locked');
      assert.equal(rightAtOnce.headers['set-cookie'], undefined);

      clock.now = new Date(t0 + 15 * MINUTE - 1000);
      assertErrorBody(await attempt(server, 'lock.me', PASSWORD, address), 423, 'account_locked');

      clock.now = new Date(t0 + 15 * MINUTE + 1000);
      const unlocked = await attempt(server, 'lock.me', PASSWORD, address);
      assert.equal(unlocked.status, 200, JSON.stringify(unlocked.body));
      clock.now = new Date();
    });

    it('a successful login resets the failure count', async () => {
      clock.now = new Date();
      const id = await addOfficer(server, 'reset.me');
      const address = freshAddress();
      for (let i = 1; i <= 4; i++)
        assert.equal((await attempt(server, 'reset.me', 'nope', address)).status, 401);
      assert.equal((await attempt(server, 'reset.me', PASSWORD, address)).status, 200);
      const afterSuccess = await server.database.db
        .selectFrom('account')
        .select(['failed_logins', 'locked_until'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(afterSuccess, { failed_logins: 0, locked_until: null });
      // Without the reset the first of these would be the fifth failure and lock the account.
      for (let i = 1; i <= 4; i++) {
        assertErrorBody(await attempt(server, 'reset.me', 'nope', address), 401, 'invalid_credentials');
      }
      assertErrorBody(await attempt(server, 'reset.me', 'nope', address), 423, 'account_locked');
    });
  });

  describe('sessions', () => {
    it('/api/auth/me without a cookie, or with an unknown one, is 401 unauthenticated', async () => {
      assertErrorBody(await call(server, 'GET', '/api/auth/me'), 401, 'unauthenticated');
      const forged = `${SESSION_COOKIE}=lys_${'A'.repeat(43)}`;
      assertErrorBody(await call(server, 'GET', '/api/auth/me', { cookie: forged }), 401, 'unauthenticated');
    });

    it('logout revokes the session (the old cookie then gets 401) and writes one logout audit entry', async () => {
      clock.now = new Date();
      const id = await addOfficer(server, 'log.out');
      const cookie = await session(server, 'log.out');
      assert.equal((await call(server, 'GET', '/api/auth/me', { cookie })).status, 200);

      const out = await server.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, 'x-request-id': 'logout-test-1' },
        remoteAddress: '10.30.0.1',
      });
      assert.equal(out.statusCode, 204);
      const cleared = String(out.headers['set-cookie']);
      assert.match(cleared, new RegExp(`^${SESSION_COOKIE}=;`), 'the browser is told to drop the cookie');

      assertErrorBody(await call(server, 'GET', '/api/auth/me', { cookie }), 401, 'unauthenticated');
      const stored = await server.database.db
        .selectFrom('session')
        .select('revoked_at')
        .where('account_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.ok(stored.revoked_at, 'revoked in the database, not only forgotten by the browser');

      // Logging out twice is harmless and is not audited twice.
      assert.equal((await call(server, 'POST', '/api/auth/logout', { cookie })).status, 204);
      const entries = await server.database.db
        .selectFrom('audit_entry')
        .select(['account_id', 'entity', 'entity_id', 'ip', 'request_id'])
        .where('action', '=', 'logout')
        .where('entity_id', '=', String(id))
        .execute();
      assert.deepEqual(entries, [
        {
          account_id: id,
          entity: 'account',
          entity_id: String(id),
          ip: '10.30.0.1',
          request_id: 'logout-test-1',
        },
      ]);
    });

    it('a session unused for more than 30 minutes is rejected', async () => {
      clock.now = new Date();
      const t0 = clock.now.getTime();
      await addOfficer(server, 'idle.one');
      const cookie = await session(server, 'idle.one');
      clock.now = new Date(t0 + 29 * MINUTE);
      const stillThere = await call(server, 'GET', '/api/auth/me', { cookie });
      assert.equal(stillThere.status, 200, 'used after 29 minutes: alive');

      const other = await session(server, 'idle.one');
      clock.now = new Date(t0 + 29 * MINUTE + 31 * MINUTE);
      assertErrorBody(await call(server, 'GET', '/api/auth/me', { cookie: other }), 401, 'unauthenticated');
      assertErrorBody(await call(server, 'GET', '/api/auth/me', { cookie }), 401, 'unauthenticated');
      clock.now = new Date();
    });

    it('a session used every 20 minutes survives until the 12-hour absolute limit, then is rejected', async () => {
      clock.now = new Date();
      const t0 = clock.now.getTime();
      await addOfficer(server, 'busy.one');
      const cookie = await session(server, 'busy.one');
      for (let minutes = 20; minutes <= 700; minutes += 20) {
        clock.now = new Date(t0 + minutes * MINUTE);
        const reply = await call(server, 'GET', '/api/auth/me', { cookie });
        assert.equal(reply.status, 200, `alive after ${minutes} minutes of regular use`);
      }
      clock.now = new Date(t0 + 12 * 60 * MINUTE - 1000);
      assert.equal(
        (await call(server, 'GET', '/api/auth/me', { cookie })).status,
        200,
        'one second before 12 h',
      );
      clock.now = new Date(t0 + 12 * 60 * MINUTE);
      assertErrorBody(await call(server, 'GET', '/api/auth/me', { cookie }), 401, 'unauthenticated');
      clock.now = new Date();
    });
  });

  describe('API tokens', () => {
    it('a token is shown once (lyt_…), works as a Bearer credential, is listed without its value and dies when revoked', async () => {
      clock.now = new Date();
      const cookie = await session(server, 'city.civil');
      const created = await call(server, 'POST', '/api/auth/tokens', {
        cookie,
        payload: { name: '养老数据同步' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { token, ...summary } = created.body;
      assert.match(token, /^lyt_[\w-]{40,}$/);
      assert.deepEqual(Object.keys(summary).sort(), ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name']);
      assert.equal(summary.name, '养老数据同步');
      assert.equal(summary.expiresAt, null);

      const stored = await server.database.db
        .selectFrom('api_token')
        .selectAll()
        .where('id', '=', summary.id)
        .executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(stored).includes(token.slice(4)), 'only a hash of the token is stored');

      const people = await call(server, 'GET', '/api/people?region=3406', { bearer: token });
      assert.equal(people.status, 200, JSON.stringify(people.body));
      assert.ok(people.body.people.length > 0, 'the token acts with the account’s scope');
      const { everyone } = await server.database.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('everyone'))
        .where('region_code', 'like', '3406%')
        .executeTakeFirstOrThrow();
      assert.equal(people.body.total, Number(everyone), 'every person of the demo city');
      assertErrorBody(
        await call(server, 'GET', '/api/people?region=3406', { bearer: `${token}x` }),
        401,
        'unauthenticated',
      );

      const listed = await call(server, 'GET', '/api/auth/tokens', { cookie });
      assert.equal(listed.status, 200);
      const mine = listed.body.tokens.find((entry: any) => entry.id === summary.id);
      assert.ok(mine, 'the new token is listed');
      assert.equal(mine.name, '养老数据同步');
      assert.ok(mine.lastUsedAt, 'its last use is recorded');
      assert.ok(!JSON.stringify(listed.body).includes(token), 'the list never shows a token value');
      for (const entry of listed.body.tokens) assert.ok(!('token' in entry));

      const revoked = await call(server, 'DELETE', `/api/auth/tokens/${summary.id}`, { cookie });
      assert.equal(revoked.status, 204);
      assertErrorBody(
        await call(server, 'GET', '/api/people?region=3406', { bearer: token }),
        401,
        'unauthenticated',
      );
      const relisted = await call(server, 'GET', '/api/auth/tokens', { cookie });
      assert.ok(!relisted.body.tokens.some((entry: any) => entry.id === summary.id), 'gone from the list');
      assertErrorBody(
        await call(server, 'DELETE', `/api/auth/tokens/${summary.id}`, { cookie }),
        404,
        'not_found',
      );
    });

    it('a token stops working when it expires', async () => {
      clock.now = new Date();
      const t0 = clock.now.getTime();
      const cookie = await session(server, 'city.civil');
      const created = await call(server, 'POST', '/api/auth/tokens', {
        cookie,
        payload: { name: 'short-lived', expiresInDays: 1 },
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.expiresAt, new Date(t0 + 86_400_000).toISOString());
      const { token } = created.body;
      clock.now = new Date(t0 + 86_400_000 - 1000);
      assert.equal((await call(server, 'GET', '/api/people?region=3406', { bearer: token })).status, 200);
      clock.now = new Date(t0 + 86_400_000);
      assertErrorBody(
        await call(server, 'GET', '/api/people?region=3406', { bearer: token }),
        401,
        'unauthenticated',
      );
      clock.now = new Date();
    });

    it('another account cannot revoke someone else’s token (404, and the token keeps working)', async () => {
      clock.now = new Date();
      const owner = await session(server, 'city.civil');
      const created = await call(server, 'POST', '/api/auth/tokens', {
        cookie: owner,
        payload: { name: 'mine' },
      });
      const other = await session(server, 'city.health');
      assertErrorBody(
        await call(server, 'DELETE', `/api/auth/tokens/${created.body.id}`, { cookie: other }),
        404,
        'not_found',
      );
      const listed = await call(server, 'GET', '/api/auth/tokens', { cookie: other });
      assert.ok(
        !listed.body.tokens.some((entry: any) => entry.id === created.body.id),
        'not in another list',
      );
      const people = await call(server, 'GET', '/api/people?region=3406', { bearer: created.body.token });
      assert.equal(people.status, 200);
    });

    it('a family account cannot create tokens (403) and none is stored', async () => {
      const cookie = await session(server, 'family.demo');
      const countTokens = async () =>
        (
          await server.database.db
            .selectFrom('api_token')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      const before = Number(await countTokens());
      const reply = await call(server, 'POST', '/api/auth/tokens', { cookie, payload: { name: 'family' } });
      assertErrorBody(reply, 403, 'forbidden');
      assert.equal(Number(await countTokens()), before);
    });
  });
});

describe('login throttle', () => {
  let server: TestServer;
  before(async () => {
    // Its own server: the throttle is per process and would otherwise spill into other tests.
    server = await startTestServer({ web: false });
  });
  after(() => server?.close());

  it('more than 20 login attempts a minute from one address get 429 too_many_attempts, even with the right password', async () => {
    for (let i = 1; i <= 20; i++) {
      const reply = await attempt(server, `nobody.${i}`, 'guess', '10.40.0.1');
      assert.equal(reply.status, 401, `attempt ${i}`);
    }
    const throttled = await attempt(server, 'city.civil', PASSWORD, '10.40.0.1');
    assertErrorBody(throttled, 429, 'too_many_attempts');
    assert.equal(throttled.headers['set-cookie'], undefined);
    const sessions = await server.database.db.selectFrom('session').select('account_id').execute();
    assert.equal(sessions.length, 0, 'a throttled attempt opens no session');

    const elsewhere = await attempt(server, 'city.civil', PASSWORD, '10.40.0.2');
    assert.equal(elsewhere.status, 200, 'another address is not affected');
  });

  it('a forged X-Forwarded-For header does not give a fresh address to the throttle', async () => {
    for (let i = 1; i <= 21; i++) {
      const reply = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.41.0.1',
        headers: { 'x-forwarded-for': `192.0.2.${i}` },
        payload: { username: `nobody.${i}`, password: 'guess' },
      });
      assert.equal(reply.statusCode, i <= 20 ? 401 : 429, `attempt ${i}`);
    }
  });

  it('an API token cannot create further tokens (a leaked token must not outlive its revocation)', async () => {
    const cookie = await session(server, 'city.civil', '10.42.0.1');
    const created = await call(server, 'POST', '/api/auth/tokens', { cookie, payload: { name: '同步' } });
    assert.equal(created.status, 201);
    const minted = await call(server, 'POST', '/api/auth/tokens', {
      bearer: created.body.token,
      payload: { name: '替身' },
    });
    assertErrorBody(minted, 403, 'token_cannot_create_tokens');
  });
});
