import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { create, logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

const NOW = new Date('2026-01-15T04:00:00Z');

/**
 * Relationships and consents: an adult child's family account sees (and may act for) a parent only while the
 * parent's consent is live; every grant and revocation is audited per person, under each person's own district.
 */
describe('relationships and consents', () => {
  let server: TestServer;
  let city: Session;
  let xiangshan: Session;
  let family: Session;
  let me: number;
  const ids: Record<string, number> = {};
  // The demo family account already has a consenting parent; these tests are about the relatives they add.
  let demoRelatives = new Set<number>();
  const added = <T extends { person: { id: number } }>(relatives: T[]) =>
    relatives.filter((relative) => !demoRelatives.has(relative.person.id));

  async function person(key: string, regionCode: string, birthDate: string) {
    ids[key] = (
      await create(city, '/api/people', { regionCode, name: `关系测试${key}`, sex: 'male', birthDate })
    ).id;
  }

  before(async () => {
    server = await startTestServer({ web: false, clock: () => NOW });
    city = await logIn(server.app, 'city.civil');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
    family = await logIn(server.app, 'family.demo');
    demoRelatives = new Set(
      (await family.request('GET', '/api/family/relatives')).body.relatives.map(
        (relative: { person: { id: number } }) => relative.person.id,
      ),
    );
    await person('father', '340603001', '1950-03-03');
    await person('grandson', '340603001', '2012-09-09');
    await person('dujiChild', '340602', '2025-02-02');
    await person('dujiGuardian', '340602', '1960-06-06');
  });
  after(() => server?.close());

  it('shows the family member their own record, ID number masked', async () => {
    const reply = await family.request('GET', '/api/family/me');
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.name, '刘晓梅');
    assert.match(reply.body.idNumberMasked, /^340603\*{8}\d{3}[\dX]$/);
    me = reply.body.id;
  });

  it('gives a family member nothing of a parent before consent, only a relationship', async () => {
    const linked = await xiangshan.request('POST', `/api/people/${me}/relationships`, {
      toPersonId: ids.father,
      kind: 'child_of',
    });
    assert.equal(linked.status, 201, JSON.stringify(linked.body));
    assert.deepEqual(added((await family.request('GET', '/api/family/relatives')).body.relatives), []);
    assert.equal((await family.request('GET', `/api/family/relatives/${ids.father}`)).status, 404);
    assert.equal((await family.request('GET', `/api/people/${ids.father}`)).status, 403);
  });

  it('refuses a second record of the same relationship, whichever way round', async () => {
    const reverse = await xiangshan.request('POST', `/api/people/${ids.father}/relationships`, {
      toPersonId: me,
      kind: 'child_of',
    });
    assert.equal(reverse.status, 409);
    assert.equal(reverse.body.error.code, 'relationship_exists');
  });

  it('lets the family member see the parent while the consent is live, and not after it is revoked', async () => {
    const granted = await xiangshan.request('POST', `/api/people/${ids.father}/consents`, {
      granteePersonId: me,
    });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    assert.equal(granted.body.grantorPersonId, ids.father, 'the parent grants for themselves by default');
    assert.equal(granted.body.scope, 'act_for');
    ids.consent = granted.body.id;

    const relatives = await family.request('GET', '/api/family/relatives');
    assert.equal(relatives.status, 200);
    assert.deepEqual(
      added(relatives.body.relatives).map((r: { person: { id: number } }) => r.person.id),
      [ids.father],
    );
    assert.deepEqual(
      added<{ person: { id: number }; relationships: unknown }>(relatives.body.relatives)[0].relationships,
      [{ kind: 'child_of', direction: 'incoming' }],
    );
    const detail = await family.request('GET', `/api/family/relatives/${ids.father}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.name, '关系测试father');

    const twice = await xiangshan.request('POST', `/api/people/${ids.father}/consents`, {
      granteePersonId: me,
    });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'consent_exists');

    const revoked = await xiangshan.request('POST', `/api/consents/${ids.consent}/revoke`);
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    assert.ok(revoked.body.revokedAt);
    assert.deepEqual(added((await family.request('GET', '/api/family/relatives')).body.relatives), []);
    assert.equal((await family.request('GET', `/api/family/relatives/${ids.father}`)).status, 404);
    assert.equal((await xiangshan.request('POST', `/api/consents/${ids.consent}/revoke`)).status, 409);

    const history = await city.request('GET', `/api/people/${ids.father}`);
    assert.equal(history.body.consents.length, 1, 'the revoked consent stays on record');
    assert.equal(history.body.consents[0].live, false);
    assert.equal(history.body.consents[0].grantee.id, me);
    assert.equal(history.body.relationships[0].direction, 'incoming');
  });

  it('audits the family member’s reads of the parent under the parent’s district', async () => {
    const reads = await sql<{ region_code: string; entity_id: string }>`
      SELECT a.region_code, a.entity_id FROM audit_entry a JOIN account u ON u.id = a.account_id
      WHERE u.username = 'family.demo' AND a.action = 'read' AND a.entity_id = ${String(ids.father)}`.execute(
      server.database.db,
    );
    assert.equal(reads.rows.length, 2, 'the relatives list and the detail');
    assert.ok(reads.rows.every((row) => row.region_code === '340603001'));
  });

  it('only consents to an adult who is recorded as related, given by the person or their guardian', async () => {
    const count = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM consent`.execute(server.database.db)).rows[0]
        .n;
    const before = await count();
    const minor = await xiangshan.request('POST', `/api/people/${ids.father}/relationships`, {
      toPersonId: ids.grandson,
      kind: 'relative_of',
    });
    assert.equal(minor.status, 201);
    const toMinor = await xiangshan.request('POST', `/api/people/${ids.father}/consents`, {
      granteePersonId: ids.grandson,
    });
    assert.equal(toMinor.status, 400);
    assert.equal(toMinor.body.error.fields[0].path, 'body.granteePersonId');

    const stranger = await city.request('POST', `/api/people/${ids.dujiChild}/consents`, {
      granteePersonId: ids.dujiGuardian,
    });
    assert.equal(stranger.status, 400, 'no relationship recorded between them');

    await city.request('POST', `/api/people/${ids.dujiGuardian}/relationships`, {
      toPersonId: ids.dujiChild,
      kind: 'relative_of',
    });
    const notGuardian = await city.request('POST', `/api/people/${ids.father}/consents`, {
      granteePersonId: me,
      grantorPersonId: ids.dujiGuardian,
    });
    assert.equal(notGuardian.status, 400);
    assert.equal(notGuardian.body.error.fields[0].path, 'body.grantorPersonId');
    assert.equal(await count(), before);
  });

  it('lets a guardian consent for the person they are guardian of', async () => {
    const guardianship = await city.request('POST', `/api/people/${ids.dujiGuardian}/relationships`, {
      toPersonId: ids.father,
      kind: 'guardian_of',
    });
    assert.equal(guardianship.status, 201);
    const granted = await city.request('POST', `/api/people/${ids.father}/consents`, {
      granteePersonId: me,
      grantorPersonId: ids.dujiGuardian,
    });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    assert.equal((await family.request('GET', `/api/family/relatives/${ids.father}`)).status, 200);
  });

  it('files a cross-district link as one audit entry per person, under each person’s own district', async () => {
    const link = await city.request('POST', `/api/people/${ids.father}/relationships`, {
      toPersonId: ids.dujiChild,
      kind: 'relative_of',
    });
    assert.equal(link.status, 201);
    const entries = await sql<{ region_code: string; detail: Record<string, unknown> }>`
      SELECT region_code, detail FROM audit_entry
      WHERE entity = 'person_relationship' AND entity_id = ${String(link.body.id)} ORDER BY id`.execute(
      server.database.db,
    );
    assert.deepEqual(
      entries.rows.map((row) => [row.region_code, row.detail.personId, row.detail.role]),
      [
        ['340603001', ids.father, 'from'],
        ['340602', ids.dujiChild, 'to'],
      ],
    );
    const xiangshanLog = JSON.stringify(
      (await xiangshan.request('GET', '/api/audit?region=340603&limit=500')).body,
    );
    for (const id of [ids.dujiChild, ids.dujiGuardian]) {
      assert.doesNotMatch(
        xiangshanLog,
        new RegExp(`"personId":${id}\\b`),
        `杜集 person ${id} in 相山's audit`,
      );
    }
    assert.match(xiangshanLog, new RegExp(`"personId":${ids.father}\\b`), 'the 相山 side is there');
  });

  it('shows a district officer the links of their own person, with the other district’s person hidden', async () => {
    const detail = await xiangshan.request('GET', `/api/people/${ids.father}`);
    assert.equal(detail.status, 200);
    const others = detail.body.relationships.map(
      (r: { other: { id: number } | null }) => r.other?.id ?? null,
    );
    assert.ok(others.includes(me));
    assert.ok(others.includes(null), 'the 杜集 child is shown as null');
    assert.doesNotMatch(JSON.stringify(detail.body), /关系测试duji/);
  });

  it("refuses to link a district's person to another district's, exactly as if they did not exist", async () => {
    const foreign = await xiangshan.request('POST', `/api/people/${ids.father}/relationships`, {
      toPersonId: ids.dujiGuardian,
      kind: 'spouse_of',
    });
    const absent = await xiangshan.request('POST', `/api/people/${ids.father}/relationships`, {
      toPersonId: 99_999_999,
      kind: 'spouse_of',
    });
    assert.equal(foreign.status, 400);
    assert.deepEqual(foreign.body.error.fields, absent.body.error.fields);
    assert.equal((await xiangshan.request('POST', `/api/consents/${ids.consent}/revoke`)).status, 409);
    const dujiConsent = await sql<{ id: number }>`
      SELECT id FROM consent WHERE grantor_person_id = ${ids.dujiGuardian}`.execute(server.database.db);
    // The guardian lives in 杜集 but the consent is the 相山 father's: his district may withdraw it.
    assert.equal(
      (await xiangshan.request('POST', `/api/consents/${dujiConsent.rows[0].id}/revoke`)).status,
      200,
    );
  });
});
