import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeIdNumber } from '../../shared/id-number.ts';
import { create, logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

/** Duplicate detection: the same ID number, or the same name, birth date and (normalised) address. */
describe('duplicate persons', () => {
  let server: TestServer;
  let city: Session;
  let xiangshan: Session;
  const idNumber = makeIdNumber('340603', '1944-04-04', 31);
  const ids: Record<string, number> = {};

  async function register(key: string, body: Record<string, unknown>) {
    ids[key] = (await create(city, '/api/people', body)).id;
  }

  before(async () => {
    server = await startTestServer({ web: false });
    city = await logIn(server.app, 'city.civil');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    await register('withId', {
      regionCode: '340603001',
      name: '查重甲',
      idNumber,
      address: '相山区人民路5号',
    });
    await register('typed', {
      regionCode: '340603001',
      name: '查重乙',
      sex: 'female',
      birthDate: '1939-09-09',
      address: '安徽省淮北市相山区 人民路１２号',
    });
    await register('again', {
      regionCode: '340603002',
      name: '查重乙',
      sex: 'female',
      birthDate: '1939-09-09',
      address: '相山区人民路12号。',
    });
    await register('dujiTwin1', {
      regionCode: '340602',
      name: '查重丙',
      sex: 'male',
      birthDate: '1941-01-01',
      address: '杜集区矿山路3号',
    });
    await register('dujiTwin2', {
      regionCode: '340602',
      name: '查重丙',
      sex: 'male',
      birthDate: '1941-01-01',
      address: '杜集区矿山路 3 号',
    });
  });
  after(() => server?.close());

  it('finds an existing person by ID number before registering them again', async () => {
    const reply = await xiangshan.request('POST', '/api/people/duplicates/check', {
      regionCode: '340603',
      name: '别的名字',
      birthDate: '1944-04-04',
      idNumber,
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(
      reply.body.matches.map((m: { person: { id: number }; reasons: string[] }) => [m.person.id, m.reasons]),
      [[ids.withId, ['id_number']]],
    );
    assert.ok(!JSON.stringify(reply.body).includes(idNumber), 'the ID number is answered masked');
  });

  it('finds the same name and birth date at an address typed differently', async () => {
    const reply = await xiangshan.request('POST', '/api/people/duplicates/check', {
      regionCode: '340603',
      name: '查重乙',
      birthDate: '1939-09-09',
      address: '淮北市相山区人民路12号',
    });
    assert.deepEqual(
      reply.body.matches.map((m: { person: { id: number }; reasons: string[] }) => [m.person.id, m.reasons]),
      [
        [ids.typed, ['name_birth_date_address']],
        [ids.again, ['name_birth_date_address']],
      ],
    );
    const elsewhere = await xiangshan.request('POST', '/api/people/duplicates/check', {
      regionCode: '340603',
      name: '查重乙',
      birthDate: '1939-09-09',
      address: '相山区人民路13号',
    });
    assert.deepEqual(elsewhere.body.matches, [], 'another house number is another person');
  });

  it("does not show another district's match, only that one exists", async () => {
    const reply = await xiangshan.request('POST', '/api/people/duplicates/check', {
      regionCode: '340603',
      name: '查重丙',
      birthDate: '1941-01-01',
      address: '杜集区矿山路3号',
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.matches, []);
    assert.equal(reply.body.outsideScope, 2);
    assert.equal(
      (
        await xiangshan.request('POST', '/api/people/duplicates/check', {
          regionCode: '340602',
          name: '查重丙',
          birthDate: '1941-01-01',
        })
      ).status,
      403,
    );
  });

  it('lists likely duplicate pairs within the region asked about', async () => {
    const cityPairs = await city.request('GET', '/api/people/duplicates?region=3406');
    assert.equal(cityPairs.status, 200);
    const pairs = cityPairs.body.pairs.map((p: { first: { id: number }; second: { id: number } }) => [
      p.first.id,
      p.second.id,
    ]);
    assert.deepEqual(pairs, [
      [ids.dujiTwin1, ids.dujiTwin2],
      [ids.typed, ids.again],
    ]);
    const district = await xiangshan.request('GET', '/api/people/duplicates?region=340603');
    assert.deepEqual(
      district.body.pairs.map((p: { first: { id: number } }) => p.first.id),
      [ids.typed],
    );
    assert.doesNotMatch(JSON.stringify(district.body), /查重丙/);
    assert.equal((await xiangshan.request('GET', '/api/people/duplicates?region=340602')).status, 403);
    const township = await city.request('GET', '/api/people/duplicates?region=340603001');
    assert.deepEqual(township.body.pairs, [], 'a pair half outside the township is not listed there');
  });

  it('refuses a malformed check with field errors', async () => {
    const badId = await xiangshan.request('POST', '/api/people/duplicates/check', {
      regionCode: '340603',
      name: '查重乙',
      birthDate: '1939-09-09',
      idNumber: idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1'),
    });
    assert.equal(badId.status, 400);
    assert.equal(badId.body.error.fields[0].path, 'body.idNumber');
    const noDate = await xiangshan.request('POST', '/api/people/duplicates/check', {
      regionCode: '340603',
      name: '查重乙',
    });
    assert.equal(noDate.status, 400);
    assert.equal(noDate.body.error.fields[0].path, 'body.birthDate');
  });

  it('normalises addresses in the database, so stored and asked-for keys agree', async () => {
    const keys = await sql<{ k: string }>`
      SELECT person_address_key(a) AS k FROM unnest(${[
        '安徽省淮北市相山区 人民路１２号',
        '相山区人民路12号。',
        '淮北市相山区人民路12号',
      ]}::text[]) AS a`.execute(server.database.db);
    assert.deepEqual(new Set(keys.rows.map((row) => row.k)), new Set(['相山区人民路12号']));
  });
});
