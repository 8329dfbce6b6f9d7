import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { auditPersonReads } from '../people/audit.ts';
import { findRecord, listRecords } from './queries.ts';
import { listPrefixes, reaches, visitReach } from './reach.ts';
import { recordVisit, rejectVisit, verifyVisit } from './record.ts';
import { GOVERNMENT } from './roster-routes.ts';
import { RecordBody, RecordId, RecordList, RecordsQuery, RejectBody, VisitRecord } from './schemas.ts';
import { recordView } from './views.ts';

const IdParams = z.object({ id: RecordId });

export function recordRoutes(api: TypedApi, deps: AppDeps): void {
  api.post(
    '/visits/records',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.record' } },
      schema: {
        tags: ['visits'],
        summary:
          'Record a door, phone or video visit with its checklist. 201 with the new record (pending, with any ' +
          'flags); the same clientId again answers 200 with the same record, never a second one. A door visit ' +
          'may carry a location: only its distance from the home is kept',
        body: RecordBody,
        response: { 200: VisitRecord, 201: VisitRecord, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const reach = visitReach(request.principal!, 'visits.record');
      // One write statement: see recordVisit for why no enclosing transaction.
      const { record, created } = await recordVisit(
        deps.db,
        actorOf(request),
        reach,
        request.body,
        deps.clock(),
      );
      return reply.status(created ? 201 : 200).send(recordView(record));
    },
  );

  api.get(
    '/visits/records',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.read' } },
      schema: {
        tags: ['visits'],
        summary:
          'Visit records of a region subtree, newest first, by status (pending ones await a supervisor); a ' +
          'community worker sees its own. Audited per person shown',
        querystring: RecordsQuery,
        response: { 200: RecordList, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.read');
      const prefixes = listPrefixes(reach, request.query.regionCode);
      return inTransaction(deps.db, async (tx) => {
        const rows = await listRecords(tx, reach, prefixes, request.query);
        await auditPersonReads(
          tx,
          actorOf(request),
          rows.map((row) => ({ id: row.person_id, region_code: row.region_code })),
          { view: 'visits.records' },
        );
        return { items: rows.map(recordView), total: rows[0]?.total ?? 0 };
      });
    },
  );

  api.get(
    '/visits/records/:id',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.read' } },
      schema: {
        tags: ['visits'],
        summary: 'One visit record with its evidence, checklist, flags and review (audited)',
        params: IdParams,
        response: { 200: VisitRecord, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.read');
      return inTransaction(deps.db, async (tx) => {
        const row = await findRecord(tx, { id: request.params.id });
        if (!row || !reaches(reach, row.region_code, row.worker_account_id)) {
          throw notFound('Visit record', '探访记录');
        }
        await auditPersonReads(tx, actorOf(request), [{ id: row.person_id, region_code: row.region_code }], {
          view: 'visits.record',
          recordId: row.id,
        });
        return recordView(row);
      });
    },
  );

  api.post(
    '/visits/records/:id/verify',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.verify' } },
      schema: {
        tags: ['visits'],
        summary: 'Verify a pending visit: it now counts towards the monthly visit rate',
        params: IdParams,
        response: { 200: VisitRecord, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.verify');
      const row = await inTransaction(deps.db, (tx) =>
        verifyVisit(tx, actorOf(request), reach, request.params.id, deps.clock()),
      );
      return recordView(row);
    },
  );

  api.post(
    '/visits/records/:id/reject',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.verify' } },
      schema: {
        tags: ['visits'],
        summary: 'Reject a pending visit with the reason; it never counts and its task is owed again',
        params: IdParams,
        body: RejectBody,
        response: { 200: VisitRecord, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.verify');
      const row = await inTransaction(deps.db, (tx) =>
        rejectVisit(tx, actorOf(request), reach, request.params.id, request.body.reason, deps.clock()),
      );
      return recordView(row);
    },
  );
}
