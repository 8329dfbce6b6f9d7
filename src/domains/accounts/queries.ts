import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { Principal, Role } from '../../server/access.ts';
import { LOGIN_POLICY, sessionExpiry, sessionIsLive } from './login-policy.ts';
import { secretHash } from './secrets.ts';

export async function rolesOf(db: Db | Tx, accountId: number): Promise<Role[]> {
  const rows = await db
    .selectFrom('account_role')
    .select(['role', 'region_code', 'domain', 'organisation_id', 'person_region_code', 'person_id'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    role: row.role,
    regionCode: row.region_code,
    domain: row.domain,
    organisationId: row.organisation_id,
    personRegionCode: row.person_region_code,
    personId: row.person_id,
  }));
}

export async function createSession(
  tx: Tx,
  accountId: number,
  token: string,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
): Promise<void> {
  await tx
    .insertInto('session')
    .values({
      token_hash: secretHash(token),
      account_id: accountId,
      created_at: now,
      last_seen_at: now,
      expires_at: sessionExpiry(now),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/** The principal behind a session cookie, touching its idle clock; null when absent, expired or revoked. */
export async function principalFromSession(db: Db, token: string, now: Date): Promise<Principal | null> {
  // The roles come along in the same statement: every request with a cookie asks, so one round trip, not two.
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.token_hash',
      'session.last_seen_at',
      'session.expires_at',
      'session.revoked_at',
      'account.id',
      'account.username',
      'account.display_name',
      'account.principal_type',
      'account.disabled_at',
      sql<Role[]>`(
        SELECT coalesce(json_agg(json_build_object(
                 'role', r.role, 'regionCode', r.region_code, 'domain', r.domain,
                 'organisationId', r.organisation_id, 'personRegionCode', r.person_region_code,
                 'personId', r.person_id) ORDER BY r.id), '[]')
          FROM account_role r WHERE r.account_id = account.id)`.as('roles'),
    ])
    .where('session.token_hash', '=', secretHash(token))
    .executeTakeFirst();
  if (!row || row.disabled_at) return null;
  if (
    !sessionIsLive(
      { lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, revokedAt: row.revoked_at },
      now,
    )
  ) {
    return null;
  }
  // Touch at most once a minute: a busy console should not turn every read into a write.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('session')
      .set({ last_seen_at: now })
      .where('token_hash', '=', row.token_hash)
      .execute();
  }
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    principalType: row.principal_type,
    roles: row.roles,
    via: 'session',
  };
}

export async function principalFromToken(db: Db, token: string, now: Date): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('account', 'account.id', 'api_token.account_id')
    .select([
      'api_token.id as tokenId',
      'api_token.expires_at',
      'api_token.revoked_at',
      'api_token.last_used_at',
      'account.id',
      'account.username',
      'account.display_name',
      'account.principal_type',
      'account.disabled_at',
    ])
    .where('api_token.token_hash', '=', secretHash(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || row.revoked_at) return null;
  if (row.expires_at && row.expires_at <= now) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
  }
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    principalType: row.principal_type,
    roles: await rolesOf(db, row.id),
    via: 'token',
  };
}

export { LOGIN_POLICY };
