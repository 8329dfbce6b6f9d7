import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../server/app.ts';
import type { TypedApi } from '../../server/typed.ts';

const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    status: z.enum(['up', 'down']),
    serverVersion: z.string().nullable(),
    migrations: z.number().int().nullable(),
    latencyMs: z.number().nullable(),
  }),
  time: z.string(),
});

export function healthRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/health',
    {
      config: {
        access: { public: true, reason: 'load balancers and operators probe it without an account' },
      },
      schema: {
        tags: ['platform'],
        summary: 'Health of the server and its database',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      try {
        const result = await sql<{ version: string; migrations: number }>`
          SELECT current_setting('server_version') AS version,
                 (SELECT count(*)::int FROM schema_migration) AS migrations`.execute(deps.db);
        const row = result.rows[0];
        return {
          status: 'ok' as const,
          database: {
            status: 'up' as const,
            serverVersion: row.version,
            migrations: row.migrations,
            latencyMs: Math.round((performance.now() - started) * 10) / 10,
          },
          time: deps.clock().toISOString(),
        };
      } catch {
        return reply.status(503).send({
          status: 'degraded' as const,
          database: { status: 'down' as const, serverVersion: null, migrations: null, latencyMs: null },
          time: deps.clock().toISOString(),
        });
      }
    },
  );
}
