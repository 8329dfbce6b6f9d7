import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../helpers/http.ts';
import { inTransaction } from '../../src/db/database.ts';
import { loadSeedPlans } from '../../src/domains/plan/load-plans.ts';
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
  'GET /api/calendar': 'the national holiday calendar, public',
  'GET /api/filing-deadline-rules': 'legal deadlines, public',
  'GET /api/public/filings': 'the public register of filed providers (scope tested in src/domains/filing)',
  'GET /api/public/counties':
    'public names of the served counties (tested in src/domains/filing/public-counties)',
  'GET /api/plans':
    'plans of the city and province above the caller, no district records (tested in src/domains/plan)',
  'GET /api/plans/:id': "the city's plan and targets; a district's plan is tested in src/domains/plan",
  'GET /api/indicators': 'the indicator catalogue: definitions, no values',
  'POST /api/plans/load': 'loads the seed plans; platform administrators only',
  'GET /api/intake/kinds': 'the kinds of upload the caller may use: definitions only',
  'GET /api/intake/:kind/template': 'an empty template',
  'GET /api/visits/tasks/mine': "the caller's own visit tasks",
  'POST /api/intake/:kind':
    "an upload: another district's rows become row errors and nothing is written (tested in src/domains/intake)",
};

describe('cross-district denial', () => {
  let server: TestServer;
  let xiangshan: Session;
  let dujiPersonId: number;
  let dujiIdNumber: string;
  /** 杜集 records of the people registry, attacked through their own ids. */
  const dujiRecords = { childId: 0, conditionId: 0, householdId: 0, consentId: 0 };
  /** 杜集 provider records: an organisation, its day-care centre with capacity, and a staff member. */
  const dujiProviders = { organisationId: 0, facilityId: 0, staffId: 0 };
  /** 杜集 caring-visit records: an extra visit task and a visit record. */
  const dujiVisits = { taskId: 0, recordId: 0 };
  let snapshot: () => Promise<string>;
  /** 淮北's plan: its evaluation and gaps are attacked for 杜集. */
  let planId = 0;

  before(async () => {
    server = await startTestServer({ web: false });
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    await inTransaction(server.database.db, (tx) => loadSeedPlans(tx));
    planId = (
      await server.database.db
        .selectFrom('plan')
        .select('id')
        .where('region_code', '=', '3406')
        .executeTakeFirstOrThrow()
    ).id;
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
    const child = await city.request('POST', '/api/people', {
      regionCode: '340602',
      name: '杜集测试子女',
      sex: 'male',
      birthDate: '1970-03-03',
    });
    const condition = await city.request('POST', `/api/people/${dujiPersonId}/conditions`, {
      kind: 'low_income',
      validFrom: '2024-01-01',
    });
    const household = await city.request('POST', '/api/households', {
      regionCode: '340602',
      headPersonId: dujiPersonId,
      members: [{ personId: child.body.id, relation: 'child' }],
    });
    await city.request('POST', `/api/people/${child.body.id}/relationships`, {
      toPersonId: dujiPersonId,
      kind: 'child_of',
    });
    const consent = await city.request('POST', `/api/people/${dujiPersonId}/consents`, {
      granteePersonId: child.body.id,
    });
    for (const reply of [child, condition, household, consent]) {
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    Object.assign(dujiRecords, {
      childId: child.body.id,
      conditionId: condition.body.id,
      householdId: household.body.id,
      consentId: consent.body.id,
    });
    const { makeUscc } = await import('../../src/shared/uscc.ts');
    const organisation = await city.request('POST', '/api/organisations', {
      regionCode: '340602',
      uscc: makeUscc('52340602MJD00001X'),
      name: '杜集区测试养老服务中心',
      ownership: 'private',
    });
    const facility = await city.request('POST', '/api/facilities', {
      organisationId: organisation.body.id,
      regionCode: '340602',
      name: '杜集区测试日间照料中心',
      facilityType: 'day_care_centre',
      address: '杜集区',
    });
    const capacity = await city.request('POST', `/api/facilities/${facility.body.id}/capacity`, {
      validFrom: '2024-01-01',
      operatingStatus: 'operating',
      bedsTotal: 10,
    });
    for (const reply of [organisation, facility, capacity]) {
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    const staff = await server.database.db
      .insertInto('staff_member')
      .values({
        region_code: '340602',
        organisation_id: organisation.body.id,
        facility_id: facility.body.id,
        domain: 'elderly_care',
        name: '杜集测试老人',
        role: 'carer',
        employed_from: '2024-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // 杜集's person as a caring-visit target with an extra task and a visit record by that district's worker.
    const target = await city.request('POST', '/api/visits/roster/overrides', {
      personId: dujiPersonId,
      include: true,
      reason: '杜集测试对象',
    });
    assert.equal(target.status, 200, JSON.stringify(target.body));
    const dujiWorker = await logIn(server.app, 'worker.340602');
    const extra = await dujiWorker.request('POST', '/api/visits/events', {
      personId: dujiPersonId,
      kind: 'alarm',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const visit = await dujiWorker.request('POST', '/api/visits/records', {
      clientId: '6f1c1c7e-3d0b-4c1e-9a55-0e8f1b2c3d4e',
      personId: dujiPersonId,
      mode: 'phone',
      startedAt: new Date(Date.now() - 1_800_000).toISOString(),
      endedAt: new Date(Date.now() - 1_200_000).toISOString(),
      checklist: {
        health: 'ok',
        mentalState: 'ok',
        utilitiesSafety: 'ok',
        hygiene: 'ok',
        livingEnvironment: 'ok',
      },
    });
    for (const reply of [extra, visit]) assert.equal(reply.status, 201, JSON.stringify(reply.body));
    Object.assign(dujiVisits, { taskId: extra.body.id, recordId: visit.body.id });
    Object.assign(dujiProviders, {
      organisationId: organisation.body.id,
      facilityId: facility.body.id,
      staffId: staff.id,
    });
    snapshot = async () => {
      const providers = await sql<{ t: string }>`
        SELECT concat_ws('#',
          (SELECT string_agg(o::text, '|' ORDER BY id) FROM organisation o),
          (SELECT string_agg(f::text, '|' ORDER BY id) FROM facility f),
          (SELECT string_agg(c::text, '|' ORDER BY id) FROM facility_capacity c),
          (SELECT string_agg(s::text, '|' ORDER BY id) FROM staff_member s)) AS t`.execute(
        server.database.db,
      );
      return providers.rows[0].t + '#' + (await districtSnapshot());
    };
    const districtSnapshot = async () => {
      const rows = await sql<{ t: string }>`
        SELECT string_agg(p::text, '|' ORDER BY id) AS t FROM person p`.execute(server.database.db);
      const tokens = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM api_token WHERE revoked_at IS NOT NULL`.execute(server.database.db);
      const registry = await sql<{ t: string }>`
        SELECT concat_ws('#',
          (SELECT string_agg(c::text, '|' ORDER BY id) FROM person_condition c),
          (SELECT string_agg(h::text, '|' ORDER BY id) FROM household h),
          (SELECT string_agg(m::text, '|' ORDER BY id) FROM household_member m),
          (SELECT string_agg(r::text, '|' ORDER BY id) FROM person_relationship r),
          (SELECT string_agg(c::text, '|' ORDER BY id) FROM consent c),
          (SELECT string_agg(v::text, '|' ORDER BY person_id) FROM visit_target v),
          (SELECT string_agg(o::text, '|' ORDER BY id) FROM visit_roster_override o),
          (SELECT string_agg(k::text, '|' ORDER BY id) FROM visit_task k),
          (SELECT string_agg(r::text, '|' ORDER BY id) FROM visit_record r)) AS t`.execute(
        server.database.db,
      );
      return rows.rows[0].t + '#' + tokens.rows[0].n + '#' + registry.rows[0].t;
    };
  });
  after(() => server?.close());

  /** Bodies that pass a people-registry route's schema, so that the scope check (not validation) answers. */
  const registryBodies = (): Record<string, object> => ({
    'POST /api/people/:id/conditions': { kind: 'dementia', validFrom: '2025-01-01' },
    'POST /api/households': { regionCode: '340602', headPersonId: dujiPersonId },
    'POST /api/households/:id/members': { personId: dujiPersonId, relation: 'spouse' },
    'POST /api/people/:id/relationships': { toPersonId: dujiRecords.childId, kind: 'relative_of' },
    'POST /api/people/:id/consents': { granteePersonId: dujiRecords.childId },
    'POST /api/consents/:id/revoke': {},
    'POST /api/plans/:id/tasks': { number: 1, title: '任务', leadDepartments: ['市民政局'] },
    'POST /api/visits/roster/overrides': { personId: dujiPersonId, include: false, reason: '越权排除' },
    'POST /api/visits/tasks/generate': { regionCode: '340602', month: '2026-01' },
    'POST /api/visits/tasks/:id/reassign': { workerAccountId: 1 },
    'POST /api/visits/events': { personId: dujiPersonId, kind: 'alarm', occurredAt: '2026-01-01T00:00:00Z' },
    'POST /api/visits/records': {
      clientId: '0b7d3c1e-1111-4c1e-9a55-0e8f1b2c3d4e',
      personId: dujiPersonId,
      mode: 'phone',
      startedAt: '2026-01-01T00:00:00Z',
      endedAt: '2026-01-01T00:10:00Z',
      checklist: {
        health: 'ok',
        mentalState: 'ok',
        utilitiesSafety: 'ok',
        hygiene: 'ok',
        livingEnvironment: 'ok',
      },
    },
    'POST /api/visits/records/:id/reject': { reason: '越权驳回' },
    'POST /api/plans/:id/tasks/:number/progress': {
      reportedOn: '2024-01-01',
      status: 'done',
      report: '完成',
    },
  });

  let dujiIntakeJobId = 0;
  before(async () => {
    // A 杜集 upload by the city officer: its status and result file hold that district's people.
    const db = server.database.db;
    const city = await db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'city.civil')
      .executeTakeFirstOrThrow();
    const job = await db
      .insertInto('intake_job')
      .values({
        region_code: '340602',
        account_id: city.id,
        kind: 'people',
        file_format: 'csv',
        file_bytes: 1,
        file_sha256: Buffer.alloc(32),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    dujiIntakeJobId = job.id;
  });

  /** Bodies that pass a providers route's schema, aimed at 杜集. */
  const providerBodies = (): Record<string, object> => ({
    'POST /api/organisations': {
      regionCode: '340602',
      uscc: '91110000600037341L',
      name: '杜集区新机构',
      ownership: 'private',
    },
    'POST /api/facilities': {
      organisationId: dujiProviders.organisationId,
      regionCode: '340602',
      name: '杜集区新设施',
      facilityType: 'day_care_centre',
      ownership: 'private',
      address: 'x',
    },
    'POST /api/facilities/:id/capacity': { validFrom: '2025-01-01', bedsTotal: 1 },
  });
  const providerIds: [string, () => number][] = [
    ['/api/organisations', () => dujiProviders.organisationId],
    ['/api/facilities', () => dujiProviders.facilityId],
    ['/api/staff', () => dujiProviders.staffId],
  ];

  function attack(method: string, url: string) {
    const providerId = providerIds.find(([prefix]) => url.startsWith(prefix))?.[1]();
    const id =
      providerId ??
      (url.startsWith('/api/visits/tasks')
        ? dujiVisits.taskId
        : url.startsWith('/api/visits/records')
          ? dujiVisits.recordId
          : url.startsWith('/api/intake/jobs')
            ? dujiIntakeJobId
            : url.startsWith('/api/plans')
              ? planId
              : url.startsWith('/api/households')
                ? dujiRecords.householdId
                : url.startsWith('/api/consents')
                  ? dujiRecords.consentId
                  : dujiPersonId);
    const path = url
      .replace(':code', '340602')
      .replace(':regionCode', '340602')
      .replace(':conditionId', String(dujiRecords.conditionId))
      .replace(':personId', String(dujiPersonId))
      .replace(':documentId', String(dujiPersonId))
      .replace(':key', 'life_expectancy')
      .replace(':number', '1')
      .replace(':id', String(id));
    const query =
      method === 'GET' &&
      [
        '/api/people',
        '/api/households',
        '/api/people/duplicates',
        '/api/filings',
        '/api/filings/alerts',
        '/api/forecasts',
        '/api/organisations',
        '/api/facilities',
        '/api/providers/capacity',
        '/api/staff',
        '/api/staff/indicators',
      ].includes(url)
        ? '?region=340602'
        : method === 'GET' && url.startsWith('/api/visits/')
          ? '?regionCode=340602'
          : method === 'GET' && url.startsWith('/api/export/')
            ? '?region=340602'
            : method === 'GET' && url === '/api/audit'
              ? '?region=340602'
              : method === 'GET' && url.startsWith('/api/population/')
                ? '?region=340602&year=2020'
                : method === 'GET' && url.startsWith('/api/plans/:id/')
                  ? '?region=340602'
                  : '';
    const body =
      method === 'GET' || method === 'DELETE'
        ? undefined
        : `${method} ${url}` in providerBodies()
          ? providerBodies()[`${method} ${url}`]
          : `${method} ${url}` in registryBodies()
            ? registryBodies()[`${method} ${url}`]
            : url === '/api/forecasts'
              ? { method: 'hamilton_perry', regionCode: '340602', earlierYear: 2010, baseYear: 2020 }
              : url === '/api/indicators/:key/values'
                ? { regionCode: '340602', asOf: '2021-12-31', value: 1, source: '杜集' }
                : url === '/api/population/figures'
                  ? {
                      regionCode: '340602',
                      year: 2020,
                      figures: [
                        {
                          basis: 'resident',
                          sex: 'total',
                          ageFrom: 0,
                          ageTo: null,
                          count: 1,
                          source: 'census_2020',
                        },
                      ],
                    }
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
    assert.equal((await xiangshan.request('GET', '/api/households?region=340603')).status, 200);
    assert.equal((await xiangshan.request('GET', '/api/people/duplicates?region=340603')).status, 200);
    const ownFacility = await xiangshan.request('POST', '/api/facilities', {
      organisationId: dujiProviders.organisationId,
      regionCode: '340603',
      name: '相山测试助餐点',
      facilityType: 'meal_point',
      ownership: 'private',
      address: '相山区',
    });
    assert.equal(ownFacility.status, 201, JSON.stringify(ownFacility.body));
    assert.equal((await xiangshan.request('GET', `/api/facilities/${ownFacility.body.id}`)).status, 200);
    assert.equal((await xiangshan.request('GET', '/api/providers/capacity?region=340603')).status, 200);
    assert.equal((await xiangshan.request('GET', '/api/staff?region=340603')).status, 200);
    const condition = await xiangshan.request('POST', `/api/people/${own.body.id}/conditions`, {
      kind: 'dementia',
      validFrom: '2025-01-01',
    });
    assert.equal(condition.status, 201);
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
