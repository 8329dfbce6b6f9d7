import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { idNumberCheckChar, makeIdNumber } from '../../src/shared/id-number.ts';
import { logIn, safeJson, type Session } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * Bad input never reaches the database and never becomes a 500: every input-taking route answers a 4xx in the
 * common error body, names the offending field where there is one, and writes nothing.
 */

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  /** A JSON value to send as the body. */
  payload?: unknown;
  /** A raw body (malformed or oversized), sent as application/json unless contentType says otherwise. */
  raw?: string;
  contentType?: string;
  anonymous?: boolean;
  /** The exact status; any 4xx when absent. */
  status?: number;
  code?: string;
  /** Field paths that must be named in error.fields. */
  fields?: string[];
}

const OVERSIZED = JSON.stringify({ name: 'x'.repeat(1_100_000), regionCode: '340603' });
const MALFORMED = '{"regionCode": "340603", "name": ';

// ID numbers: one valid per purpose, and one broken in each way the parser distinguishes.
const validId = (sequence: number) => makeIdNumber('340603', '1951-09-14', sequence);
const withCheckChar = (first17: string) => first17 + idNumberCheckChar(first17);
const BAD_CHECK_DIGIT = (() => {
  const good = validId(801);
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
})();
const IMPOSSIBLE_BIRTH_DATE = withCheckChar('34060319500230123'); // 30 February 1950
const FUTURE_BIRTH_DATE = withCheckChar('34060329990101123');
const SEVENTEEN_CHARS = validId(802).slice(0, 17);
const BAD_PROVINCE = withCheckChar('99060319500101123');

