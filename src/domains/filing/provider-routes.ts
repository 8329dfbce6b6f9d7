// The provider's side of filing: prepare a filing for one of its own facilities, attach documents, submit, answer a
// correction request, withdraw. Everything is limited to the organisations the account acts for.
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { organisationsHolding, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, invalidInput } from '../../server/errors.ts';
import { ErrorBodySchema, ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import type { FilingKind } from './deadlines.ts';
import { CONTENT_TYPES, DOCUMENT_BODY_LIMIT, DOCUMENT_TYPES } from './documents.ts';
import { deleteDocument, readDocument, storeDocument } from './document-store.ts';
import { facilityTypeProblems, FILED_FACILITY_TYPES, parseFields } from './fields.ts';
import { alreadyFiled, filingInProgress, notEditable, notFiled } from './problems.ts';
import { eventsOf, filingsWithFacility, findFacility, liveRecordOf, type FilingRow } from './queries.ts';
import { isEditable, OPEN_STATUSES, type FilingAction } from './state-machine.ts';
import {
  DocumentContent,
  DocumentParams,
  DocumentSummary,
  FilingDetail,
  FilingSummary,
  IdParams,
  Kind,
  Status,
  summaryView,
} from './views.ts';
import { deadlineContext, deadlinesOf, detailOf, filingInReach, performAction } from './workflow.ts';

const PROVIDER = ['provider'] as const;
const access = { principals: PROVIDER, permission: 'filing.submit' } as const;

const Fields = z
  .record(z.string(), z.unknown())
  .describe('the filed fields; their schema follows the domain');

/** Fields checked against the schema of the facility's domain, with errors named under body.fields. */
function validFields(
  domain: FilingRow['domain'],
  kind: FilingKind,
  type: FilingRow['facility_type'],
  raw: unknown,
) {
  const parsed = parseFields(domain, kind, raw);
  const problems = parsed.ok ? facilityTypeProblems(type, kind, parsed.value) : parsed.problems;
  if (!parsed.ok || problems.length > 0) {
    throw invalidInput(
      problems.map((problem) =>
        fieldError(
          problem.path ? `body.fields.${problem.path}` : 'body.fields',
          `备案内容不符合要求：${problem.message}`,
          problem.message,
        ),
      ),
    );
  }
  return parsed.value;
}

export function providerFilingRoutes(api: TypedApi, deps: AppDeps): void {
  async function ownFacility(tx: Tx, principal: Principal, facilityId: number) {
    const facility = await findFacility(tx, facilityId);
    if (!facility || !organisationsHolding(principal, 'filing.submit').includes(facility.organisation_id)) {
      throw invalidInput([
        fieldError('body.facilityId', '未找到贵机构的该设施', 'No facility of your organisation has this id'),
      ]);
    }
    if (!FILED_FACILITY_TYPES.includes(facility.facility_type)) {
      throw invalidInput([
        fieldError(
          'body.facilityId',
          '该类设施无需备案（仅养老机构和托育机构备案）',
          'Facilities of this type do not file (only care homes and childcare providers do)',
        ),
      ]);
    }
    return facility;
  }

  api.post(
    '/provider/filings',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: 'Start a filing (initial, change or deregistration) for one of your facilities, as a draft',
        body: z.object({ facilityId: IdParams.shape.id, kind: Kind, fields: Fields }),
        response: { 201: FilingDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { facilityId, kind } = request.body;
      const detail = await inTransaction(deps.db, async (tx) => {
        const facility = await ownFacility(tx, principal, facilityId);
        const fields = validFields(facility.domain, kind, facility.facility_type, request.body.fields);
        const live = await liveRecordOf(tx, facility.id);
        if (kind === 'initial' && live) throw alreadyFiled();
        if (kind !== 'initial' && !live) throw notFiled();
        const open = await tx
          .selectFrom('filing')
          .select('id')
          .where('facility_id', '=', facility.id)
          .where('status', 'in', OPEN_STATUSES)
          .executeTakeFirst();
        if (open) throw filingInProgress();
        const now = deps.clock();
        const { id } = await tx
          .insertInto('filing')
          .values({
            region_code: facility.region_code.slice(0, 6),
            facility_region_code: facility.region_code,
            facility_id: facility.id,
            organisation_id: facility.organisation_id,
            domain: facility.domain,
            kind,
            fields: JSON.stringify(fields),
            created_by: principal.accountId,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'filing',
          entityId: id,
          regionCode: facility.region_code.slice(0, 6),
          detail: { facilityId: facility.id, kind },
        });
        const row = await filingInReach(tx, principal, 'provider', id);
        return detailOf(tx, row, 'provider', await deadlineContext(tx, now));
      });
      return reply.status(201).send(detail);
    },
  );

  api.get(
    '/provider/filings',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: "Your organisation's filings, newest first, with their deadlines",
        querystring: z.object({
          status: Status.optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({ filings: z.array(FilingSummary), total: z.number().int() }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { status, page, pageSize } = request.query;
      const organisations = organisationsHolding(request.principal!, 'filing.submit');
      if (organisations.length === 0) return { filings: [], total: 0 };
      return inTransaction(deps.db, async (tx) => {
        let query = filingsWithFacility(tx).where('filing.organisation_id', 'in', organisations);
        if (status) query = query.where('filing.status', '=', status);
        const rows = await query
          .orderBy('filing.id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
        const total = await tx
          .selectFrom('filing')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('organisation_id', 'in', organisations)
          .$if(status !== undefined, (q) => q.where('status', '=', status!))
          .executeTakeFirstOrThrow();
        const context = await deadlineContext(tx, deps.clock());
        const events = await eventsOf(
          tx,
          rows.map((row) => row.id),
        );
        return {
          filings: rows.map((row) =>
            summaryView(row, deadlinesOf(row, events.get(row.id)!, context), 'provider'),
          ),
          total: Number(total.n),
        };
      });
    },
  );

  api.get(
    '/provider/filings/:id',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: 'One of your filings with its fields, documents, history and deadlines',
        params: IdParams,
        response: { 200: FilingDetail, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await filingInReach(tx, request.principal!, 'provider', request.params.id);
        return detailOf(tx, row, 'provider', await deadlineContext(tx, deps.clock()));
      }),
  );

  api.patch(
    '/provider/filings/:id',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: 'Replace the filed fields of a draft, or of a filing sent back for correction',
        params: IdParams,
        body: z.object({ fields: Fields }),
        response: { 200: FilingDetail, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await filingInReach(tx, request.principal!, 'provider', request.params.id, true);
        if (!isEditable(row.status)) throw notEditable(row.status);
        const fields = validFields(row.domain, row.kind, row.facility_type, request.body.fields);
        const now = deps.clock();
        await tx
          .updateTable('filing')
          .set({ fields: JSON.stringify(fields), updated_at: now })
          .where('region_code', '=', row.region_code)
          .where('id', '=', row.id)
          .execute();
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'filing',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { fields: Object.keys(fields) },
        });
        const updated = await filingInReach(tx, request.principal!, 'provider', row.id);
        return detailOf(tx, updated, 'provider', await deadlineContext(tx, now));
      }),
  );

  api.post(
    '/provider/filings/:id/documents',
    {
      config: { access },
      // Documents travel as base64 in JSON: this route alone accepts bodies big enough for a 10 MiB scan.
      bodyLimit: DOCUMENT_BODY_LIMIT,
      schema: {
        tags: ['filing'],
        summary:
          'Attach a document (PDF, JPEG or PNG up to 10 MiB, base64) to a draft or a filing under correction',
        params: IdParams,
        body: z.object({
          type: z.enum(DOCUMENT_TYPES),
          fileName: z
            .string()
            .trim()
            .min(1)
            .max(200)
            .regex(/^[^/\\]+$/, 'a file name, not a path'),
          contentType: z.enum(CONTENT_TYPES),
          content: z.string().min(1),
          sha256: z
            .string()
            .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 in hex')
            .optional()
            .describe('the checksum the client computed; refused when the received bytes differ'),
        }),
        response: { 201: DocumentSummary, 413: ErrorBodySchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const document = await inTransaction(deps.db, async (tx) => {
        const row = await filingInReach(tx, request.principal!, 'provider', request.params.id, true);
        if (!isEditable(row.status)) throw notEditable(row.status);
        return storeDocument(tx, row, request.body, actorOf(request), request.principal!.accountId);
      });
      return reply.status(201).send(document);
    },
  );

  api.get(
    '/provider/filings/:id/documents/:documentId',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: 'Download one of your filing documents (base64), its checksum verified',
        params: DocumentParams,
        response: { 200: DocumentContent, 500: ErrorBodySchema, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await filingInReach(tx, request.principal!, 'provider', request.params.id);
        return readDocument(tx, row, request.params.documentId, actorOf(request));
      }),
  );

  api.delete(
    '/provider/filings/:id/documents/:documentId',
    {
      config: { access },
      schema: {
        tags: ['filing'],
        summary: 'Remove a document from a draft or a filing under correction',
        params: DocumentParams,
        response: { 200: DocumentSummary, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await filingInReach(tx, request.principal!, 'provider', request.params.id, true);
        if (!isEditable(row.status)) throw notEditable(row.status);
        return deleteDocument(tx, row, request.params.documentId, actorOf(request));
      }),
  );

  const steps: [string, FilingAction, string][] = [
    ['submit', 'submit', 'Submit a draft to the competent department of the facility’s county'],
    ['resubmit', 'resubmit', 'Submit again after correcting what the department asked for'],
    ['withdraw', 'withdraw', 'Withdraw a filing that has not been decided'],
  ];
  for (const [path, action, summary] of steps) {
    api.post(
      `/provider/filings/:id/${path}`,
      {
        config: { access },
        schema: {
          tags: ['filing'],
          summary,
          params: IdParams,
          response: { 200: FilingDetail, ...ErrorResponses },
        },
      },
      async (request) =>
        inTransaction(deps.db, async (tx) => {
          const now = deps.clock();
          const row = await performAction(tx, {
            principal: request.principal!,
            actor: actorOf(request),
            side: 'provider',
            id: request.params.id,
            action,
            now,
          });
          return detailOf(tx, row, 'provider', await deadlineContext(tx, now));
        }),
    );
  }
}
