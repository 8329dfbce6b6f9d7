import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { permissionsOf, type Principal } from '../../server/access.ts';
import { actorOf, SESSION_COOKIE, type AppDeps } from '../../server/app.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { AttemptThrottle, LOGIN_POLICY } from './login-policy.ts';
import { logIn } from './login.ts';
import { principalFromSession } from './queries.ts';
import { newSecret, secretHash } from './secrets.ts';

const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  principalType: z.enum(['government', 'provider', 'family', 'system']),
  roles: z.array(
    z.object({
      role: z.enum([
        'officer',
        'viewer',
        'community_worker',
        'provider_admin',
        'provider_staff',
        'family_member',
        'platform_admin',
      ]),
      regionCode: z.string().nullable(),
      regionName: z.string().nullable(),
      domain: z.enum(['elderly_care', 'childcare', 'planning']).nullable(),
      organisationId: z.number().int().nullable(),
    }),
  ),
  permissions: z.array(z.string()),
});

const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

const TokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});
const TokenSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export function accountRoutes(api: TypedApi, deps: AppDeps): void {
  const throttle = new AttemptThrottle(LOGIN_POLICY.attemptsPerMinutePerAddress);

  async function describe(principal: Principal): Promise<z.infer<typeof Me>> {
    const regionCodes = principal.roles
      .map((role) => role.regionCode)
      .filter((code): code is string => !!code);
    const names = new Map(
      regionCodes.length === 0
        ? []
        : (
            await deps.db
              .selectFrom('region')
              .select(['code', 'name'])
              .where('code', 'in', regionCodes)
              .execute()
          ).map((row) => [row.code, row.name]),
    );
    return {
      id: principal.accountId,
      username: principal.username,
      displayName: principal.displayName,
      principalType: principal.principalType,
      roles: principal.roles.map((role) => ({
        role: role.role,
        regionCode: role.regionCode,
        regionName: role.regionCode ? (names.get(role.regionCode) ?? null) : null,
        domain: role.domain,
        organisationId: role.organisationId,
      })),
      permissions: [...permissionsOf(principal)].sort(),
    };
  }

  api.post(
    '/auth/login',
    {
      config: { access: { public: true, reason: 'logging in is how a caller becomes a principal' } },
      schema: {
        tags: ['accounts'],
        summary: 'Log in with username and password; sets the session cookie',
        body: LoginBody,
        response: { 200: z.object({ account: Me }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      if (!throttle.allow(request.ip, Date.now())) {
        throw new AppError(429, 'too_many_attempts', {
          'zh-CN': '登录尝试过于频繁，请一分钟后再试',
          'en-US': 'Too many login attempts; try again in a minute',
        });
      }
      const now = deps.clock();
      const { sessionToken } = await logIn(
        deps.db,
        actorOf(request),
        { ...request.body, userAgent: request.headers['user-agent'] ?? null },
        now,
      );
      const principal = await principalFromSession(deps.db, sessionToken, now);
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: LOGIN_POLICY.sessionAbsoluteHours * 3600,
      });
      return { account: await describe(principal!) };
    },
  );

  api.post(
    '/auth/logout',
    {
      config: { access: { public: true, reason: 'logging out must work even with an expired session' } },
      schema: { tags: ['accounts'], summary: 'End the current session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        await inTransaction(deps.db, async (tx) => {
          const ended = await tx
            .updateTable('session')
            .set({ revoked_at: deps.clock() })
            .where('token_hash', '=', secretHash(token))
            .where('revoked_at', 'is', null)
            .returning('account_id')
            .executeTakeFirst();
          if (ended) {
            await recordAudit(tx, actorOf(request), {
              action: 'logout',
              entity: 'account',
              entityId: ended.account_id,
            });
          }
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/auth/me',
    {
      config: {
        access: { principals: ['government', 'provider', 'family', 'system'], permission: 'regions.read' },
      },
      schema: {
        tags: ['accounts'],
        summary: 'The logged-in account, its roles and permissions',
        response: { 200: Me, ...ErrorResponses },
      },
    },
    async (request) => describe(request.principal!),
  );

  api.post(
    '/auth/tokens',
    {
      config: { access: { principals: ['government', 'provider', 'system'], permission: 'tokens.manage' } },
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for an integration; the token is shown only once',
        body: TokenBody,
        response: { 201: TokenSummary.extend({ token: z.string() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      // A leaked token must not be able to mint successors that outlive its revocation.
      if (request.principal!.via === 'token') {
        throw new AppError(403, 'token_cannot_create_tokens', {
          'zh-CN': 'API令牌不能创建新的令牌，请登录后创建',
          'en-US': 'An API token cannot create tokens; log in to create one',
        });
      }
      const token = newSecret('lyt_');
      const now = deps.clock();
      const expiresAt = request.body.expiresInDays
        ? new Date(now.getTime() + request.body.expiresInDays * 86_400_000)
        : null;
      const row = await inTransaction(deps.db, async (tx) => {
        const created = await tx
          .insertInto('api_token')
          .values({
            account_id: request.principal!.accountId,
            name: request.body.name,
            token_hash: secretHash(token),
            created_at: now,
            expires_at: expiresAt,
          })
          .returning(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'api_token',
          entityId: created.id,
        });
        return created;
      });
      return reply.status(201).send({ ...tokenSummary(row), token });
    },
  );

  api.get(
    '/auth/tokens',
    {
      config: { access: { principals: ['government', 'provider', 'system'], permission: 'tokens.manage' } },
      schema: {
        tags: ['accounts'],
        summary: "The caller's live API tokens",
        response: { 200: z.object({ tokens: z.array(TokenSummary) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const rows = await deps.db
        .selectFrom('api_token')
        .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
        .where('account_id', '=', request.principal!.accountId)
        .where('revoked_at', 'is', null)
        .orderBy('id')
        .execute();
      return { tokens: rows.map(tokenSummary) };
    },
  );

  api.delete(
    '/auth/tokens/:id',
    {
      config: { access: { principals: ['government', 'provider', 'system'], permission: 'tokens.manage' } },
      schema: {
        tags: ['accounts'],
        summary: "Revoke one of the caller's API tokens",
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 53),
        }),
        response: { 204: z.null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await inTransaction(deps.db, async (tx) => {
        const revoked = await tx
          .updateTable('api_token')
          .set({ revoked_at: deps.clock() })
          .where('id', '=', request.params.id)
          .where('account_id', '=', request.principal!.accountId)
          .where('revoked_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!revoked) throw notFound('API token', 'API令牌');
        await recordAudit(tx, actorOf(request), {
          action: 'delete',
          entity: 'api_token',
          entityId: revoked.id,
        });
      });
      return reply.status(204).send(null);
    },
  );
}

function tokenSummary(row: {
  id: number;
  name: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
}) {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}
