import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { MIGRATIONS_DIR, MigrationEditedError, migrate, readMigrations } from '../../src/db/migrate.ts';
import { PersonDetail } from '../../src/domains/people/person-detail.ts';
import { Person } from '../../src/domains/people/schemas.ts';
import { makeIdNumber } from '../../src/shared/id-number.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { logIn, safeJson, type Session } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STORAGE_COLUMNS = [
  'id_number_cipher',
  'id_number_hash',
  'id_number_key_id',
  'created_at',
  'updated_at',
];

describe('platform', () => {
  let server: TestServer;
  let civil: Session;
  let civilId: number;

  before(async () => {
    server = await startTestServer({ web: false });
    civil = await logIn(server.app, 'city.civil');
    civilId = (
      await server.database.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'city.civil')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => server?.close());

  const aPerson = (regionCode = '340603') =>
    server.database.db
      .selectFrom('person')
      .select(['id', 'region_code'])
      .where('region_code', '=', regionCode)
      .orderBy('id')
      .executeTakeFirstOrThrow();

  describe('health and API reference', () => {
    it('GET /api/health answers 200 with the database up and every migration file applied', async () => {
      const response = await fetch(`${server.baseUrl}/api/health`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as any;
      const files = fs.readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql'));
      assert.ok(files.length >= 6);
      assert.equal(body.status, 'ok');
      assert.equal(body.database.status, 'up');
      assert.equal(body.database.migrations, files.length);
      assert.match(body.database.serverVersion, /^\d+/);
      assert.ok(!Number.isNaN(Date.parse(body.time)));
    });

    it('the OpenAPI document at /api/docs/json lists every route of the route table', async () => {
      const response = await fetch(`${server.baseUrl}/api/docs/json`);
      assert.equal(response.status, 200);
      const document = (await response.json()) as any;
      assert.match(document.openapi, /^3\./);
      assert.ok(server.app.routeTable.length >= 10);
      for (const route of server.app.routeTable) {
        const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
        const operations = document.paths[openApiPath];
        assert.ok(operations, `${openApiPath} is documented`);
        assert.ok(operations[route.method.toLowerCase()], `${route.method} ${openApiPath} is documented`);
      }
    });

    it('the browsable reference /api/docs answers HTML', async () => {
      const response = await fetch(`${server.baseUrl}/api/docs`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await response.text(), /<html/i);
    });
  });

  describe('request ids', () => {
    it('every response carries an x-request-id header, and an error body’s requestId equals it', async () => {
      const civilCookie = { cookie: civil.cookie };
      const requests: [string, string, RequestInit, number][] = [
        ['health', '/api/health', {}, 200],
        ['docs', '/api/docs', {}, 200],
        ['authenticated read', '/api/regions/roots', { headers: civilCookie }, 200],
        ['no session', '/api/auth/me', {}, 401],
        ['unknown endpoint', '/api/no-such-thing', {}, 404],
        ['forbidden region', '/api/people?region=3201', { headers: civilCookie }, 403],
        [
          'malformed JSON',
          '/api/people',
          { method: 'POST', headers: { ...civilCookie, 'content-type': 'application/json' }, body: '{' },
          400,
        ],
        [
          'body over 1 MiB',
          '/api/auth/login',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'x'.repeat(1_100_000), password: 'y' }),
          },
          413,
        ],
        ['undecodable URL', '/api/people/%E0%A4%A', { headers: civilCookie }, 400],
      ];
      const seen = new Set<string>();
      for (const [what, url, init, status] of requests) {
        const response = await fetch(`${server.baseUrl}${url}`, init);
        assert.equal(response.status, status, what);
        const id = response.headers.get('x-request-id');
        assert.ok(id && /^[\w-]{1,64}$/.test(id), `${what}: x-request-id ${id}`);
        assert.ok(!seen.has(id), `${what}: a new id per request`);
        seen.add(id);
        if (status >= 400) {
          const body = safeJson(await response.text());
          assert.equal(body?.error?.requestId, id, `${what}: the error body names the same request`);
        } else {
          await response.arrayBuffer();
        }
      }
    });

    it('a well-formed x-request-id from the caller is echoed (header and error body); a malformed one is replaced', async () => {
      const echoed = await fetch(`${server.baseUrl}/api/auth/me`, {
        headers: { 'x-request-id': 'trace-42_abc' },
      });
      assert.equal(echoed.status, 401);
      assert.equal(echoed.headers.get('x-request-id'), 'trace-42_abc');
      assert.equal(((await echoed.json()) as any).error.requestId, 'trace-42_abc');

      const ok = await fetch(`${server.baseUrl}/api/health`, { headers: { 'x-request-id': 'probe-1' } });
      assert.equal(ok.headers.get('x-request-id'), 'probe-1');
      await ok.arrayBuffer();

      for (const given of ['has space', 'x'.repeat(65), 'a/b', '<script>']) {
        const response = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { 'x-request-id': given } });
        const id = response.headers.get('x-request-id');
        assert.notEqual(id, given);
        assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.equal(((await response.json()) as any).error.requestId, id);
      }
    });
  });

  describe('audit', () => {
    it('the audit table is append-only: UPDATE, DELETE and TRUNCATE fail at the database', async () => {
      const count = async () =>
        Number((await server.database.pool.query('SELECT count(*) AS n FROM audit_entry')).rows[0].n);
      const before = await count();
      assert.ok(before > 0, 'there are entries to protect (the log-in wrote one)');
      await assert.rejects(
        server.database.pool.query(`UPDATE audit_entry SET action = 'read'`),
        /append-only/,
      );
      await assert.rejects(server.database.pool.query('DELETE FROM audit_entry'), /append-only/);
      await assert.rejects(server.database.pool.query('TRUNCATE audit_entry'), /append-only/);
      assert.equal(await count(), before);
      // Appending still works.
      await server.database.pool.query(
        `INSERT INTO audit_entry (action, entity) VALUES ('export', 'append-only test')`,
      );
      assert.equal(await count(), before + 1);
    });

    it('reading a person (one, a list, the full ID number) writes read entries with account, ip, request id and region', async () => {
      const person = await aPerson();
      /** The audit entries of one read, each checked for who, from where and in which request. */
      const read = async (url: string, requestId: string) => {
        const reply = await server.app.inject({
          method: 'GET',
          url,
          headers: { cookie: civil.cookie, 'x-request-id': requestId },
          remoteAddress: '10.77.0.9',
        });
        assert.equal(reply.statusCode, 200, `${url}: ${reply.body}`);
        const entries = await server.database.db
          .selectFrom('audit_entry')
          .selectAll()
          .where('request_id', '=', requestId)
          .orderBy('id')
          .execute();
        assert.ok(entries.length > 0, `${url} is audited`);
        for (const entry of entries) {
          assert.equal(entry.action, 'read', url);
          assert.equal(entry.entity, 'person', url);
          assert.equal(entry.account_id, civilId, url);
          assert.equal(entry.principal_type, 'government', url);
          assert.equal(entry.ip, '10.77.0.9', url);
          assert.ok(entry.region_code, `${url}: every read entry is filed under a region`);
        }
        return { entries, body: JSON.parse(reply.body) };
      };
      /** Person ids an entry accounts for: its entity id, or the ids a list entry names. */
      const personIdsOf = (entry: { entity_id: string | null; detail: unknown }) =>
        entry.entity_id !== null
          ? [Number(entry.entity_id)]
          : ((entry.detail as { personIds?: number[] }).personIds ?? []);

      const one = await read(`/api/people/${person.id}`, 'audit-read-one');
      const own = one.entries.find((entry) => entry.entity_id === String(person.id));
      assert.ok(own, 'the person read has an entry of their own');
      assert.equal(own.region_code, person.region_code);

      const list = await read('/api/people?region=340603&pageSize=5', 'audit-read-list');
      assert.equal(list.body.people.length, 5);
      const listed = new Set(list.entries.flatMap(personIdsOf));
      for (const shown of list.body.people as { id: number; regionCode: string }[]) {
        assert.ok(listed.has(shown.id), `person ${shown.id} shown in the list is audited`);
      }
      for (const entry of list.entries)
        assert.ok(entry.region_code!.startsWith('340603'), entry.region_code!);

      const full = await read(`/api/people/${person.id}/id-number`, 'audit-read-idn');
      assert.equal(full.entries.length, 1);
      assert.equal(full.entries[0].entity_id, String(person.id));
      assert.equal(full.entries[0].region_code, person.region_code);
      assert.deepEqual(full.entries[0].detail, { fields: ['idNumber'] });
      assert.match(full.body.idNumber, /^\d{17}[\dX]$/);

      // A read that finds nothing discloses nothing and is not logged as a read.
      const missing = await server.app.inject({
        method: 'GET',
        url: '/api/people/987654',
        headers: { cookie: civil.cookie, 'x-request-id': 'audit-read-missing' },
      });
      assert.equal(missing.statusCode, 404);
      const none = await server.database.db
        .selectFrom('audit_entry')
        .select('id')
        .where('request_id', '=', 'audit-read-missing')
        .execute();
      assert.equal(none.length, 0);
    });
  });

  describe('responses', () => {
    const keysOf = (schema: { shape: object }) => Object.keys(schema.shape).sort();
    const assertShape = (value: Record<string, unknown>, declared: string[], where: string) => {
      assert.deepEqual(Object.keys(value).sort(), declared, where);
      for (const column of STORAGE_COLUMNS) assert.ok(!(column in value), `${where} leaks ${column}`);
    };

    it('person responses carry only declared fields: never the ciphertext, hash or key id of the ID number', async () => {
      const person = await aPerson();
      const one = await civil.request('GET', `/api/people/${person.id}`);
      assert.equal(one.status, 200);
      assertShape(one.body, keysOf(PersonDetail), 'GET /api/people/:id');
      assert.match(one.body.idNumberMasked, /^\d{6}\*{8}[\dX]{4}$/);

      const list = await civil.request('GET', '/api/people?region=3406&pageSize=50');
      assert.ok(list.body.people.length > 0);
      for (const item of list.body.people) assertShape(item, keysOf(Person), 'GET /api/people');

      const full = await civil.request('GET', `/api/people/${person.id}/id-number`);
      assert.deepEqual(Object.keys(full.body), ['idNumber']);
      const found = await civil.request('POST', '/api/people/find-by-id-number', {
        idNumber: full.body.idNumber,
      });
      assertShape(found.body, keysOf(Person), 'POST /api/people/find-by-id-number');

      const created = await civil.request('POST', '/api/people', {
        regionCode: '340621',
        name: '字段检查',
        idNumber: makeIdNumber('340621', '1949-10-01', 901),
      });
      assert.equal(created.status, 201);
      assertShape(created.body, keysOf(Person), 'POST /api/people');
      const patched = await civil.request('PATCH', `/api/people/${created.body.id}`, { address: '濉溪县' });
      assertShape(patched.body, keysOf(Person), 'PATCH /api/people/:id');
      for (const body of [one.body, list.body, found.body, created.body, patched.body]) {
        const text = JSON.stringify(body);
        assert.ok(!text.includes(full.body.idNumber), 'no full ID number outside /id-number');
        for (const column of STORAGE_COLUMNS) assert.ok(!text.includes(column), `no ${column} anywhere`);
      }
    });

    it('account responses carry only declared fields: no password hash, failure count or token hash', async () => {
      const me = await civil.request('GET', '/api/auth/me');
      assert.deepEqual(Object.keys(me.body).sort(), [
        'displayName',
        'id',
        'permissions',
        'principalType',
        'roles',
        'username',
      ]);
      for (const role of me.body.roles) {
        assert.deepEqual(Object.keys(role).sort(), [
          'domain',
          'organisationId',
          'regionCode',
          'regionName',
          'role',
        ]);
      }
      const created = await civil.request('POST', '/api/auth/tokens', { name: 'shape check' });
      const tokens = await civil.request('GET', '/api/auth/tokens');
      for (const token of tokens.body.tokens) {
        assert.deepEqual(Object.keys(token).sort(), ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name']);
      }
      const text = JSON.stringify([me.body, tokens.body]);
      for (const leak of ['password', 'argon2', 'failed_logins', 'token_hash', created.body.token]) {
        assert.ok(!text.includes(leak), `no ${leak} in account responses`);
      }
    });
  });

  describe('logging', () => {
    it('server logs never contain session cookies, API tokens, other cookies, passwords or ID numbers in URLs', async () => {
      const idNumber = makeIdNumber('340603', '1950-01-01', 555);
      const modules = {
        app: pathToFileURL(path.join(ROOT, 'src/server/app.ts')).href,
        database: pathToFileURL(path.join(ROOT, 'src/db/database.ts')).href,
        keys: pathToFileURL(path.join(ROOT, 'src/shared/personal-data.ts')).href,
      };
      // A second app on the same database, logging at info to stdout like production does.
      const child = `
        const modules = JSON.parse(process.env.LAOYOU_MODULES);
        const { buildApp } = await import(modules.app);
        const { openDatabase } = await import(modules.database);
        const { makeDevelopmentKeys } = await import(modules.keys);
        const handle = openDatabase(process.env.LAOYOU_DB_URL, 2);
        const app = await buildApp({ db: handle.db, keys: makeDevelopmentKeys(), clock: () => new Date(),
          webDir: null, servedRegions: ['3406'], logLevel: 'info' });
        const login = await app.inject({ method: 'POST', url: '/api/auth/login',
          headers: { cookie: 'tracker=other-cookie-secret' },
          payload: { username: 'city.civil', password: 'laoyou2026' } });
        const setCookie = login.headers['set-cookie'];
        const session = (Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];
        const created = await app.inject({ method: 'POST', url: '/api/auth/tokens',
          headers: { cookie: session + '; tracker=other-cookie-secret' }, payload: { name: 'log test' } });
        const token = created.json().token;
        const people = await app.inject({ method: 'GET',
          url: '/api/people?region=3406&name=' + process.env.LAOYOU_ID_NUMBER,
          headers: { authorization: 'Bearer ' + token } });
        const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } });
        await app.close();
        await handle.close();
        process.stderr.write(JSON.stringify({ statuses: [login.statusCode, created.statusCode,
          people.statusCode, me.statusCode], secrets: [session.split('=')[1], token] }) + '\\n');
      `;
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '--eval', child],
        {
          cwd: ROOT,
          timeout: 60_000,
          maxBuffer: 10_000_000,
          env: {
            ...process.env,
            LAOYOU_MODULES: JSON.stringify(modules),
            LAOYOU_DB_URL: server.database.url,
            LAOYOU_ID_NUMBER: idNumber,
          },
        },
      );
      const report = JSON.parse(stderr.trim().split('\n').at(-1)!);
      assert.deepEqual(report.statuses, [200, 201, 200, 200], 'the logged requests really ran');
      const [sessionToken, apiToken] = report.secrets as string[];
      assert.match(sessionToken, /^lys_/);
      assert.match(apiToken, /^lyt_/);

      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const incoming = lines.filter((line) => line.msg === 'incoming request');
      assert.equal(incoming.length, 4, 'every request was logged');
      assert.ok(lines.some((line) => line.msg === 'request completed'));
      const peopleLine = incoming.find((line) => String(line.req?.url).startsWith('/api/people'));
      assert.ok(peopleLine, 'the people request was logged');
      assert.match(peopleLine.req.url, /\[id-number\]/);

      for (const secret of [sessionToken, apiToken, 'other-cookie-secret', 'laoyou2026', idNumber]) {
        assert.ok(!stdout.includes(secret), `the log contains ${secret.slice(0, 8)}…`);
      }
      assert.ok(!/set-cookie|authorization|"cookie"/i.test(stdout.replace(/\[redacted\]/g, '')));
    });
  });
});

