import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import { hashPassword } from '../accounts/password.ts';
import { logIn, logInAll, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { certifiedCarers, certifiedStaffRate, socialWorkers } from './queries.ts';

/** Staff, certificates and checks through the real server; the counting functions against the real database. */
describe('staff', () => {
  let server: TestServer;
  let provider: Session;
  let rival: Session;
  let civil: Session;
  let health: Session;
  let xiangshan: Session;
  let careHome: number;
  let nursery: number;
  let rivalFacility: number;

  before(async () => {
    server = await startTestServer({ web: false });
    const db = server.database.db;
    // A second provider, in 杜集区, with its own account.
    const organisation = await db
      .insertInto('organisation')
      .values({ region_code: '340602', uscc: makeUscc('52340602MJC00001X'), name: '杜集区测试托育中心' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = await db
      .insertInto('account')
      .values({
        username: 'provider.rival',
        display_name: '杜集托育 园长',
        principal_type: 'provider',
        password_hash: await hashPassword('laoyou2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('account_role')
      .values({ account_id: account.id, role: 'provider_admin', organisation_id: organisation.id })
      .execute();
    [provider, rival, civil, health, xiangshan] = await logInAll(server.app, [
      'provider.demo',
      'provider.rival',
      'city.civil',
      'city.health',
      'xiangshan.civil',
    ]);
    const facility = async (session: Session, facilityType: string, regionCode: string) => {
      const reply = await session.request('POST', '/api/provider/facilities', {
        regionCode,
        name: `员工测试${facilityType}`,
        facilityType,
        ownership: 'private',
        address: '淮北市',
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      return reply.body.id as number;
    };
    careHome = await facility(provider, 'care_home', '340603001');
    nursery = await facility(provider, 'childcare_institution', '340603002');
    rivalFacility = await facility(rival, 'childcare_institution', '340602');
  });
  after(() => server?.close());

  async function hire(session: Session, body: Record<string, unknown>) {
    const reply = await session.request('POST', '/api/provider/staff', {
      name: '测试员工',
      employedFrom: '2020-01-01',
      ...body,
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  }

  it('a childcare worker shows checksComplete false until a live health certificate and a no-abuse check', async () => {
    const worker = await hire(provider, { facilityId: nursery, role: 'childcare_worker', name: '保育员甲' });
    assert.equal(worker.domain, 'childcare');
    assert.equal(worker.regionCode, '340603002', "the facility's region");
    assert.equal(worker.checksComplete, false);
    assert.deepEqual(worker.checksMissing, ['health_certificate', 'no_abuse_record']);

    const noExpiry = await provider.request('POST', `/api/provider/staff/${worker.id}/background-checks`, {
      kind: 'health_certificate',
      result: 'passed',
      checkedOn: '2020-01-01',
    });
    assert.equal(noExpiry.status, 400);
    assert.equal(noExpiry.body.error.fields[0].path, 'body.validTo');

    const lapsed = await provider.request('POST', `/api/provider/staff/${worker.id}/background-checks`, {
      kind: 'health_certificate',
      result: 'passed',
      checkedOn: '2020-01-01',
      validTo: '2020-12-31',
    });
    assert.equal(lapsed.status, 201, JSON.stringify(lapsed.body));
    assert.deepEqual(lapsed.body.checksMissing, ['health_certificate', 'no_abuse_record']);

    await provider.request('POST', `/api/provider/staff/${worker.id}/background-checks`, {
      kind: 'health_certificate',
      result: 'passed',
      checkedOn: '2020-06-01',
      validTo: '2099-12-31',
    });
    const complete = await provider.request('POST', `/api/provider/staff/${worker.id}/background-checks`, {
      kind: 'no_abuse_record',
      result: 'passed',
      checkedOn: '2020-06-02',
    });
    assert.equal(complete.status, 201);
    assert.equal(complete.body.checksComplete, true);
    assert.deepEqual(complete.body.checksMissing, []);

    const carer = await hire(provider, { facilityId: careHome, role: 'carer' });
    assert.equal(carer.checksComplete, true, 'elderly care requires neither check');
  });

  it('decides and guards the domain: a childcare worker cannot work at the care home', async () => {
    const reply = await provider.request('POST', '/api/provider/staff', {
      name: '错配员工',
      role: 'childcare_worker',
      facilityId: careHome,
      employedFrom: '2021-01-01',
    });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error.fields[0].path, 'body.role');
    const undecided = await provider.request('POST', '/api/provider/staff', {
      name: '无归属社工',
      role: 'social_worker',
      employedFrom: '2021-01-01',
    });
    assert.equal(undecided.status, 400);
    assert.equal(undecided.body.error.fields[0].path, 'body.domain');
    const elsewhere = await provider.request('POST', '/api/provider/staff', {
      name: '他人设施',
      role: 'nurse',
      facilityId: rivalFacility,
      employedFrom: '2021-01-01',
    });
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.body.error.fields[0].path, 'body.facilityId');
  });

  it('stores the ID number encrypted, answers it masked, and keeps names and numbers out of the audit log', async () => {
    const idNumber = makeIdNumber('340603', '1985-04-12', 31);
    const nurse = await hire(provider, { facilityId: careHome, role: 'nurse', name: '护士乙', idNumber });
    assert.equal(nurse.idNumberMasked, `340603********${idNumber.slice(-4)}`);
    const read = await provider.request('GET', `/api/provider/staff/${nurse.id}`);
    assert.equal(read.status, 200);
    assert.ok(!JSON.stringify(read.body).includes(idNumber));
    const stored = await sql<{
      row: string;
    }>`SELECT s::text AS row FROM staff_member s WHERE id = ${nurse.id}`.execute(server.database.db);
    assert.ok(!stored.rows[0].row.includes(idNumber), 'no plaintext at rest');
    const bad = await provider.request('POST', '/api/provider/staff', {
      name: '号码错误',
      role: 'nurse',
      facilityId: careHome,
      employedFrom: '2021-01-01',
      idNumber: idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0'),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.fields[0].path, 'body.idNumber');

    const audit = await sql<{ action: string; entity_id: string | null; detail: unknown }>`
      SELECT action, entity_id, detail FROM audit_entry WHERE entity = 'staff_member' ORDER BY id`.execute(
      server.database.db,
    );
    assert.ok(audit.rows.some((row) => row.action === 'create' && row.entity_id === String(nurse.id)));
    assert.ok(
      audit.rows.some((row) => row.action === 'read' && row.entity_id === String(nurse.id)),
      'reads audited',
    );
    assert.doesNotMatch(JSON.stringify(audit.rows), new RegExp(`护士乙|${idNumber}`));
  });

  it("a provider finds no other organisation's staff, and cannot change them", async () => {
    const theirs = await hire(rival, {
      facilityId: rivalFacility,
      role: 'childcare_worker',
      name: '杜集保育员',
    });
    for (const [method, url, body] of [
      ['GET', `/api/provider/staff/${theirs.id}`, undefined],
      ['PATCH', `/api/provider/staff/${theirs.id}`, { employedTo: '2024-01-01' }],
      [
        'POST',
        `/api/provider/staff/${theirs.id}/certificates`,
        { certificateType: 'childcare_worker', number: 'X1', issuer: 'x', validFrom: '2020-01-01' },
      ],
      [
        'POST',
        `/api/provider/staff/${theirs.id}/background-checks`,
        { kind: 'no_abuse_record', result: 'passed', checkedOn: '2020-01-01' },
      ],
    ] as const) {
      const reply = await provider.request(method, url, body);
      assert.equal(reply.status, 404, `${method} ${url} answered ${reply.status}`);
    }
    const list = await provider.request('GET', '/api/provider/staff?pageSize=200');
    assert.ok(list.body.staff.length > 0);
    assert.ok(!list.body.staff.some((member: { id: number }) => member.id === theirs.id));
  });

  it('government reads staff of its own region and domain only, and every read is audited', async () => {
    const carer = await hire(provider, { facilityId: careHome, role: 'carer', name: '护理员丙' });
    const worker = await hire(provider, { facilityId: nursery, role: 'childcare_worker', name: '保育员丁' });
    assert.equal((await civil.request('GET', `/api/staff/${carer.id}`)).status, 200);
    assert.equal((await civil.request('GET', `/api/staff/${worker.id}`)).status, 404);
    assert.equal((await health.request('GET', `/api/staff/${worker.id}`)).status, 200);
    assert.equal((await health.request('GET', `/api/staff/${carer.id}`)).status, 404);
    const civilList = await civil.request(
      'GET',
      `/api/staff?region=3406&facilityId=${careHome}&pageSize=200`,
    );
    const everyone = await civil.request('GET', '/api/staff?region=3406&pageSize=200');
    assert.ok(everyone.body.staff.every((member: { domain: string }) => member.domain === 'elderly_care'));
    assert.ok(civilList.body.staff.every((member: { domain: string }) => member.domain === 'elderly_care'));
    assert.ok(civilList.body.staff.some((member: { id: number }) => member.id === carer.id));
    assert.equal((await xiangshan.request('GET', '/api/staff?region=340602')).status, 403);
    const rivalStaff = await health.request('GET', '/api/staff?region=340602');
    assert.equal(rivalStaff.status, 200);
    const reads = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_entry
      WHERE entity = 'staff_member' AND action = 'read' AND principal_type = 'government'`.execute(
      server.database.db,
    );
    assert.ok(reads.rows[0].n >= 4);
  });

  describe('counting for indicators', () => {
    const region = '340603009';
    const dates = ['2018-06-01', '2020-02-29', '2020-03-01', '2020-06-30', '2020-07-01', '2021-01-01'];
    /** What the demo city already counts there, so the expectations below are exactly the people added. */
    const baseline = new Map<string, unknown>();
    const counted = async (date: string) => {
      const db = server.database.db;
      return {
        carers: await certifiedCarers(db, region, date),
        elderlySocialWorkers: await socialWorkers(db, region, date),
        childcareSocialWorkers: await socialWorkers(db, region, date, 'childcare'),
        elderlyRate: await certifiedStaffRate(db, region, date, 'elderly_care'),
        childcareRate: await certifiedStaffRate(db, region, date, 'childcare'),
      };
    };
    const added = async (date: string) => {
      const now = await counted(date);
      const then = baseline.get(date) as typeof now;
      return {
        carers: now.carers - then.carers,
        elderlySocialWorkers: now.elderlySocialWorkers - then.elderlySocialWorkers,
        childcareSocialWorkers: now.childcareSocialWorkers - then.childcareSocialWorkers,
        elderlyStaff: now.elderlyRate.staff - then.elderlyRate.staff,
        elderlyCertified: now.elderlyRate.certified - then.elderlyRate.certified,
        childcareStaff: now.childcareRate.staff - then.childcareRate.staff,
        childcareCertified: now.childcareRate.certified - then.childcareRate.certified,
      };
    };
    before(async () => {
      for (const date of dates) baseline.set(date, await counted(date));
      // A separate township so the counts are exactly these people.
      const { body: facilityBody } = await provider.request('POST', '/api/provider/facilities', {
        regionCode: region,
        name: '计数测试养老院',
        facilityType: 'care_home',
        ownership: 'private',
        address: '相山区',
      });
      const { body: kindergarten } = await provider.request('POST', '/api/provider/facilities', {
        regionCode: region,
        name: '计数测试托育园',
        facilityType: 'childcare_institution',
        ownership: 'private',
        address: '相山区',
      });
      const certify = async (id: number, certificateType: string, validFrom: string, validTo?: string) => {
        const reply = await provider.request('POST', `/api/provider/staff/${id}/certificates`, {
          certificateType,
          number: `${certificateType}-${id}-${validFrom}`,
          issuer: '淮北市人社局',
          validFrom,
          ...(validTo && { validTo }),
        });
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
      };
      const home = facilityBody.id;
      // carer A: certified 2019 onwards; carer B: certificate lapsed end 2020; carer C: none;
      // carer D: left 2020-06-30 though certified.
      const a = await hire(provider, { facilityId: home, role: 'carer', employedFrom: '2018-01-01' });
      await certify(a.id, 'elderly_carer', '2019-01-01');
      const b = await hire(provider, { facilityId: home, role: 'carer', employedFrom: '2018-01-01' });
      await certify(b.id, 'elderly_carer', '2018-01-01', '2020-12-31');
      await hire(provider, { facilityId: home, role: 'carer', employedFrom: '2018-01-01' });
      const d = await hire(provider, {
        facilityId: home,
        role: 'carer',
        employedFrom: '2018-01-01',
        employedTo: '2020-06-30',
      });
      await certify(d.id, 'elderly_carer', '2018-01-01');
      // social workers: one in elderly care from 2020, one in childcare (not counted for the elderly).
      const sw = await hire(provider, {
        facilityId: home,
        role: 'social_worker',
        employedFrom: '2020-03-01',
      });
      await certify(sw.id, 'social_worker', '2020-03-01');
      await hire(provider, {
        facilityId: kindergarten.id,
        role: 'social_worker',
        employedFrom: '2018-01-01',
      });
      // a childcare worker with only a health certificate: not certified.
      const cw = await hire(provider, {
        facilityId: kindergarten.id,
        role: 'childcare_worker',
        employedFrom: '2018-01-01',
      });
      await certify(cw.id, 'health_certificate', '2018-01-01');
    });

    it('certified carers: employed on the date with an elderly-carer certificate in force', async () => {
      assert.equal((await added('2018-06-01')).carers, 2, 'B and D');
      assert.equal((await added('2020-06-30')).carers, 3, 'A, B and D on her last day');
      assert.equal((await added('2020-07-01')).carers, 2, 'A and B');
      assert.equal((await added('2021-01-01')).carers, 1, 'A only');
    });

    it('social workers: employed on the date, elderly care unless asked for childcare', async () => {
      assert.equal((await added('2020-02-29')).elderlySocialWorkers, 0);
      assert.equal((await added('2020-03-01')).elderlySocialWorkers, 1);
      assert.equal((await added('2020-03-01')).childcareSocialWorkers, 1);
    });

    it('certified-staff rate: qualifications in force over staff employed, by domain', async () => {
      const changes = await added('2021-01-01');
      assert.deepEqual(
        [changes.elderlyStaff, changes.elderlyCertified, changes.childcareStaff, changes.childcareCertified],
        [4, 2, 2, 0],
        'elderly: carers A–C and the social worker employed, A and the social worker certified; childcare: neither',
      );
      const db = server.database.db;
      const rate = await certifiedStaffRate(db, region, '2021-01-01', 'elderly_care');
      assert.equal(rate.rate, rate.certified / rate.staff);
      assert.deepEqual(await certifiedStaffRate(db, '12', '2021-01-01', 'childcare'), {
        staff: 0,
        certified: 0,
        rate: null,
      });
      const indicators = await civil.request('GET', `/api/staff/indicators?region=${region}&asOf=2021-01-01`);
      assert.equal(indicators.status, 200, JSON.stringify(indicators.body));
      assert.deepEqual(indicators.body.elderlyCare, {
        ...rate,
        certifiedCarers: await certifiedCarers(db, region, '2021-01-01'),
        socialWorkers: await socialWorkers(db, region, '2021-01-01'),
      });
      assert.equal(indicators.body.childcare, null, 'civil affairs does not get childcare figures');
      const both = await (
        await logIn(server.app, 'city.planning')
      ).request('GET', `/api/staff/indicators?region=${region}&asOf=2021-01-01`);
      assert.ok(both.body.elderlyCare && both.body.childcare, 'planning gets both domains');
    });
  });
});