describe('bad input', () => {
  let server: TestServer;
  let civil: Session;
  let personId: number;
  let tokenId: number;

  before(async () => {
    server = await startTestServer({ web: false });
    civil = await logIn(server.app, 'city.civil');
    personId = (
      await server.database.db
        .selectFrom('person')
        .select('id')
        .where('region_code', '=', '340603')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    const token = await civil.request('POST', '/api/auth/tokens', { name: 'bad-input fixture' });
    assert.equal(token.status, 201);
    tokenId = token.body.id;
  });
  after(() => server?.close());

  /** What a bad request must leave untouched: persons (all columns), audit entries, API tokens. */
  async function snapshot() {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT (SELECT count(*)::int FROM person) AS people,
             (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM person p) AS people_digest,
             (SELECT count(*)::int FROM audit_entry) AS audit_entries,
             (SELECT count(*)::int FROM audit_entry WHERE action = 'create') AS audit_creates,
             (SELECT count(*)::int FROM api_token) AS tokens,
             (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM api_token t) AS tokens_digest
    `.execute(server.database.db);
    return rows[0];
  }

  async function send(c: Case) {
    const headers: Record<string, string> = {};
    if (!c.anonymous) headers.cookie = civil.cookie;
    if (c.raw !== undefined || c.contentType) headers['content-type'] = c.contentType ?? 'application/json';
    const reply = await server.app.inject({
      method: c.method,
      url: c.url,
      headers,
      ...(c.raw !== undefined && { payload: c.raw }),
      ...(c.payload !== undefined && { payload: c.payload as object }),
    });
    return { status: reply.statusCode, headers: reply.headers, body: safeJson(reply.body) };
  }

  function assertErrorShape(c: Case, reply: Awaited<ReturnType<typeof send>>) {
    const what = `${c.method} ${c.url} — ${c.name}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
    assert.ok(reply.status >= 400 && reply.status < 500, `a 4xx, never a 500: ${what}`);
    if (c.status) assert.equal(reply.status, c.status, what);
    assert.equal(typeof reply.body, 'object', what);
    assert.deepEqual(Object.keys(reply.body), ['error'], what);
    const error = reply.body.error;
    const allowed = new Set(['code', 'message', 'fields', 'requestId']);
    for (const key of Object.keys(error)) assert.ok(allowed.has(key), `unexpected error key ${key}: ${what}`);
    assert.match(error.code, /^[a-z_]+$/, what);
    if (c.code) assert.equal(error.code, c.code, what);
    assert.deepEqual(Object.keys(error.message).sort(), ['en-US', 'zh-CN'], what);
    assert.ok(error.message['zh-CN'].length > 0 && error.message['en-US'].length > 0, what);
    assert.equal(error.requestId, reply.headers['x-request-id'], what);
    if (error.fields !== undefined) {
      assert.ok(Array.isArray(error.fields) && error.fields.length > 0, what);
      for (const field of error.fields) {
        assert.equal(typeof field.path, 'string', what);
        assert.ok(field.message['zh-CN'] && field.message['en-US'], what);
      }
    }
    if (c.fields) {
      assert.equal(c.code ?? error.code, 'invalid_input', what);
      const paths = (error.fields ?? []).map((field: { path: string }) => field.path);
      for (const path of c.fields)
        assert.ok(paths.includes(path), `field ${path} named in ${paths}: ${what}`);
    }
  }

  async function expectRejected(cases: Case[]) {
    for (const c of cases) {
      const before = await snapshot();
      const reply = await send(c);
      assertErrorShape(c, reply);
      assert.deepEqual(await snapshot(), before, `nothing written by ${c.method} ${c.url} — ${c.name}`);
    }
  }

  it('POST /api/auth/login: missing fields, wrong types, oversized and malformed bodies', async () => {
    const url = '/api/auth/login';
    const base = { method: 'POST', url, anonymous: true } as const;
    await expectRejected([
      { ...base, name: 'empty object', payload: {}, status: 400, fields: ['body.username', 'body.password'] },
      { ...base, name: 'no password', payload: { username: 'city.civil' }, fields: ['body.password'] },
      {
        ...base,
        name: 'number username',
        payload: { username: 42, password: 'x' },
        fields: ['body.username'],
      },
      {
        ...base,
        name: 'array password',
        payload: { username: 'city.civil', password: ['laoyou2026'] },
        fields: ['body.password'],
      },
      {
        ...base,
        name: 'blank username',
        payload: { username: '   ', password: 'x' },
        fields: ['body.username'],
      },
      {
        ...base,
        name: 'password over 200 characters',
        payload: { username: 'city.civil', password: 'p'.repeat(201) },
        fields: ['body.password'],
      },
      { ...base, name: 'JSON array body', raw: '[]', status: 400, fields: ['body'] },
      { ...base, name: 'JSON null body', raw: 'null', status: 400 },
      { ...base, name: 'malformed JSON', raw: MALFORMED, status: 400 },
      { ...base, name: 'empty JSON body', raw: '', status: 400 },
      { ...base, name: 'prototype pollution', raw: '{"__proto__": {"admin": true}}', status: 400 },
      { ...base, name: 'over 1 MiB', raw: OVERSIZED, status: 413, code: 'body_too_large' },
      { ...base, name: 'NUL in username', payload: { username: 'city\u0000civil', password: 'x' } },
    ]);
  });

  it('POST /api/people: missing fields, wrong types, bad values, unknown region, bad ID numbers', async () => {
    const base = { method: 'POST', url: '/api/people', status: 400 } as const;
    const valid = { regionCode: '340603', name: '测试老人', sex: 'male', birthDate: '1950-01-01' };
    await expectRejected([
      { ...base, name: 'empty object', payload: {}, fields: ['body.regionCode', 'body.name'] },
      {
        ...base,
        name: 'neither sex nor birth date nor ID number',
        payload: { regionCode: '340603', name: '测试' },
        fields: ['body.sex', 'body.birthDate'],
      },
      {
        ...base,
        name: 'number region code',
        payload: { ...valid, regionCode: 340603 },
        fields: ['body.regionCode'],
      },
      {
        ...base,
        name: 'malformed region code',
        payload: { ...valid, regionCode: '3406x' },
        fields: ['body.regionCode'],
      },
      {
        ...base,
        name: 'unknown region',
        payload: { ...valid, regionCode: '340699' },
        fields: ['body.regionCode'],
      },
      { ...base, name: 'array name', payload: { ...valid, name: ['测试'] }, fields: ['body.name'] },
      { ...base, name: 'blank name', payload: { ...valid, name: '   ' }, fields: ['body.name'] },
      {
        ...base,
        name: 'name over 100',
        payload: { ...valid, name: '名'.repeat(101) },
        fields: ['body.name'],
      },
      { ...base, name: 'unknown sex', payload: { ...valid, sex: 'x' }, fields: ['body.sex'] },
      {
        ...base,
        name: 'impossible date',
        payload: { ...valid, birthDate: '1950-02-30' },
        fields: ['body.birthDate'],
      },
      {
        ...base,
        name: 'slashed date',
        payload: { ...valid, birthDate: '1950/01/01' },
        fields: ['body.birthDate'],
      },
      {
        ...base,
        name: 'number date',
        payload: { ...valid, birthDate: 19500101 },
        fields: ['body.birthDate'],
      },
      {
        ...base,
        name: 'address over 300',
        payload: { ...valid, address: '路'.repeat(301) },
        fields: ['body.address'],
      },
      { ...base, name: 'null address', payload: { ...valid, address: null }, fields: ['body.address'] },
      {
        ...base,
        name: 'number ID',
        payload: { ...valid, idNumber: 3406031950010112 },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'ID check digit',
        payload: { regionCode: '340603', name: '测试', idNumber: BAD_CHECK_DIGIT },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'ID with 30 February',
        payload: { regionCode: '340603', name: '测试', idNumber: IMPOSSIBLE_BIRTH_DATE },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'ID born in 2999',
        payload: { regionCode: '340603', name: '测试', idNumber: FUTURE_BIRTH_DATE },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'ID of 17 characters',
        payload: { regionCode: '340603', name: '测试', idNumber: SEVENTEEN_CHARS },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'ID with letters',
        payload: { regionCode: '340603', name: '测试', idNumber: '34060319500101ABCD' },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'ID with an unknown province',
        payload: { regionCode: '340603', name: '测试', idNumber: BAD_PROVINCE },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'ID over 32 characters',
        payload: { regionCode: '340603', name: '测试', idNumber: '3'.repeat(33) },
        fields: ['body.idNumber'],
      },
      {
        ...base,
        name: 'sex contradicts the ID number',
        payload: { regionCode: '340603', name: '测试', idNumber: validId(803), sex: 'female' },
        fields: ['body.sex'],
      },
      { ...base, name: 'JSON string body', raw: '"张三"', fields: ['body'] },
      { ...base, name: 'malformed JSON', raw: MALFORMED },
      {
        ...base,
        name: 'form-encoded body',
        raw: 'name=x',
        contentType: 'application/x-www-form-urlencoded',
        status: undefined,
      },
      { ...base, name: 'over 1 MiB', raw: OVERSIZED, status: 413, code: 'body_too_large' },
      { ...base, name: 'NUL in name', payload: { ...valid, name: '张\u0000三' }, status: undefined },
      {
        ...base,
        name: 'born before 1880',
        payload: { ...valid, birthDate: '1800-01-01' },
        status: undefined,
      },
    ]);
  });

  it('PATCH /api/people/:id: bad ids, wrong types, unknown region, oversized and malformed bodies', async () => {
    const url = `/api/people/${personId}`;
    const base = { method: 'PATCH', url, status: 400 } as const;
    await expectRejected([
      {
        ...base,
        name: 'non-numeric id',
        url: '/api/people/abc',
        payload: { name: 'x' },
        fields: ['params.id'],
      },
      { ...base, name: 'zero id', url: '/api/people/0', payload: { name: 'x' }, fields: ['params.id'] },
      { ...base, name: 'negative id', url: '/api/people/-3', payload: { name: 'x' }, fields: ['params.id'] },
      {
        ...base,
        name: 'fractional id',
        url: '/api/people/1.5',
        payload: { name: 'x' },
        fields: ['params.id'],
      },
      {
        ...base,
        name: 'id beyond 2^53',
        url: '/api/people/99999999999999999999',
        payload: { name: 'x' },
        fields: ['params.id'],
      },
      {
        ...base,
        name: 'absent person',
        url: '/api/people/987654',
        payload: { name: 'x' },
        status: 404,
        code: 'not_found',
      },
      { ...base, name: 'number name', payload: { name: 7 }, fields: ['body.name'] },
      { ...base, name: 'blank name', payload: { name: '' }, fields: ['body.name'] },
      { ...base, name: 'unknown sex', payload: { sex: 'other' }, fields: ['body.sex'] },
      { ...base, name: 'impossible date', payload: { birthDate: '1950-13-01' }, fields: ['body.birthDate'] },
      { ...base, name: 'number address', payload: { address: 12 }, fields: ['body.address'] },
      { ...base, name: 'unknown region', payload: { regionCode: '340699' }, fields: ['body.regionCode'] },
      {
        ...base,
        name: 'malformed region',
        payload: { regionCode: 'xiangshan' },
        fields: ['body.regionCode'],
      },
      { ...base, name: 'JSON array body', raw: '[{"name": "x"}]', fields: ['body'] },
      { ...base, name: 'malformed JSON', raw: '{"name": "x"' },
      { ...base, name: 'over 1 MiB', raw: OVERSIZED, status: 413, code: 'body_too_large' },
      { ...base, name: 'NUL in address', payload: { address: 'a\u0000b' }, status: undefined },
    ]);
  });

  it('POST /api/people/find-by-id-number: missing, wrong type, invalid ID numbers', async () => {
    const base = { method: 'POST', url: '/api/people/find-by-id-number', status: 400 } as const;
    await expectRejected([
      { ...base, name: 'empty object', payload: {}, fields: ['body.idNumber'] },
      { ...base, name: 'number', payload: { idNumber: 3406031950010112 }, fields: ['body.idNumber'] },
      { ...base, name: 'check digit', payload: { idNumber: BAD_CHECK_DIGIT }, fields: ['body.idNumber'] },
      {
        ...base,
        name: '30 February',
        payload: { idNumber: IMPOSSIBLE_BIRTH_DATE },
        fields: ['body.idNumber'],
      },
      { ...base, name: '17 characters', payload: { idNumber: SEVENTEEN_CHARS }, fields: ['body.idNumber'] },
      {
        ...base,
        name: 'over 32 characters',
        payload: { idNumber: '1'.repeat(40) },
        fields: ['body.idNumber'],
      },
      { ...base, name: 'malformed JSON', raw: '{"idNumber":' },
      { ...base, name: 'over 1 MiB', raw: OVERSIZED, status: 413, code: 'body_too_large' },
      {
        ...base,
        name: 'valid but unregistered',
        payload: { idNumber: validId(804) },
        status: 404,
        code: 'not_found',
      },
    ]);
  });

  it('GET /api/people: bad query parameters', async () => {
    const base = { method: 'GET', status: 400 } as const;
    await expectRejected([
      { ...base, name: 'no region', url: '/api/people', fields: ['querystring.region'] },
      {
        ...base,
        name: 'malformed region',
        url: '/api/people?region=huaibei',
        fields: ['querystring.region'],
      },
      {
        ...base,
        name: 'region twice',
        url: '/api/people?region=3406&region=340603',
        fields: ['querystring.region'],
      },
      { ...base, name: 'page 0', url: '/api/people?region=3406&page=0', fields: ['querystring.page'] },
      { ...base, name: 'page text', url: '/api/people?region=3406&page=two', fields: ['querystring.page'] },
      {
        ...base,
        name: 'page fraction',
        url: '/api/people?region=3406&page=1.5',
        fields: ['querystring.page'],
      },
      {
        ...base,
        name: 'pageSize 201',
        url: '/api/people?region=3406&pageSize=201',
        fields: ['querystring.pageSize'],
      },
      { ...base, name: 'blank name', url: '/api/people?region=3406&name=%20', fields: ['querystring.name'] },
      {
        ...base,
        name: 'region outside scope',
        url: '/api/people?region=3201',
        status: 403,
        code: 'forbidden',
      },
      { ...base, name: 'NUL in name', url: '/api/people?region=3406&name=%00', status: undefined },
    ]);
  });

  it('GET /api/regions/:code/summary: malformed code 400, unknown region 404', async () => {
    const base = { method: 'GET', status: 400 } as const;
    await expectRejected([
      { ...base, name: 'letters', url: '/api/regions/abc/summary', fields: ['params.code'] },
      { ...base, name: 'seven digits', url: '/api/regions/3406031/summary', fields: ['params.code'] },
      { ...base, name: 'unknown region', url: '/api/regions/999999/summary', status: 404, code: 'not_found' },
    ]);
  });

  it('GET /api/audit: bad query parameters', async () => {
    const base = { method: 'GET', status: 400 } as const;
    await expectRejected([
      { ...base, name: 'no region', url: '/api/audit', fields: ['querystring.region'] },
      { ...base, name: 'malformed region', url: '/api/audit?region=3406%25', fields: ['querystring.region'] },
      { ...base, name: 'limit 0', url: '/api/audit?region=3406&limit=0', fields: ['querystring.limit'] },
      { ...base, name: 'limit 501', url: '/api/audit?region=3406&limit=501', fields: ['querystring.limit'] },
      {
        ...base,
        name: 'negative before',
        url: '/api/audit?region=3406&before=-1',
        fields: ['querystring.before'],
      },
      {
        ...base,
        name: 'text before',
        url: '/api/audit?region=3406&before=latest',
        fields: ['querystring.before'],
      },
      {
        ...base,
        name: 'huge before',
        url: '/api/audit?region=3406&before=1e30',
        fields: ['querystring.before'],
      },
      {
        ...base,
        name: 'entity over 50',
        url: `/api/audit?region=3406&entity=${'e'.repeat(51)}`,
        fields: ['querystring.entity'],
      },
      {
        ...base,
        name: 'region outside scope',
        url: '/api/audit?region=999999',
        status: 403,
        code: 'forbidden',
      },
      { ...base, name: 'NUL in entity', url: '/api/audit?region=3406&entity=%00', status: undefined },
    ]);
  });

  it('POST /api/auth/tokens: missing name, wrong types, bad lifetimes, oversized and malformed bodies', async () => {
    const base = { method: 'POST', url: '/api/auth/tokens', status: 400 } as const;
    await expectRejected([
      { ...base, name: 'empty object', payload: {}, fields: ['body.name'] },
      { ...base, name: 'number name', payload: { name: 5 }, fields: ['body.name'] },
      { ...base, name: 'blank name', payload: { name: '  ' }, fields: ['body.name'] },
      { ...base, name: 'name over 100', payload: { name: 'n'.repeat(101) }, fields: ['body.name'] },
      { ...base, name: '0 days', payload: { name: 'x', expiresInDays: 0 }, fields: ['body.expiresInDays'] },
      {
        ...base,
        name: '367 days',
        payload: { name: 'x', expiresInDays: 367 },
        fields: ['body.expiresInDays'],
      },
      {
        ...base,
        name: '1.5 days',
        payload: { name: 'x', expiresInDays: 1.5 },
        fields: ['body.expiresInDays'],
      },
      {
        ...base,
        name: 'days as text',
        payload: { name: 'x', expiresInDays: '7' },
        fields: ['body.expiresInDays'],
      },
      { ...base, name: 'malformed JSON', raw: '{"name": "x",}' },
      { ...base, name: 'over 1 MiB', raw: OVERSIZED, status: 413, code: 'body_too_large' },
      { ...base, name: 'NUL in name', payload: { name: 'a\u0000b' }, status: undefined },
    ]);
  });

  it('DELETE /api/auth/tokens/:id: bad ids 400, absent ids 404, the token survives', async () => {
    const base = { method: 'DELETE', status: 400 } as const;
    await expectRejected([
      { ...base, name: 'text id', url: '/api/auth/tokens/abc', fields: ['params.id'] },
      { ...base, name: 'zero id', url: '/api/auth/tokens/0', fields: ['params.id'] },
      { ...base, name: 'negative id', url: '/api/auth/tokens/-1', fields: ['params.id'] },
      { ...base, name: 'fractional id', url: `/api/auth/tokens/${tokenId}.5`, fields: ['params.id'] },
      { ...base, name: 'id beyond 2^53', url: '/api/auth/tokens/18014398509481984', fields: ['params.id'] },
      { ...base, name: 'absent token', url: '/api/auth/tokens/987654', status: 404, code: 'not_found' },
    ]);
    const listed = await civil.request('GET', '/api/auth/tokens');
    assert.ok(
      listed.body.tokens.some((token: { id: number }) => token.id === tokenId),
      'still live',
    );
  });

  describe('ID numbers that are accepted', () => {
    it('a lowercase x is stored uppercase: found by the uppercase number, sex and birth date derived', async () => {
      let sequence = 700;
      while (!makeIdNumber('340604', '1946-07-21', sequence).endsWith('X')) sequence++;
      const idNumber = makeIdNumber('340604', '1946-07-21', sequence);
      const lower = idNumber.toLowerCase();
      assert.ok(lower.endsWith('x'));

      const created = await civil.request('POST', '/api/people', {
        regionCode: '340604',
        name: '测试大写',
        idNumber: ` ${lower} `,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.birthDate, '1946-07-21');
      assert.equal(created.body.sex, sequence % 2 === 1 ? 'male' : 'female');
      assert.equal(created.body.idNumberMasked, `340604********${idNumber.slice(14)}`);

      const full = await civil.request('GET', `/api/people/${created.body.id}/id-number`);
      assert.equal(full.status, 200);
      assert.equal(full.body.idNumber, idNumber, 'stored in its canonical uppercase form');

      const byUpper = await civil.request('POST', '/api/people/find-by-id-number', { idNumber });
      assert.equal(byUpper.status, 200, JSON.stringify(byUpper.body));
      assert.equal(byUpper.body.id, created.body.id);
      const byLower = await civil.request('POST', '/api/people/find-by-id-number', { idNumber: lower });
      assert.equal(byLower.body.id, created.body.id);

      const again = await civil.request('POST', '/api/people', {
        regionCode: '340604',
        name: '重复登记',
        idNumber,
      });
      assert.equal(again.status, 409, 'the uppercase form is the same person as the lowercase one');
    });

    it('a birth date that contradicts the ID number is refused with body.birthDate, and nothing is written', async () => {
      const idNumber = validId(805);
      await expectRejected([
        {
          name: 'birth date mismatch',
          method: 'POST',
          url: '/api/people',
          payload: { regionCode: '340603', name: '测试', idNumber, birthDate: '1951-09-15' },
          status: 400,
          fields: ['body.birthDate'],
        },
      ]);
      const matching = await civil.request('POST', '/api/people', {
        regionCode: '340603',
        name: '测试一致',
        idNumber,
        birthDate: '1951-09-14',
        sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
      });
      assert.equal(matching.status, 201, 'the same ID number with its own birth date and sex is accepted');
    });
  });

  describe('unknown extra fields', () => {
    it('POST /api/people ignores fields it does not declare: none reaches a column', async () => {
      const reply = await civil.request('POST', '/api/people', {
        regionCode: '340602',
        name: '多余字段',
        sex: 'female',
        birthDate: '1948-02-29',
        id: 999_999,
        region_code: '340603',
        id_number_hash: 'AAAA',
        idNumberMasked: '340602********0000',
        createdAt: '2000-01-01T00:00:00Z',
        created_at: '2000-01-01T00:00:00Z',
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.notEqual(reply.body.id, 999_999);
      assert.equal(reply.body.idNumberMasked, null);
      const row = await server.database.db
        .selectFrom('person')
        .select(['id', 'region_code', 'id_number_hash', 'id_number_cipher', 'created_at'])
        .where('id', '=', reply.body.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.region_code, '340602');
      assert.equal(row.id_number_hash, null);
      assert.equal(row.id_number_cipher, null);
      assert.ok(row.created_at.getFullYear() > 2000);
      const audit = await server.database.db
        .selectFrom('audit_entry')
        .select('detail')
        .where('action', '=', 'create')
        .where('entity', '=', 'person')
        .where('entity_id', '=', String(reply.body.id))
        .executeTakeFirstOrThrow();
      assert.deepEqual((audit.detail as { fields: string[] }).fields.sort(), [
        'birthDate',
        'name',
        'regionCode',
        'sex',
      ]);
    });

    it('PATCH /api/people/:id never changes the ID number, whatever fields are sent', async () => {
      const url = `/api/people/${personId}`;
      const before = await civil.request('GET', `${url}/id-number`);
      const reply = await civil.request('PATCH', url, {
        idNumber: validId(806),
        id_number_hash: 'AAAA',
        id: 1,
      });
      assert.ok(reply.status < 500, JSON.stringify(reply.body));
      const afterwards = await civil.request('GET', `${url}/id-number`);
      assert.equal(afterwards.body.idNumber, before.body.idNumber);
      const found = await civil.request('POST', '/api/people/find-by-id-number', { idNumber: validId(806) });
      assert.equal(found.status, 404);
    });

    it('POST /api/auth/tokens cannot choose the token value, its owner or its expiry', async () => {
      const other = await server.database.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'city.health')
        .executeTakeFirstOrThrow();
      const reply = await civil.request('POST', '/api/auth/tokens', {
        name: 'chosen',
        token: 'lyt_chosen-by-the-caller',
        accountId: other.id,
        account_id: other.id,
        expiresAt: '2000-01-01T00:00:00Z',
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.notEqual(reply.body.token, 'lyt_chosen-by-the-caller');
      assert.equal(reply.body.expiresAt, null);
      const row = await server.database.db
        .selectFrom('api_token as t')
        .innerJoin('account as a', 'a.id', 't.account_id')
        .select('a.username')
        .where('t.id', '=', reply.body.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.username, 'city.civil');
      const chosen = await server.app.inject({
        method: 'GET',
        url: '/api/people?region=3406',
        headers: { authorization: 'Bearer lyt_chosen-by-the-caller' },
      });
      assert.equal(chosen.statusCode, 401);
      assert.equal((await civil.request('DELETE', `/api/auth/tokens/${reply.body.id}`)).status, 204);
    });
  });
});
