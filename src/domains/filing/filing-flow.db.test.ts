import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { TINY_PDF } from './fixtures.ts';
import {
  addFacility,
  demoOrganisationId,
  exampleFields,
  preparedFiling,
  townshipOf,
} from './test-support.ts';

/**
 * The whole filing of a care home through the real server: the provider prepares and submits, 相山区 civil affairs
 * receives, asks for a correction, the provider resubmits, the officer approves, and the public register shows the
 * home without any login. Then a change and a deregistration run through the same workflow.
 */
describe('filing workflow over HTTP', () => {
  let server: TestServer;
  let provider: Session;
  let officer: Session;
  let facilityId: number;
  let filingId: number;
  const anonymous = (url: string) =>
    server.app.inject({ method: 'GET', url }).then((r) => ({ status: r.statusCode, body: r.json() }));
  // The demo city's own filings and filed providers are left out of what these tests count.
  let demoFilings = new Set<number>();
  const notDemo = (filing: { id?: number; filingId?: number }) =>
    !demoFilings.has(filing.id ?? filing.filingId!);
  const demoListed: Record<string, number> = {};

  before(async () => {
    // Wednesday 30 September 2026, 10:00 in 淮北: the day before 国庆.
    server = await startTestServer({ web: false, clock: () => new Date('2026-09-30T02:00:00Z') });
    const db = server.database.db;
    demoFilings = new Set((await db.selectFrom('filing').select('id').execute()).map((f) => f.id));
    for (const query of ['region=340603', 'region=340602', 'type=childcare_institution']) {
      demoListed[query] = (await anonymous(`/api/public/filings?${query}`)).body.total;
    }
    facilityId = await addFacility(db, {
      regionCode: await townshipOf(db, '340603'),
      organisationId: await demoOrganisationId(db),
      name: '康乐养老院相山院区',
      type: 'care_home',
    });
    provider = await logIn(server.app, 'provider.demo');
    officer = await logIn(server.app, 'xiangshan.civil');
  });
  after(() => server?.close());

  it('the provider creates a draft for its care home; the county civil-affairs department is the one to receive it', async () => {
    filingId = await preparedFiling(provider, facilityId, 'elderly_care');
    const draft = await provider.request('GET', `/api/provider/filings/${filingId}`);
    assert.equal(draft.status, 200);
    assert.equal(draft.body.status, 'draft');
    assert.equal(draft.body.regionCode, '340603', 'the facility’s county');
    assert.equal(draft.body.domain, 'elderly_care');
    assert.deepEqual(draft.body.actions, ['submit', 'withdraw']);
    assert.equal(
      draft.body.documents.length,
      6,
      'form, commitment, certificate, premises, fire safety, food',
    );
    // Filed 25 September (中秋): due 10 working days later, 15 October, counting the worked Saturday 10 October.
    assert.deepEqual(
      draft.body.deadlines.map((d: any) => [d.step, d.dueOn, d.state]),
      [['filing_due_after_first_admission', '2026-10-15', 'pending']],
    );
  });

  it('a draft is the provider’s own: the department sees nothing until it is submitted', async () => {
    assert.equal((await officer.request('GET', `/api/filings/${filingId}`)).status, 404);
    const inbox = await officer.request('GET', '/api/filings?region=340603');
    assert.equal(inbox.status, 200);
    assert.equal(inbox.body.filings.filter(notDemo).length, 0);
  });

  it('the department cannot approve what it has not received: 409 with a clear code, nothing changed', async () => {
    const submitted = await provider.request('POST', `/api/provider/filings/${filingId}/submit`);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.status, 'submitted');
    const approve = await officer.request('POST', `/api/filings/${filingId}/approve`);
    assert.equal(approve.status, 409);
    assert.equal(approve.body.error.code, 'filing_illegal_transition');
    assert.match(approve.body.error.message['zh-CN'], /已提交/);
    const again = await provider.request('POST', `/api/provider/filings/${filingId}/submit`);
    assert.equal(again.status, 409, 'a submitted filing cannot be submitted twice');
    assert.equal((await officer.request('GET', `/api/filings/${filingId}`)).body.status, 'submitted');
  });

  it('the officer sees it in the inbox and receives it; the submission met the care-home deadline', async () => {
    const inbox = await officer.request('GET', '/api/filings?region=340603');
    assert.deepEqual(
      inbox.body.filings.filter(notDemo).map((f: any) => [f.id, f.status, f.facility.name]),
      [[filingId, 'submitted', '康乐养老院相山院区']],
    );
    const received = await officer.request('POST', `/api/filings/${filingId}/receive`);
    assert.equal(received.status, 200, JSON.stringify(received.body));
    assert.equal(received.body.status, 'received');
    assert.ok(received.body.receivedAt);
    assert.deepEqual(
      received.body.deadlines.map((d: any) => [d.step, d.state, d.doneOn]),
      [['filing_due_after_first_admission', 'done', '2026-09-30']],
    );
  });

  it('a correction request needs reasons (400 naming body.reasons) and then sends the filing back', async () => {
    const bare = await officer.request('POST', `/api/filings/${filingId}/request-correction`, {});
    assert.equal(bare.status, 400);
    assert.deepEqual(
      bare.body.error.fields.map((f: any) => f.path),
      ['body.reasons'],
    );
    const sent = await officer.request('POST', `/api/filings/${filingId}/request-correction`, {
      reasons: '消防验收材料不清晰，请重新上传',
    });
    assert.equal(sent.status, 200);
    assert.equal(sent.body.status, 'correction_requested');
    assert.equal(sent.body.events.at(-1).reasons, '消防验收材料不清晰，请重新上传');
    assert.equal(sent.body.events.at(-1).published, false, 'a correction request is between the two parties');
  });

  it('the provider corrects fields and documents, then resubmits', async () => {
    const mine = await provider.request('GET', `/api/provider/filings/${filingId}`);
    assert.deepEqual(mine.body.actions, ['resubmit', 'withdraw']);
    const fire = mine.body.documents.find((d: any) => d.type === 'fire_safety');
    assert.equal(
      (await provider.request('DELETE', `/api/provider/filings/${filingId}/documents/${fire.id}`)).status,
      200,
    );
    const early = await provider.request('POST', `/api/provider/filings/${filingId}/resubmit`);
    assert.equal(early.status, 409, 'missing a required document');
    assert.equal(early.body.error.code, 'filing_incomplete');
    assert.deepEqual(
      early.body.error.fields.map((f: any) => f.path),
      ['documents.fire_safety'],
    );
    const upload = await provider.request('POST', `/api/provider/filings/${filingId}/documents`, {
      type: 'fire_safety',
      fileName: '消防验收意见书.pdf',
      contentType: 'application/pdf',
      content: TINY_PDF.toString('base64'),
    });
    assert.equal(upload.status, 201);
    const fields = {
      ...exampleFields('elderly_care'),
      beds: { total: 130, nursingType: 90, fullCare: 40, dayCare: 10 },
    };
    const patched = await provider.request('PATCH', `/api/provider/filings/${filingId}`, { fields });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const resubmitted = await provider.request('POST', `/api/provider/filings/${filingId}/resubmit`);
    assert.equal(resubmitted.status, 200);
    assert.equal(resubmitted.body.status, 'submitted');
    assert.equal(resubmitted.body.receivedAt, null, 'a resubmission must be received again');
  });

  it('a submitted filing can no longer be edited by the provider', async () => {
    const patched = await provider.request('PATCH', `/api/provider/filings/${filingId}`, {
      fields: exampleFields('elderly_care'),
    });
    assert.equal(patched.status, 409);
    assert.equal(patched.body.error.code, 'filing_not_editable');
  });

  it('the officer receives and approves: the facility is filed with a number and date', async () => {
    assert.equal((await officer.request('POST', `/api/filings/${filingId}/receive`)).status, 200);
    const approved = await officer.request('POST', `/api/filings/${filingId}/approve`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'approved');
    assert.equal(approved.body.filingNumber, 'EC340603-2026-0001');
    assert.deepEqual(
      approved.body.events.map((e: any) => e.action),
      ['submit', 'receive', 'request_correction', 'resubmit', 'receive', 'approve'],
    );
    const record = await server.database.db
      .selectFrom('filing_record')
      .select(['filing_number', 'filed_on', 'deregistered_on'])
      .where('facility_id', '=', facilityId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(record, {
      filing_number: 'EC340603-2026-0001',
      filed_on: '2026-09-30',
      deregistered_on: null,
    });
    const withdraw = await provider.request('POST', `/api/provider/filings/${filingId}/withdraw`);
    assert.equal(withdraw.status, 409, 'a decided filing is final');
  });

  it('the public register shows the filed home without login, with its public facts and no personal data', async () => {
    const list = await anonymous('/api/public/filings?region=340603&pageSize=100');
    assert.equal(list.status, 200);
    assert.equal(list.body.total, demoListed['region=340603'] + 1);
    const home = list.body.providers.find((p: any) => p.facilityId === facilityId);
    assert.equal(home.filingNumber, 'EC340603-2026-0001');
    assert.equal(home.filedOn, '2026-09-30');
    assert.equal(home.name, '淮北市相山区康乐养老院');
    assert.equal(home.type, 'care_home');
    assert.deepEqual(home.beds, { total: 130, nursingType: 90 }, 'the corrected figures');
    assert.equal(home.ownership, 'private');
    assert.deepEqual(home.fees.bed, { min: 800, max: 1500 });
    assert.doesNotMatch(JSON.stringify(list.body), /陈立|legalRepresentative/, 'no legal representative');
    assert.equal(
      (await anonymous('/api/public/filings?region=340602')).body.total,
      demoListed['region=340602'],
      'not in 杜集区',
    );
    assert.equal((await anonymous('/api/public/filings?q=康乐')).body.total, 1);
    assert.equal(
      (await anonymous('/api/public/filings?type=childcare_institution')).body.total,
      demoListed['type=childcare_institution'],
    );
  });

  it('an initial filing for a filed facility is refused; a change replaces the filed data', async () => {
    const again = await provider.request('POST', '/api/provider/filings', {
      facilityId,
      kind: 'initial',
      fields: exampleFields('elderly_care'),
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'facility_already_filed');
    const fields = {
      ...exampleFields('elderly_care'),
      beds: { total: 150, nursingType: 100, fullCare: 50, dayCare: 10 },
    };
    const change = await preparedFiling(provider, facilityId, 'elderly_care', fields, 'change');
    assert.equal((await provider.request('POST', `/api/provider/filings/${change}/submit`)).status, 200);
    assert.equal((await officer.request('POST', `/api/filings/${change}/receive`)).status, 200);
    const approved = await officer.request('POST', `/api/filings/${change}/approve`);
    assert.equal(approved.status, 200);
    assert.equal(approved.body.filingNumber, 'EC340603-2026-0001', 'a change keeps the number');
    const list = await anonymous('/api/public/filings?region=340603&pageSize=100');
    assert.deepEqual(list.body.providers.find((p: any) => p.facilityId === facilityId).beds, {
      total: 150,
      nursingType: 100,
    });
  });

  it('a refusal is published with its reasons; an approved deregistration takes the home off the register', async () => {
    const dereg = { reason: '租赁到期停止运营', closedOn: '2026-12-31', residentsResettled: true };
    const first = await preparedFiling(provider, facilityId, 'elderly_care', dereg, 'deregistration');
    assert.equal((await provider.request('POST', `/api/provider/filings/${first}/submit`)).status, 200);
    const refused = await officer.request('POST', `/api/filings/${first}/reject`, {
      reasons: '老年人安置方案未落实',
    });
    assert.equal(refused.status, 200);
    assert.equal(refused.body.status, 'rejected');
    const notices = (await anonymous('/api/public/filings?region=340603')).body.notices;
    assert.deepEqual(
      notices.filter(notDemo).map((n: any) => [n.filingId, n.action, n.reasons]),
      [[first, 'reject', '老年人安置方案未落实']],
    );
    assert.equal(
      (await anonymous('/api/public/filings?region=340603')).body.total,
      demoListed['region=340603'] + 1,
      'still filed',
    );

    const second = await preparedFiling(provider, facilityId, 'elderly_care', dereg, 'deregistration');
    assert.equal((await provider.request('POST', `/api/provider/filings/${second}/submit`)).status, 200);
    assert.equal((await officer.request('POST', `/api/filings/${second}/receive`)).status, 200);
    assert.equal((await officer.request('POST', `/api/filings/${second}/approve`)).status, 200);
    assert.equal(
      (await anonymous('/api/public/filings?region=340603')).body.total,
      demoListed['region=340603'],
    );
    const change = await provider.request('POST', '/api/provider/filings', {
      facilityId,
      kind: 'change',
      fields: exampleFields('elderly_care'),
    });
    assert.equal(change.status, 409);
    assert.equal(change.body.error.code, 'facility_not_filed');
  });

  it('every step is in the audit log with ids only, and the filing history cannot be rewritten', async () => {
    const entries = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'entity', 'detail'])
      .where('entity', 'in', ['filing', 'filing_document'])
      .execute();
    assert.ok(entries.filter((e) => e.entity === 'filing' && e.action === 'update').length >= 14);
    assert.doesNotMatch(JSON.stringify(entries), /陈立|康乐/, 'no names in audit detail');
    await assert.rejects(
      sql`UPDATE filing_event SET reasons = 'x' WHERE filing_id = ${filingId}`.execute(server.database.db),
      /append-only/,
    );
  });

  it('bad input is a 4xx naming the field, never a 500: fields are checked against the domain’s schema', async () => {
    const other = await addFacility(server.database.db, {
      regionCode: '340603',
      organisationId: await demoOrganisationId(server.database.db),
      name: '康乐第二院',
      type: 'care_home',
    });
    const bad = await provider.request('POST', '/api/provider/filings', {
      facilityId: other,
      kind: 'initial',
      fields: {
        ...exampleFields('elderly_care'),
        beds: { total: 5, nursingType: 2, fullCare: 0, dayCare: 0 },
      },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.error.fields.map((f: any) => f.path),
      ['body.fields.beds.total'],
    );
    const childcareFields = await provider.request('POST', '/api/provider/filings', {
      facilityId: other,
      kind: 'initial',
      fields: exampleFields('childcare'),
    });
    assert.equal(childcareFields.status, 400, 'a care home files elderly-care fields');
    const meal = await addFacility(server.database.db, {
      regionCode: '340603',
      organisationId: await demoOrganisationId(server.database.db),
      name: '康乐助餐点',
      type: 'meal_point',
    });
    const notFiled = await provider.request('POST', '/api/provider/filings', {
      facilityId: meal,
      kind: 'initial',
      fields: exampleFields('elderly_care'),
    });
    assert.equal(notFiled.status, 400);
    assert.deepEqual(
      notFiled.body.error.fields.map((f: any) => f.path),
      ['body.facilityId'],
    );
    const noFacility = await provider.request('POST', '/api/provider/filings', {
      facilityId: 999999,
      kind: 'initial',
      fields: {},
    });
    assert.equal(noFacility.status, 400);
  });
});
