import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeIdNumber } from '../../src/shared/id-number.ts';
import { logIn, type Session } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** ID numbers are validated, stored only encrypted, found by keyed hash and masked unless asked for in full. */
describe('personal data', () => {
  let server: TestServer;
  let officer: Session;
  const knownIdNumbers: string[] = [];

  before(async () => {
    server = await startTestServer({ web: false });
    officer = await logIn(server.app, 'xiangshan.civil');
  });
  after(() => server?.close());

  async function register(idNumber: string, name = '测试老人') {
    return officer.request('POST', '/api/people', { regionCode: '340603', name, idNumber });
  }

  it('accepts a valid ID number, derives sex and birth date, and answers it masked', async () => {
    const idNumber = makeIdNumber('340603', '1949-12-31', 2);
    knownIdNumbers.push(idNumber);
    const reply = await register(idNumber);
    assert.equal(reply.status, 201);
    assert.equal(reply.body.idNumberMasked, `340603********${idNumber.slice(-4)}`);
    assert.equal(reply.body.birthDate, '1949-12-31');
    assert.equal(reply.body.sex, 'female');
    assert.ok(!JSON.stringify(reply.body).includes(idNumber));
    const read = await officer.request('GET', `/api/people/${reply.body.id}`);
    assert.equal(read.body.idNumberMasked, reply.body.idNumberMasked);
  });

  it('accepts a lowercase x and stores it uppercase', async () => {
    let idNumber = '';
    for (let sequence = 1; !idNumber.endsWith('X'); sequence++)
      idNumber = makeIdNumber('340603', '1950-03-04', sequence);
    knownIdNumbers.push(idNumber);
    const reply = await register(idNumber.toLowerCase());
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const full = await officer.request('GET', `/api/people/${reply.body.id}/id-number`);
    assert.equal(full.body.idNumber, idNumber);
    const found = await officer.request('POST', '/api/people/find-by-id-number', { idNumber });
    assert.equal(found.body.id, reply.body.id);
  });

  it('rejects a wrong check digit and an impossible birth date with field errors, writing nothing', async () => {
    const valid = makeIdNumber('340603', '1951-01-01', 4);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const { idNumberCheckChar } = await import('../../src/shared/id-number.ts');
    const impossible17 = '34060319510230004';
    const impossible = impossible17 + idNumberCheckChar(impossible17);
    const count = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(server.database.db)).rows[0].n;
    const before = await count();
    for (const [idNumber, zh] of [
      [wrongCheck, '校验位'],
      [impossible, '出生日期'],
      ['34060319510101004', '18位'],
    ]) {
      const reply = await register(idNumber);
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.fields[0].path, 'body.idNumber');
      assert.match(reply.body.error.fields[0].message['zh-CN'], new RegExp(zh));
    }
    assert.equal(await count(), before);
  });

  it('refuses to register the same ID number twice (found through the keyed hash)', async () => {
    const reply = await register(knownIdNumbers[0], '重复');
    assert.equal(reply.status, 409);
    assert.equal(reply.body.error.code, 'duplicate_person');
  });

  it('gives the full number only to a permission that allows it, and audits that read', async () => {
    const viewer = await server.database.db
      .insertInto('account')
      .values({
        username: 'viewer.test',
        display_name: '只读',
        principal_type: 'government',
        password_hash: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.database.db
      .insertInto('account_role')
      .values({ account_id: viewer.id, role: 'viewer', region_code: '340603', domain: 'elderly_care' })
      .execute();
    const { hashPassword } = await import('../../src/domains/accounts/password.ts');
    await server.database.db
      .updateTable('account')
      .set({ password_hash: await hashPassword('viewer-password-1') })
      .where('id', '=', viewer.id)
      .execute();
    const viewerSession = await logIn(server.app, 'viewer.test', 'viewer-password-1');
    const found = await officer.request('POST', '/api/people/find-by-id-number', {
      idNumber: knownIdNumbers[0],
    });
    const masked = await viewerSession.request('GET', `/api/people/${found.body.id}`);
    assert.equal(masked.status, 200);
    assert.match(masked.body.idNumberMasked, /^340603\*{8}\d{3}[\dX]$/);
    assert.equal((await viewerSession.request('GET', `/api/people/${found.body.id}/id-number`)).status, 403);
    const full = await officer.request('GET', `/api/people/${found.body.id}/id-number`);
    assert.equal(full.body.idNumber, knownIdNumbers[0]);
    const audit = await sql<{ detail: { fields?: string[] } }>`
      SELECT detail FROM audit_entry WHERE entity = 'person' AND entity_id = ${String(found.body.id)} AND action = 'read'
      ORDER BY id DESC LIMIT 1`.execute(server.database.db);
    assert.deepEqual(audit.rows[0].detail.fields, ['idNumber']);
  });

  it('a dump of every table holds no ID number in plain text', async () => {
    const demo = await officer.request('GET', '/api/people?region=340603&pageSize=200');
    const demoIds = await Promise.all(
      demo.body.people.map(
        async (p: { id: number }) =>
          (await officer.request('GET', `/api/people/${p.id}/id-number`)).body.idNumber,
      ),
    );
    const all = [...knownIdNumbers, ...demoIds.filter(Boolean)];
    assert.ok(all.length >= 10, 'the dump is searched for real numbers');
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
      server.database.db,
    );
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(
        server.database.db,
      );
      dump += rows.rows.map((r) => r.row).join('\n');
    }
    assert.ok(dump.includes('测试老人'), 'the dump holds the persons');
    for (const idNumber of all) {
      assert.ok(!dump.includes(idNumber), `plain ID number found in the dump`);
      assert.ok(!dump.includes(idNumber.slice(0, 14)), 'no unmasked prefix with the birth date either');
    }
  });
});
