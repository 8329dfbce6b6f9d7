import { z } from 'zod';
import { assertInScope } from '../../server/access.ts';
import type { AppDeps } from '../../server/app.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';

const Entry = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  regionCode: z.string().nullable(),
  accountId: z.number().int().nullable(),
  username: z.string().nullable(),
  principalType: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export function auditRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/audit',
    {
      config: { access: { principals: ['government', 'system'], permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit entries of a region subtree, newest first',
        querystring: z.object({
          region: RegionCode,
          entity: z.string().max(50).optional(),
          entityId: z.string().max(50).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ entries: z.array(Entry) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const { region, entity, entityId, before, limit } = request.query;
      assertInScope(request.principal!, 'audit.read', region);
      let query = deps.db
        .selectFrom('audit_entry as a')
        .leftJoin('account as u', 'u.id', 'a.account_id')
        .select([
          'a.id',
          'a.occurred_at',
          'a.region_code',
          'a.account_id',
          'u.username',
          'a.principal_type',
          'a.action',
          'a.entity',
          'a.entity_id',
          'a.detail',
          'a.ip',
          'a.request_id',
        ])
        .where('a.region_code', 'like', `${region}%`);
      if (entity) query = query.where('a.entity', '=', entity);
      if (entityId) query = query.where('a.entity_id', '=', entityId);
      if (before) query = query.where('a.id', '<', before);
      const rows = await query.orderBy('a.id', 'desc').limit(limit).execute();
      return {
        entries: rows.map((row) => ({
          id: row.id,
          occurredAt: row.occurred_at.toISOString(),
          regionCode: row.region_code,
          accountId: row.account_id,
          username: row.username,
          principalType: row.principal_type,
          action: row.action,
          entity: row.entity,
          entityId: row.entity_id,
          detail: (row.detail ?? {}) as Record<string, unknown>,
          ip: row.ip,
          requestId: row.request_id,
        })),
      };
    },
  );
}
