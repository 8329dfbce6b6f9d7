// Fixtures for the filing integration tests: facilities, provider accounts and complete filings, written straight to
// the test database where the routes under test are not the point.
import assert from 'node:assert/strict';
import type { Db } from '../../db/database.ts';
import type { App } from '../../server/app.ts';
import { makeUscc } from '../../shared/uscc.ts';
import { hashPassword } from '../accounts/password.ts';
import type { FacilityType } from '../providers/facility-types.ts';
import type { FilingDomain } from './deadlines.ts';
import { requiredDocuments } from './documents.ts';
import { CHILDCARE_EXAMPLE, ELDERLY_CARE_EXAMPLE, TINY_PDF } from './fixtures.ts';

export const PASSWORD = 'laoyou2026';

interface Requester {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read replies field by field
  request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function addOrganisation(
  db: Db,
  regionCode: string,
  name: string,
  usccStem: string,
): Promise<number> {
  const row = await db
    .insertInto('organisation')
    .values({ region_code: regionCode, uscc: makeUscc(usccStem), name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function demoOrganisationId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('name', '=', '淮北市相山区康乐养老院')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addFacility(
  db: Db,
  facility: {
    regionCode: string;
    organisationId: number;
    name: string;
    type: FacilityType;
    openedOn?: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('facility')
    .values({
      region_code: facility.regionCode,
      organisation_id: facility.organisationId,
      name: facility.name,
      facility_type: facility.type,
      ownership: 'private',
      address: `${facility.name}地址`,
      opened_on: facility.openedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addAccount(
  db: Db,
  username: string,
  role:
    | { role: 'provider_admin'; organisationId: number }
    | { role: 'officer'; regionCode: string; domain: 'elderly_care' | 'childcare' | 'planning' }
    | { role: 'platform_admin' },
): Promise<void> {
  const account = await db
    .insertInto('account')
    .values({
      username,
      display_name: username,
      principal_type: role.role === 'provider_admin' ? 'provider' : 'government',
      password_hash: await hashPassword(PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('account_role')
    .values({
      account_id: account.id,
      role: role.role,
      region_code: role.role === 'officer' ? role.regionCode : null,
      domain: role.role === 'officer' ? role.domain : null,
      organisation_id: role.role === 'provider_admin' ? role.organisationId : null,
    })
    .execute();
}

export function exampleFields(domain: FilingDomain): Record<string, unknown> {
  return structuredClone(domain === 'elderly_care' ? ELDERLY_CARE_EXAMPLE : CHILDCARE_EXAMPLE);
}

/** A draft with every required document attached, ready to submit; returns its id. */
export async function preparedFiling(
  provider: Requester,
  facilityId: number,
  domain: FilingDomain,
  fields: Record<string, unknown> = exampleFields(domain),
  kind: 'initial' | 'change' | 'deregistration' = 'initial',
): Promise<number> {
  const created = await provider.request('POST', '/api/provider/filings', { facilityId, kind, fields });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  for (const type of requiredDocuments(domain, kind, fields)) {
    const uploaded = await provider.request('POST', `/api/provider/filings/${created.body.id}/documents`, {
      type,
      fileName: `${type}.pdf`,
      contentType: 'application/pdf',
      content: TINY_PDF.toString('base64'),
    });
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  }
  return created.body.id;
}

/** A filing submitted by the provider; returns its id. */
export async function submittedFiling(
  provider: Requester,
  facilityId: number,
  domain: FilingDomain,
  fields?: Record<string, unknown>,
): Promise<number> {
  const id = await preparedFiling(provider, facilityId, domain, fields);
  const submitted = await provider.request('POST', `/api/provider/filings/${id}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return id;
}

/** A township of a county in the test database (the template holds all of 淮北市). */
export async function townshipOf(db: Db, county: string): Promise<string> {
  const row = await db
    .selectFrom('region')
    .select('code')
    .where('parent_code', '=', county)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return row.code;
}

/**
 * A session that survives a test clock jumping weeks ahead: an API token (valid a year) instead of a cookie, whose
 * idle timeout would end it at the first jump.
 */
export async function tokenSession(session: Requester, app: App): Promise<Requester> {
  const created = await session.request('POST', '/api/auth/tokens', {
    name: 'filing test',
    expiresInDays: 366,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const authorization = `Bearer ${created.body.token}`;
  return {
    request: async (method, url, body) => {
      const reply = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization },
        ...(body !== undefined && { payload: body as object }),
      });
      return { status: reply.statusCode, body: reply.body ? JSON.parse(reply.body) : null };
    },
  };
}
