// The competent department's side: the inbox of submitted filings with their legal deadlines, the alerts of
// overdue steps, and the decisions (receive, correction, approval, refusal).
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { assertInScope } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorBodySchema, ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { computeAlerts, FilingAlert } from './alerts.ts';
import { readDocument } from './document-store.ts';
import { inboxQuery } from './inbox-query.ts';
import { eventsOf } from './queries.ts';
import type { FilingAction } from './state-machine.ts';
import {
  Domain,
  DocumentContent,
  DocumentParams,
  FilingDetail,
  FilingSummary,
  IdParams,
  Status,
  summaryView,
} from './views.ts';
import { deadlineContext, deadlinesOf, detailOf, filingInReach, performAction } from './workflow.ts';

const GOVERNMENT = ['government', 'system'] as const;
const access = { principals: GOVERNMENT, permission: 'filing.review' } as const;

export function reviewFilingRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/filings',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary:
          'Inbox: submitted filings of a region subtree in your domain, oldest submission first, with deadlines',
        querystring: z.object({
          region: RegionCode,
          status: Status.exclude(['draft']).optional(),
          domain: Domain.optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ filings: z.array(FilingSummary), total: z.number().int() }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region, status, domain, page, pageSize } = request.query;
      const principal = request.principal!;
      assertInScope(principal, 'filing.review', region);
      return inTransaction(deps.db, async (tx) => {
        const query = inboxQuery(tx, principal, { region, status, domain });
        const rows = await query
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
        const { total } = await query
          .clearOrderBy()
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow();
        const context = await deadlineContext(tx, deps.clock());
        const events = await eventsOf(
          tx,
          rows.map((row) => row.id),
        );
        if (rows.length > 0) {
          await recordAudit(tx, actorOf(request), {
            action: 'read',
            entity: 'filing',
            regionCode: region,
            detail: { list: true, filingIds: rows.map((row) => row.id) },
          });
        }
        return {
          filings: rows.map((row) =>
            summaryView(row, deadlinesOf(row, events.get(row.id)!, context), 'reviewer'),
          ),
          total: Number(total),
        };
      });
    },
  );

  api.get(
    '/filings/alerts',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary:
          'Overdue steps in a region subtree: receipts not given, non-compliance not notified, care homes not filed in time',
        querystring: z.object({ region: RegionCode }),
        response: {
          200: z.object({ asOf: z.string(), alerts: z.array(FilingAlert) }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region } = request.query;
      const principal = request.principal!;
      assertInScope(principal, 'filing.review', region);
      return inTransaction(deps.db, async (tx) => computeAlerts(tx, principal, region, deps.clock()));
    },
  );

  api.get(
    '/filings/:id',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: 'A submitted filing with its fields, documents, history and deadlines',
        params: IdParams,
        response: { 200: FilingDetail, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await filingInReach(tx, request.principal!, 'reviewer', request.params.id);
        await recordAudit(tx, actorOf(request), {
          action: 'read',
          entity: 'filing',
          entityId: row.id,
          regionCode: row.region_code,
        });
        return detailOf(tx, row, 'reviewer', await deadlineContext(tx, deps.clock()));
      }),
  );

  api.get(
    '/filings/:id/documents/:documentId',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: 'Download a document of a submitted filing (base64), its checksum verified',
        params: DocumentParams,
        response: { 200: DocumentContent, 500: ErrorBodySchema, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await filingInReach(tx, request.principal!, 'reviewer', request.params.id);
        return readDocument(tx, row, request.params.documentId, actorOf(request));
      }),
  );

  const steps: [string, FilingAction, string][] = [
    ['receive', 'receive', 'Acknowledge receipt of the materials (备案回执)'],
    [
      'request-correction',
      'request_correction',
      'Send the filing back for correction, saying what to correct',
    ],
    [
      'approve',
      'approve',
      'Approve: the facility is filed (initial), its filed data replaced (change) or ended',
    ],
    ['reject', 'reject', 'Refuse the filing, with reasons (published)'],
    [
      'notify-non-compliance',
      'notify_non_compliance',
      'Notify that the provider does not meet the standards, with reasons (published)',
    ],
  ];
  for (const [path, action, summary] of steps) {
    api.post(
      `/filings/:id/${path}`,
      {
        config: { access },
        schema: {
          tags: ['filing'],
          summary,
          params: IdParams,
          // Optional in the schema so a filing outside the caller's reach is a 404 before any 400 about the body.
          body: z.object({ reasons: z.string().max(2000).optional() }).nullish(),
          response: { 200: FilingDetail, ...ErrorResponses },
        },
      },
      async (request) =>
        inTransaction(deps.db, async (tx) => {
          const now = deps.clock();
          const row = await performAction(tx, {
            principal: request.principal!,
            actor: actorOf(request),
            side: 'reviewer',
            id: request.params.id,
            action,
            reasons: request.body?.reasons,
            now,
          });
          return detailOf(tx, row, 'reviewer', await deadlineContext(tx, now));
        }),
    );
  }
}
