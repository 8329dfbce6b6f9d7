import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../test/helpers/server.ts';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { makeDevelopmentKeys } from '../shared/personal-data.ts';
import { certifiedCarers, certifiedStaffRate, socialWorkers } from '../domains/staff/queries.ts';
import type { Db } from '../db/database.ts';
import { loadDemoCity, TEST_DEMO } from './demo-city.ts';
import { HUAIBEI_2020 } from './demo-population.ts';

const COUNTIES = ['340602', '340603', '340604', '340621'];
const RESIDENTIAL = ['care_home', 'township_care_home', 'medical_care_institution'];
const AS_OF = '2026-06-30';

type ByType = { facilityType: string; facilities: number; bedsTotal: number; bedsNursing: number }[];
const sum = (rows: ByType, types: string[], key: 'facilities' | 'bedsTotal' | 'bedsNursing') =>
  rows.filter((row) => types.includes(row.facilityType)).reduce((total, row) => total + row[key], 0);

/**
 * The full demo city reproduces 淮北's published 2020 figures (plans.md) through the real API, grows toward the
 * plan's 2025 targets, and puts something on every desk: the 相山区 inbox and alerts, the public list, the family page.
 */
describe('the full demo city', () => {
  let server: TestServer;
  let civil: Session;
  let health: Session;
  let xiangshan: Session;
  let family: Session;
  const anonymous = (url: string) =>
    server.app
      .inject({ method: 'GET', url })
      .then((reply) => ({ status: reply.statusCode, body: reply.json() }));

  before(async () => {
    server = await startTestServer({ web: false, demo: false, clock: () => new Date(`${AS_OF}T04:00:00Z`) });
    await loadDemoCity(server.database.db, makeDevelopmentKeys(), { size: 'full', asOf: AS_OF });
    civil = await logIn(server.app, 'city.civil');
    health = await logIn(server.app, 'city.health');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    family = await logIn(server.app, 'family.demo');
  });
  after(() => server?.close());

  const capacity = async (session: Session, asOf: string) => {
    const reply = await session.request('GET', `/api/providers/capacity?region=3406&asOf=${asOf}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
  };

  it('has 51 care homes with 8,554 beds, 4,529 nursing-type, and 186 elderly-service centres on 2020-12-31', async () => {
    const { byType, totals } = await capacity(civil, '2020-12-31');
    assert.equal(sum(byType, RESIDENTIAL, 'facilities'), 51);
    assert.equal(sum(byType, RESIDENTIAL, 'bedsTotal'), 8_554);
    assert.equal(sum(byType, RESIDENTIAL, 'bedsNursing'), 4_529);
    assert.equal(totals.bedsTotal, 8_554, 'no other elderly facility holds beds');
    assert.equal(
      sum(byType, ['medical_care_institution'], 'facilities'),
      10,
      'the 10 medical-care institutions',
    );
    assert.equal(sum(byType, ['medical_care_institution'], 'bedsTotal'), 2_103);
    assert.equal(sum(byType, ['community_elderly_centre', 'day_care_centre'], 'facilities'), 186);
  });

  it('has 43 childcare providers with 1,869 places on 2020-12-31, 20 of them filed', async () => {
    const { totals } = await capacity(health, '2020-12-31');
    assert.equal(totals.facilities, 43);
    assert.equal(totals.places, 1_869);
    const filed = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM filing_record WHERE domain = 'childcare' AND filed_on <= '2020-12-31'`.execute(
      server.database.db,
    );
    assert.equal(filed.rows[0].n, 20, '登记备案的托育机构数 2020');
  });

  it('has the plan’s 529 certified carers and 0.3 social workers per 1,000 elders, every childcare worker certified', async () => {
    const db = server.database.db;
    assert.equal(await certifiedCarers(db, '3406', '2020-12-31'), 529);
    assert.equal(await socialWorkers(db, '3406', '2020-12-31'), 97);
    const childcare = await certifiedStaffRate(db, '3406', '2020-12-31', 'childcare');
    assert.ok(childcare.staff > 0);
    assert.equal(childcare.rate, 1, '从业人员持证上岗率 100%');
  });

  it('grows year by year toward the plan’s 2025 targets', async () => {
    const before = await capacity(civil, '2021-12-31');
    const end2025 = await capacity(civil, '2025-12-31');
    const beds = sum(end2025.byType, RESIDENTIAL, 'bedsTotal');
    assert.ok(sum(before.byType, RESIDENTIAL, 'bedsTotal') > 8_554, 'beds grow after 2020');
    assert.ok(beds > 10_000, `养老床位突破10000张 (${beds})`);
    assert.ok(sum(end2025.byType, RESIDENTIAL, 'bedsNursing') / beds >= 0.55, 'nursing-type share 55%');
    const places2021 = (await capacity(health, '2021-12-31')).totals.places;
    assert.equal(places2021 - 1_869, 2_664, 'the plan’s new places of 2021');
    const places2025 = await capacity(health, '2025-12-31');
    assert.ok(places2025.totals.places >= 9_930, '5.04 places per 1,000 of 1,970,265 residents');
    assert.ok(places2025.totals.placesInclusive / places2025.totals.places >= 0.6, 'inclusive places 60%');
  });

  it('gives the population summary of 2020 the four published figures', async () => {
    const reply = await civil.request('GET', '/api/population/summary?region=3406&year=2020');
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const count = (key: string) =>
      reply.body.denominators.find((d: { key: string }) => d.key === key).total.count;
    assert.equal(count('total'), HUAIBEI_2020.total);
    assert.equal(count('aged60Plus'), HUAIBEI_2020.aged60);
    assert.equal(count('aged65Plus'), HUAIBEI_2020.aged65);
    assert.equal(count('under3'), HUAIBEI_2020.under3);
  });

  it('has persons, elders, young children and households in every county', async () => {
    for (const county of COUNTIES) {
      const elders = await civil.request('GET', `/api/people?region=${county}&ageFrom=60`);
      assert.equal(elders.status, 200, JSON.stringify(elders.body));
      assert.ok(elders.body.total >= 300, `${county}: ${elders.body.total} elders`);
      const toddlers = await civil.request('GET', `/api/people?region=${county}&ageTo=2`);
      assert.ok(toddlers.body.total >= 50, `${county}: ${toddlers.body.total} children under 3`);
      const households = await civil.request('GET', `/api/households?region=${county}`);
      assert.equal(households.status, 200, JSON.stringify(households.body));
      assert.ok(households.body.total > 0, county);
      assert.ok(
        households.body.withElderAndYoungChild > 0,
        `${county}: a grandparent and a grandchild under 3`,
      );
    }
    const poor = await civil.request('GET', '/api/people?region=3406&condition=extreme_poverty');
    assert.ok(poor.body.total > 0, 'filters by condition find people');
  });

  it('stores ID numbers sealed only, and shows them masked', async () => {
    const plain = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM person
      WHERE id_number_cipher IS NULL OR address ~ '[0-9]{17}[0-9X]' OR name ~ '[0-9]'`.execute(
      server.database.db,
    );
    assert.equal(plain.rows[0].n, 0);
    const list = await civil.request('GET', '/api/people?region=340621&pageSize=5');
    for (const person of list.body.people) assert.match(person.idNumberMasked, /^340621\*{8}\d{3}[\dX]$/);
  });

  it('lists filed providers publicly, with a published refusal', async () => {
    const list = await anonymous('/api/public/filings?pageSize=100');
    assert.equal(list.status, 200);
    assert.ok(list.body.total >= 100, `${list.body.total} filed providers`);
    assert.ok(list.body.providers.some((provider: { domain: string }) => provider.domain === 'elderly_care'));
    assert.ok(list.body.providers.some((provider: { domain: string }) => provider.domain === 'childcare'));
    assert.ok(list.body.notices.length >= 1, 'a non-compliance notice is published');
  });

  it('puts filings in the 相山区 inbox and overdue steps in its alerts', async () => {
    const inbox = await xiangshan.request('GET', '/api/filings?region=340603');
    assert.equal(inbox.status, 200, JSON.stringify(inbox.body));
    assert.deepEqual(inbox.body.filings.map((filing: { status: string }) => filing.status).sort(), [
      'received',
      'submitted',
    ]);
    const alerts = await xiangshan.request('GET', '/api/filings/alerts?region=340603');
    assert.ok(
      alerts.body.alerts.some((alert: { step: string }) => alert.step === 'filing_due_after_first_admission'),
      'a care home admitted residents and has not filed',
    );
    const nursery = await health.request('GET', '/api/filings/alerts?region=340603');
    assert.ok(nursery.body.alerts.some((alert: { step: string }) => alert.step === 'receipt'));
  });

  it('keeps the provider demo account’s 康乐养老院 as one of the care homes', async () => {
    const provider = await logIn(server.app, 'provider.demo');
    const facilities = await provider.request('GET', '/api/provider/facilities');
    assert.equal(facilities.status, 200, JSON.stringify(facilities.body));
    const kangle = facilities.body.facilities.find(
      (f: { name: string }) => f.name === '淮北市相山区康乐养老院',
    );
    assert.ok(kangle, 'its care home');
    assert.equal(kangle.facilityType, 'care_home');
    assert.ok(kangle.regionCode.startsWith('340603'));
  });

  it('shows the family account the parent who consented', async () => {
    const reply = await family.request('GET', '/api/family/relatives');
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(
      reply.body.relatives.map((relative: { person: { name: string } }) => relative.person.name),
      ['刘建国'],
    );
    assert.deepEqual(reply.body.relatives[0].relationships, [{ kind: 'child_of', direction: 'incoming' }]);
  });
});

async function fingerprint(db: Db): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', region_code, name, sex, birth_date, living_situation), ';' ORDER BY id) FROM person),
      (SELECT string_agg(concat_ws(',', region_code, name, facility_type, opened_on), ';' ORDER BY id) FROM facility),
      (SELECT string_agg(concat_ws(',', facility_id, valid_during, beds_total, places_inclusive), ';' ORDER BY id)
         FROM facility_capacity),
      (SELECT string_agg(concat_ws(',', name, role, employed_from, employed_to), ';' ORDER BY id) FROM staff_member),
      (SELECT string_agg(filing_number, ';' ORDER BY id) FROM filing_record))) AS digest`.execute(db);
  return rows[0].digest;
}

/** What every test server loads: small, but with every kind of record in every county, and the same every time. */
describe('the small demo city', () => {
  const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
  after(async () => {
    for (const database of databases) await database.drop();
  });

  it('is the same city on every load', async () => {
    const digests = [];
    for (let i = 0; i < 2; i++) {
      const database = await createTestDatabase();
      databases.push(database);
      await loadDemoCity(database.db, makeDevelopmentKeys(), TEST_DEMO);
      digests.push(await fingerprint(database.db));
    }
    assert.equal(digests[0], digests[1]);
  });

  it('has persons, households, elderly and childcare facilities in every county, and every kind of record', async () => {
    const db = databases[0].db;
    const { rows } = await sql<{
      county: string;
      persons: number;
      households: number;
      elderly: number;
      childcare: number;
    }>`
      SELECT c.code AS county,
        (SELECT count(*)::int FROM person p WHERE p.region_code LIKE c.code || '%') AS persons,
        (SELECT count(*)::int FROM household h WHERE h.region_code LIKE c.code || '%') AS households,
        (SELECT count(*)::int FROM facility f WHERE f.region_code LIKE c.code || '%' AND f.domain = 'elderly_care') AS elderly,
        (SELECT count(*)::int FROM facility f WHERE f.region_code LIKE c.code || '%' AND f.domain = 'childcare') AS childcare
      FROM region c WHERE c.level = 'county' ORDER BY c.code`.execute(db);
    assert.deepEqual(
      rows.map((row) => row.county),
      COUNTIES,
    );
    for (const row of rows) {
      assert.ok(
        row.persons > 0 && row.households > 0 && row.elderly > 0 && row.childcare > 0,
        JSON.stringify(row),
      );
    }
    const kinds = await sql<{ table: string; n: number }>`
      SELECT 'condition kinds' AS table, count(DISTINCT kind)::int AS n FROM person_condition
      UNION ALL SELECT 'living situations', count(DISTINCT living_situation)::int FROM person
      UNION ALL SELECT 'facility types', count(DISTINCT facility_type)::int FROM facility
      UNION ALL SELECT 'consents', count(*)::int FROM consent
      UNION ALL SELECT 'certificates', count(*)::int FROM staff_certificate
      UNION ALL SELECT 'background checks', count(*)::int FROM staff_background_check
      UNION ALL SELECT 'filing records', count(*)::int FROM filing_record
      UNION ALL SELECT 'open filings', count(*)::int FROM filing WHERE status IN ('submitted', 'received')`.execute(
      db,
    );
    const n = Object.fromEntries(kinds.rows.map((row) => [row.table, row.n]));
    assert.equal(n['condition kinds'], 6);
    assert.equal(n['living situations'], 4);
    assert.equal(n['facility types'], 11);
    for (const key of ['consents', 'certificates', 'background checks', 'filing records'])
      assert.ok(n[key] > 0, key);
    assert.equal(n['open filings'], 3, 'two care homes and a nursery in 相山区');
  });
});
