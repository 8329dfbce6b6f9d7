import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { TINY_PDF } from './fixtures.ts';
import {
  addAccount,
  addFacility,
  addOrganisation,
  demoOrganisationId,
  exampleFields,
  submittedFiling,
} from './test-support.ts';

/**
 * A filing reaches only the competent department of its county (and its city above): 相山区 civil affairs never sees
 * a 杜集区 filing, the health commission never an elderly-care one, and a provider only its own organisation's.
 */
describe('who reaches a filing', () => {
  let server: TestServer;
  let xiangshanFiling: number;
  let dujiFiling: number;
  let childcareFiling: number;
  let xiangshanCivil: Session;
  let cityHealth: Session;
  let cityCivil: Session;

  const REVIEW_ACTIONS = ['receive', 'request-correction', 'approve', 'reject', 'notify-non-compliance'];
  // The demo city's own open filings are in the same inboxes; these tests look at theirs.
  let demoFilings = new Set<number>();
  const testIds = (filings: { id: number }[]) =>
    filings.map((f) => f.id).filter((id) => !demoFilings.has(id));

  before(async () => {
    server = await startTestServer({ web: false });
    const db = server.database.db;
    demoFilings = new Set((await db.selectFrom('filing').select('id').execute()).map((f) => f.id));
    const dujiOrganisation = await addOrganisation(db, '340602', '杜集区夕阳红养老院', '52340602MJC00001X');
    const childcareOrganisation = await addOrganisation(
      db,
      '340603',
      '相山区小星星托育有限公司',
      '91340603MA2000001',
    );
    await addAccount(db, 'duji.provider', { role: 'provider_admin', organisationId: dujiOrganisation });
    await addAccount(db, 'childcare.provider', {
      role: 'provider_admin',
      organisationId: childcareOrganisation,
    });
    const demo = await demoOrganisationId(db);
    const homes = {
      xiangshan: await addFacility(db, {
        regionCode: '340603',
        organisationId: demo,
        name: '康乐养老院',
        type: 'care_home',
      }),
      duji: await addFacility(db, {
        regionCode: '340602',
        organisationId: dujiOrganisation,
        name: '夕阳红养老院',
        type: 'care_home',
      }),
      childcare: await addFacility(db, {
        regionCode: '340603',
        organisationId: childcareOrganisation,
        name: '小星星托育园',
        type: 'childcare_institution',
      }),
    };
    xiangshanFiling = await submittedFiling(
      await logIn(server.app, 'provider.demo'),
      homes.xiangshan,
      'elderly_care',
    );
    dujiFiling = await submittedFiling(await logIn(server.app, 'duji.provider'), homes.duji, 'elderly_care');
    childcareFiling = await submittedFiling(
      await logIn(server.app, 'childcare.provider'),
      homes.childcare,
      'childcare',
    );
    xiangshanCivil = await logIn(server.app, 'xiangshan.civil');
    cityHealth = await logIn(server.app, 'city.health');
    cityCivil = await logIn(server.app, 'city.civil');
  });
  after(() => server?.close());

  const statusOf = (id: number) =>
    server.database.db.selectFrom('filing').select('status').where('id', '=', id).executeTakeFirstOrThrow();

  it('相山区 civil affairs gets 404 on every route of a 杜集区 filing, and nothing changes', async () => {
    const document = await server.database.db
      .selectFrom('filing_document')
      .select('id')
      .where('filing_id', '=', dujiFiling)
      .executeTakeFirstOrThrow();
    const attempts = [
      xiangshanCivil.request('GET', `/api/filings/${dujiFiling}`),
      xiangshanCivil.request('GET', `/api/filings/${dujiFiling}/documents/${document.id}`),
      ...REVIEW_ACTIONS.map((action) =>
        xiangshanCivil.request('POST', `/api/filings/${dujiFiling}/${action}`, { reasons: '越权尝试' }),
      ),
    ];
    for (const reply of await Promise.all(attempts)) {
      assert.equal(reply.status, 404, JSON.stringify(reply.body));
      assert.doesNotMatch(JSON.stringify(reply.body), /夕阳红/);
    }
    assert.equal((await statusOf(dujiFiling)).status, 'submitted');
  });

  it('the same officer handles the 相山区 filing (the test can tell)', async () => {
    assert.equal((await xiangshanCivil.request('GET', `/api/filings/${xiangshanFiling}`)).status, 200);
    assert.equal(
      (await xiangshanCivil.request('POST', `/api/filings/${xiangshanFiling}/receive`)).status,
      200,
    );
  });

  it('a district officer’s inbox and alerts hold only their district, and another district’s region is refused', async () => {
    const inbox = await xiangshanCivil.request('GET', '/api/filings?region=340603');
    assert.deepEqual(
      testIds(inbox.body.filings),
      [xiangshanFiling],
      'neither 杜集区 nor the childcare filing',
    );
    assert.equal((await xiangshanCivil.request('GET', '/api/filings?region=340602')).status, 403);
    assert.equal((await xiangshanCivil.request('GET', '/api/filings?region=3406')).status, 403);
    assert.equal((await xiangshanCivil.request('GET', '/api/filings/alerts?region=340602')).status, 403);
  });

  it('the health commission cannot review an elderly-care filing, but handles the childcare one', async () => {
    assert.equal((await cityHealth.request('GET', `/api/filings/${dujiFiling}`)).status, 404);
    const receive = await cityHealth.request('POST', `/api/filings/${dujiFiling}/receive`);
    assert.equal(receive.status, 404);
    assert.equal((await statusOf(dujiFiling)).status, 'submitted');
    const inbox = await cityHealth.request('GET', '/api/filings?region=3406');
    assert.deepEqual(testIds(inbox.body.filings), [childcareFiling]);
    assert.equal((await cityHealth.request('POST', `/api/filings/${childcareFiling}/receive`)).status, 200);
  });

  it('city civil affairs reaches the elderly-care filings of every district, and no childcare one', async () => {
    const inbox = await cityCivil.request('GET', '/api/filings?region=3406');
    assert.deepEqual(testIds(inbox.body.filings).sort(), [xiangshanFiling, dujiFiling].sort());
    assert.equal((await cityCivil.request('GET', `/api/filings/${childcareFiling}`)).status, 404);
  });

  it('planning officers and families handle no filing', async () => {
    const planning = await logIn(server.app, 'city.planning');
    const family = await logIn(server.app, 'family.demo');
    for (const session of [planning, family]) {
      const read = await session.request('GET', `/api/filings/${dujiFiling}`);
      assert.ok(read.status === 403 || read.status === 404, `${read.status}`);
      const act = await session.request('POST', `/api/filings/${dujiFiling}/receive`);
      assert.ok(act.status === 403 || act.status === 404, `${act.status}`);
    }
    assert.equal((await statusOf(dujiFiling)).status, 'submitted');
  });

  it('a provider reaches only its own organisation’s filings and facilities', async () => {
    const duji = await logIn(server.app, 'duji.provider');
    for (const reply of [
      await duji.request('GET', `/api/provider/filings/${xiangshanFiling}`),
      await duji.request('POST', `/api/provider/filings/${xiangshanFiling}/withdraw`),
      await duji.request('POST', `/api/provider/filings/${xiangshanFiling}/documents`, {
        type: 'other',
        fileName: 'x.pdf',
        contentType: 'application/pdf',
        content: TINY_PDF.toString('base64'),
      }),
    ]) {
      assert.equal(reply.status, 404, JSON.stringify(reply.body));
    }
    const facility = await server.database.db
      .selectFrom('filing')
      .select('facility_id')
      .where('id', '=', xiangshanFiling)
      .executeTakeFirstOrThrow();
    const foreign = await duji.request('POST', '/api/provider/filings', {
      facilityId: facility.facility_id,
      kind: 'change',
      fields: exampleFields('elderly_care'),
    });
    assert.equal(foreign.status, 400);
    assert.deepEqual(
      foreign.body.error.fields.map((f: any) => f.path),
      ['body.facilityId'],
    );
    const own = await duji.request('GET', '/api/provider/filings');
    assert.deepEqual(
      own.body.filings.map((f: any) => f.id),
      [dujiFiling],
    );
    assert.equal((await statusOf(xiangshanFiling)).status, 'received');
  });

  it('an account that administers one organisation and is staff at another files for the first alone', async () => {
    const db = server.database.db;
    const childcare = await db
      .selectFrom('filing')
      .select('organisation_id')
      .where('id', '=', childcareFiling)
      .executeTakeFirstOrThrow();
    const duji = await db
      .selectFrom('filing')
      .select(['organisation_id', 'facility_id'])
      .where('id', '=', dujiFiling)
      .executeTakeFirstOrThrow();
    await addAccount(db, 'two.roles', { role: 'provider_admin', organisationId: childcare.organisation_id });
    const account = await db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'two.roles')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('account_role')
      .values({ account_id: account.id, role: 'provider_staff', organisation_id: duji.organisation_id })
      .execute();
    const both = await logIn(server.app, 'two.roles');

    const own = await both.request('GET', '/api/provider/filings');
    assert.deepEqual(
      own.body.filings.map((f: any) => f.id),
      [childcareFiling],
      'not the filings of the organisation where the account is only staff',
    );
    assert.equal((await both.request('GET', `/api/provider/filings/${dujiFiling}`)).status, 404);
    const change = await both.request('POST', '/api/provider/filings', {
      facilityId: duji.facility_id,
      kind: 'change',
      fields: exampleFields('elderly_care'),
    });
    assert.equal(change.status, 400);
    assert.equal((await statusOf(dujiFiling)).status, 'submitted');
  });

  it('a government officer cannot act as a provider, nor a provider as the department', async () => {
    const provider = await logIn(server.app, 'provider.demo');
    assert.equal((await provider.request('POST', `/api/filings/${xiangshanFiling}/approve`)).status, 403);
    assert.equal(
      (await xiangshanCivil.request('POST', `/api/provider/filings/${xiangshanFiling}/withdraw`)).status,
      403,
    );
    assert.equal((await statusOf(xiangshanFiling)).status, 'received');
  });
});