describe('migrations', () => {
  it('migrate() refuses a migration edited after it was applied, and applies nothing after it', async () => {
    const database = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoyou-migrations-'));
    const client = await database.pool.connect();
    try {
      for (const name of fs.readdirSync(MIGRATIONS_DIR)) {
        fs.copyFileSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name));
      }
      // The template is migrated with the released files: a copy of them changes nothing (a second run is a
      // no-op even if a file was added since the template was built); a new file is applied.
      await migrate(client, dir);
      assert.deepEqual(await migrate(client, dir), []);
      fs.writeFileSync(path.join(dir, '0900_probe_one.sql'), 'CREATE TABLE probe_one (id int);\n');
      assert.deepEqual(await migrate(client, dir), ['0900_probe_one.sql']);

      const released = readMigrations(MIGRATIONS_DIR);
      const last = released.at(-1)!;
      fs.appendFileSync(path.join(dir, last.name), '\n-- edited after release\n');
      fs.writeFileSync(path.join(dir, '0901_probe_two.sql'), 'CREATE TABLE probe_two (id int);\n');

      await assert.rejects(
        migrate(client, dir),
        (error: Error) => error instanceof MigrationEditedError && error.message.includes(last.name),
      );
      const { rows } = await client.query<{ name: string; checksum: string }>(
        'SELECT name, checksum FROM schema_migration ORDER BY name',
      );
      assert.equal(rows.find((row) => row.name === last.name)?.checksum, last.checksum, 'record unchanged');
      assert.ok(!rows.some((row) => row.name === '0901_probe_two.sql'), 'nothing applied after the refusal');
      const probe = await client.query(`SELECT to_regclass('probe_two') AS t`);
      assert.equal(probe.rows[0].t, null);
      // The advisory lock was released: a corrected directory migrates again.
      fs.copyFileSync(path.join(MIGRATIONS_DIR, last.name), path.join(dir, last.name));
      assert.deepEqual(await migrate(client, dir), ['0901_probe_two.sql']);
    } finally {
      client.release();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
