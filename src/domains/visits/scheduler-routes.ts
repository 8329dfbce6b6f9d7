import { z } from 'zod';
import { type AppDeps } from '../../server/app.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { listPrefixes, visitReach } from './reach.ts';
import { GOVERNMENT } from './roster-routes.ts';
import { recentRuns } from './scheduler-runs.ts';
import { SchedulerRunList } from './scheduler-schemas.ts';

const SchedulerRunsQuery = z.object({
  regionCode: RegionCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export function schedulerRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/visits/scheduler/runs',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.manage' } },
      schema: {
        tags: ['visits'],
        summary:
          'The latest runs of the caring-visit scheduler (daily roster sync, monthly task generation) for the ' +
          'districts in a region subtree, newest first: when, what, counts, outcome. No personal data',
        querystring: SchedulerRunsQuery,
        response: { 200: SchedulerRunList, ...ErrorResponses },
      },
    },
    async (request) => {
      const prefixes = listPrefixes(
        visitReach(request.principal!, 'visits.manage'),
        request.query.regionCode,
      );
      const rows = await recentRuns(deps.db, prefixes, request.query.limit);
      return {
        items: rows.map((row) => ({
          id: row.id,
          regionCode: row.region_code,
          regionName: row.region_name,
          job: row.job,
          period: row.period,
          startedAt: row.started_at.toISOString(),
          finishedAt: row.finished_at.toISOString(),
          outcome: row.outcome,
          counts: row.counts,
          error: row.error,
          runByAccountId: row.run_by_account_id,
        })),
      };
    },
  );
}
