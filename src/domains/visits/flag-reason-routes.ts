import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { auditPersonReads } from '../people/audit.ts';
import { giveFlagReasons, reasonReach, recordsAwaitingReason } from './flag-reason-action.ts';
import { listPrefixes } from './reach.ts';
import { GOVERNMENT } from './roster-routes.ts';
import { AwaitingReasonQuery, FlagReasonBody, RecordId, RecordList, VisitRecord } from './schemas.ts';
import { recordView } from './views.ts';

const IdParams = z.object({ id: RecordId });

export function flagReasonRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/visits/records/awaiting-reason',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.record' } },
      schema: {
        tags: ['visits'],
        summary:
          'Pending visits with a flag that has no reason yet (typically sent from an offline phone, flagged by ' +
          'the server afterwards): a worker sees its own, a supervisor its region. Audited per person shown',
        querystring: AwaitingReasonQuery,
        response: { 200: RecordList, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = reasonReach(request.principal!);
      const prefixes = listPrefixes(reach, request.query.regionCode);
      return inTransaction(deps.db, async (tx) => {
        const rows = await recordsAwaitingReason(tx, reach, prefixes, request.query);
        await auditPersonReads(
          tx,
          actorOf(request),
          rows.map((row) => ({ id: row.person_id, region_code: row.region_code })),
          { view: 'visits.records.awaiting_reason' },
        );
        return { items: rows.map(recordView), total: rows[0]?.total ?? 0 };
      });
    },
  );

  api.post(
    '/visits/records/:id/flag-reasons',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.record' } },
      schema: {
        tags: ['visits'],
        summary:
          'Give the reason code (and a note) for the flags of a pending visit after the fact: an off-site reason ' +
          'for a location flag, an off-schedule reason for a timing flag. Only the worker who recorded the visit ' +
          'or a supervisor; audited. 409 once the visit is verified or rejected',
        params: IdParams,
        body: FlagReasonBody,
        response: { 200: VisitRecord, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = reasonReach(request.principal!);
      const row = await inTransaction(deps.db, (tx) =>
        giveFlagReasons(tx, actorOf(request), reach, request.params.id, request.body, deps.clock()),
      );
      return recordView(row);
    },
  );
}
