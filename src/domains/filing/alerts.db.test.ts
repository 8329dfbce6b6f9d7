import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logIn } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import {
  addAccount,
  addFacility,
  addOrganisation,
  demoOrganisationId,
  exampleFields,
  preparedFiling,
  submittedFiling,
  tokenSession,
} from './test-support.ts';

type Requester = Awaited<ReturnType<typeof tokenSession>>;

/**
 * Overdue steps reach the department as alerts, counted in working days on the holiday calendar against the server's
 * clock (injected here and moved across 国庆 2026): receipts not given within 5 working days, non-compliance not
 * notified within 15, care homes not filed within 10 working days of their first admission.
 */
describe('filing alerts against the clock', () => {
  let server: TestServer;
  let now = new Date('2026-09-30T02:00:00Z'); // Wednesday 30 September, 10:00 in 淮北
  const at = (day: string) => {
    now = new Date(`${day}T02:00:00Z`);
  };
  let health: Requester;
  let civil: Requester;
  let childcareProvider: Requester;
  let admin: Requester;
  let childcareFiling: number;
  let homeA: number;
  let homeB: number;

  // The demo city's own overdue filings are not what these tests are about.
  let demoFacilities = new Set<number>();
  let demoFilings = new Set<number>();
  const alerts = async (session: Requester, region: string) => {
    const reply = await session.request('GET', `/api/filings/alerts?region=${region}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.alerts
      .filter((a: any) => !demoFacilities.has(a.facility.id))
      .map((a: any) => [a.step, a.facility.name, a.dueOn, a.workingDaysLate]);
  };

  before(async () => {
    server = await startTestServer({ web: false, clock: () => now });
    const db = server.database.db;
    demoFacilities = new Set((await db.selectFrom('facility').select('id').execute()).map((f) => f.id));
    demoFilings = new Set((await db.selectFrom('filing').select('id').execute()).map((f) => f.id));
    const childcareOrganisation = await addOrganisation(
      db,
      '340603',
      '相山区小星星托育有限公司',
      '91340603MA2000002',
    );
    await addAccount(db, 'childcare.provider', {
      role: 'provider_admin',
      organisationId: childcareOrganisation,
    });
    await addAccount(db, 'platform.admin', { role: 'platform_admin' });
    const demo = await demoOrganisationId(db);
    const nursery = await addFacility(db, {
      regionCode: '340603',
      organisationId: childcareOrganisation,
      name: '小星星托育园',
      type: 'childcare_institution',
    });
    // A: opened on 中秋 (25 September) and never filed. B: a draft declaring residents since 1 September.
    // C: filed on time.
    homeA = await addFacility(db, {
      regionCode: '340603',
      organisationId: demo,
      name: 'A院',
      type: 'care_home',
      openedOn: '2026-09-25',
    });
    homeB = await addFacility(db, {
      regionCode: '340603',
      organisationId: demo,
      name: 'B院',
      type: 'care_home',
    });
    const homeC = await addFacility(db, {
      regionCode: '340603',
      organisationId: demo,
      name: 'C院',
      type: 'care_home',
      openedOn: '2026-09-25',
    });
    await addFacility(db, {
      regionCode: '340603',
      organisationId: demo,
      name: '助餐点',
      type: 'meal_point',
      openedOn: '2020-01-01',
    });
    health = await tokenSession(await logIn(server.app, 'city.health'), server.app);
    civil = await tokenSession(await logIn(server.app, 'xiangshan.civil'), server.app);
    childcareProvider = await tokenSession(await logIn(server.app, 'childcare.provider'), server.app);
    admin = await tokenSession(await logIn(server.app, 'platform.admin'), server.app);
    const provider = await tokenSession(await logIn(server.app, 'provider.demo'), server.app);
    childcareFiling = await submittedFiling(childcareProvider, nursery, 'childcare');
    await preparedFiling(provider, homeB, 'elderly_care', {
      ...exampleFields('elderly_care'),
      firstAdmissionDate: '2026-09-01',
    });
    await submittedFiling(provider, homeC, 'elderly_care');
  });
  after(() => server?.close());

  it('a childcare filing submitted on 30 September is due for receipt on 13 October, after 国庆', async () => {
    const detail = await health.request('GET', `/api/filings/${childcareFiling}`);
    assert.deepEqual(
      detail.body.deadlines.map((d: any) => [d.step, d.dueOn, d.state]),
      [
        ['receipt', '2026-10-13', 'pending'],
        ['non_compliance_notice', '2026-10-27', 'pending'],
      ],
    );
    assert.equal(detail.body.events[0].deadline, '2026-10-13', 'the submission event records its deadline');
  });

  it('no alert on the due date itself; the day after, the receipt is overdue by one working day', async () => {
    at('2026-10-13');
    assert.deepEqual(await alerts(health, '3406'), []);
    at('2026-10-14');
    assert.deepEqual(await alerts(health, '3406'), [['receipt', '小星星托育园', '2026-10-13', 1]]);
    const inbox = await health.request('GET', '/api/filings?region=340603');
    assert.equal(inbox.body.filings[0].overdue, true);
  });

  it('care homes: the draft declaring 1 September admissions is overdue; A, opened 25 September, from 16 October', async () => {
    at('2026-10-14');
    // B: 1 September + 10 working days = 15 September; 17 working days late by 14 October, the worked Sunday
    // 20 September and Saturday 10 October included, 中秋 and 国庆 not.
    assert.deepEqual(await alerts(civil, '340603'), [
      ['filing_due_after_first_admission', 'B院', '2026-09-15', 17],
    ]);
    at('2026-10-16');
    assert.deepEqual(await alerts(civil, '340603'), [
      ['filing_due_after_first_admission', 'B院', '2026-09-15', 19],
      ['filing_due_after_first_admission', 'A院', '2026-10-15', 1],
    ]);
    const [unfiled] = (await civil.request('GET', '/api/filings/alerts?region=340603')).body.alerts.filter(
      (a: any) => a.facility.id === homeA,
    );
    assert.equal(unfiled.filingId, null, 'nothing submitted, nothing to open');
    assert.equal(unfiled.domain, 'elderly_care');
  });

  it('the health commission sees no care-home alert, civil affairs no childcare one', async () => {
    at('2026-10-16');
    assert.ok((await alerts(health, '3406')).every((alert: any[]) => alert[1] === '小星星托育园'));
    assert.ok((await alerts(civil, '340603')).every((alert: any[]) => alert[1] !== '小星星托育园'));
  });

  it('a late receipt clears the receipt alert; the decision is overdue after 15 working days', async () => {
    at('2026-10-16');
    assert.equal((await health.request('POST', `/api/filings/${childcareFiling}/receive`)).status, 200);
    assert.deepEqual(await alerts(health, '3406'), []);
    const detail = await health.request('GET', `/api/filings/${childcareFiling}`);
    assert.deepEqual(
      detail.body.deadlines.map((d: any) => [d.step, d.state, d.workingDaysLate]),
      [
        ['receipt', 'done_late', 3],
        ['non_compliance_notice', 'pending', 0],
      ],
    );
    at('2026-10-28');
    assert.deepEqual(await alerts(health, '3406'), [
      ['non_compliance_notice', '小星星托育园', '2026-10-27', 1],
    ]);
  });

  it('notifying non-compliance clears the alert and publishes the notice with its reasons', async () => {
    at('2026-10-28');
    const notice = await health.request('POST', `/api/filings/${childcareFiling}/notify-non-compliance`, {
      reasons: '室外活动场地面积不足',
    });
    assert.equal(notice.status, 200, JSON.stringify(notice.body));
    assert.equal(notice.body.status, 'rejected');
    assert.deepEqual(await alerts(health, '3406'), []);
    const published = await server.app.inject({ method: 'GET', url: '/api/public/filings?region=3406' });
    assert.deepEqual(
      published
        .json()
        .notices.filter((n: any) => !demoFilings.has(n.filingId))
        .map((n: any) => [n.name, n.action, n.on, n.reasons]),
      [['小星星托育园', 'notify_non_compliance', '2026-10-28', '室外活动场地面积不足']],
    );
  });

  it('a city override of the receipt deadline applies to 淮北 filings from its start date', async () => {
    at('2026-10-28');
    const rule = await admin.request('POST', '/api/filing-deadline-rules', {
      regionCode: '3406',
      domain: 'childcare',
      step: 'receipt',
      workingDays: 3,
      validFrom: '2026-10-01',
      basis: '淮北市托育机构备案服务承诺（测试）',
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    const again = await admin.request('POST', '/api/filing-deadline-rules', {
      regionCode: '3406',
      domain: 'childcare',
      step: 'receipt',
      workingDays: 2,
      validFrom: '2026-09-01',
      validTo: '2026-12-01',
      basis: '重叠',
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'deadline_rule_overlap');
    const nursery = await server.database.db
      .selectFrom('filing')
      .select('facility_id')
      .where('id', '=', childcareFiling)
      .executeTakeFirstOrThrow();
    const second = await submittedFiling(childcareProvider, nursery.facility_id, 'childcare');
    const detail = await health.request('GET', `/api/filings/${second}`);
    // Wednesday 28 October + 3 working days = Monday 2 November.
    assert.equal(detail.body.deadlines[0].dueOn, '2026-11-02');
    assert.equal(detail.body.deadlines[0].workingDays, 3);
    const rules = await server.app.inject({ method: 'GET', url: '/api/filing-deadline-rules' });
    assert.equal(rules.statusCode, 200, 'the rules are public');
    assert.equal(rules.json().rules.length, 4);
  });

  it('an extra holiday recorded by an administrator moves a deadline', async () => {
    at('2026-10-28');
    const before = (await alerts(civil, '340603')).find((a: any[]) => a[1] === 'A院');
    assert.deepEqual(before, ['filing_due_after_first_admission', 'A院', '2026-10-15', 9]);
    const added = await admin.request('POST', '/api/calendar/days', {
      date: '2026-10-14',
      kind: 'holiday',
      name: '测试假日',
    });
    assert.equal(added.status, 201);
    const after = (await alerts(civil, '340603')).find((a: any[]) => a[1] === 'A院');
    assert.deepEqual(after, ['filing_due_after_first_admission', 'A院', '2026-10-16', 8]);
  });

  it('a care home that files clears its alert', async () => {
    at('2026-10-28');
    const provider = await tokenSession(await logIn(server.app, 'provider.demo'), server.app);
    const mine = await provider.request('GET', '/api/provider/filings?status=draft');
    const draftB = mine.body.filings.find((f: any) => f.facility.id === homeB);
    assert.equal(draftB.overdue, true, 'the provider sees its own overdue filing too');
    assert.equal((await provider.request('POST', `/api/provider/filings/${draftB.id}/submit`)).status, 200);
    await submittedFiling(provider, homeA, 'elderly_care');
    assert.deepEqual(await alerts(civil, '340603'), []);
  });
});
