import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { organisationsOf, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, forbidden, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { findRegion } from '../regions/queries.ts';
import { moveStaffWithOrganisations } from '../staff/organisation-moves.ts';
import { recordFieldChanges } from '../audit/field-history.ts';
import { organisationChanges } from './history.ts';
import { organisationListQuery } from './list-queries.ts';
import { ORGANISATION_TYPES, OWNERSHIPS } from './facility-types.ts';
import { findOrganisation, type OrganisationRow } from './queries.ts';
import { assertReadsRegion, reachesOrganisation, SIDES, type Mode, type Side } from './reach.ts';
import { organisationTypeOfUscc, requireValidUscc } from './rules.ts';
import {
  IdParams,
  Organisation,
  OrganisationContacts,
  OrganisationInput,
  OrganisationPatch,
  Paging,
} from './schemas.ts';
import { organisationView } from './views.ts';

const duplicateUscc = () =>
  new AppError(
    409,
    'duplicate_uscc',
    {
      'zh-CN': '该统一社会信用代码已登记',
      'en-US': 'An organisation with this credit code is already registered',
    },
    [fieldError('body.uscc', '统一社会信用代码重复', 'Duplicate credit code')],
  );

/** The organisation the principal reaches on this side, or 404 (403 when it reads but may not change it). */
export async function organisationInReach(
  tx: Tx,
  principal: Principal,
  side: Side,
  id: number,
  mode: Mode,
): Promise<OrganisationRow> {
  const row = await findOrganisation(tx, id);
  if (!row || !reachesOrganisation(principal, side, row, 'read')) throw notFound('Organisation', '机构');
  if (mode === 'write' && !reachesOrganisation(principal, side, row, 'write')) throw forbidden();
  return row;
}

async function requireRegion(tx: Tx, principal: Principal, code: string, path: string) {
  if (!(await findRegion(tx, code))) {
    throw invalidInput([fieldError(path, '行政区划代码不存在', 'No region has this code')]);
  }
  if (!reachesOrganisation(principal, 'government', { id: 0, region_code: code }, 'write')) throw forbidden();
}

async function assertUsccFree(tx: Tx, uscc: string, exceptId?: number) {
  let query = tx.selectFrom('organisation').select('id').where('uscc', '=', uscc);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw duplicateUscc();
}

/** A unique-key race between the check and the insert still answers 409, never 500. */
function rethrowDuplicate(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw duplicateUscc();
  throw error;
}

export function organisationRoutes(api: TypedApi, deps: AppDeps): void {
  const gov = SIDES.government;
  const own = SIDES.provider;

  api.post(
    '/organisations',
    {
      config: { access: gov.write },
      schema: {
        tags: ['providers'],
        summary: 'Register a provider organisation (credit code checked, duplicates refused)',
        body: OrganisationInput,
        response: { 201: Organisation, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const principal = request.principal!;
      const uscc = requireValidUscc(input.uscc, 'body.uscc');
      const row = await inTransaction(deps.db, async (tx) => {
        await requireRegion(tx, principal, input.regionCode, 'body.regionCode');
        await assertUsccFree(tx, uscc);
        const created = await tx
          .insertInto('organisation')
          .values({
            region_code: input.regionCode,
            uscc,
            name: input.name,
            organisation_type: input.organisationType ?? organisationTypeOfUscc(uscc),
            ownership: input.ownership,
            legal_person: input.legalPerson ?? null,
            contact_name: input.contactName ?? null,
            contact_phone: input.contactPhone ?? null,
            address: input.address ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowDuplicate);
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'organisation',
          entityId: created.id,
          regionCode: created.region_code,
          detail: { fields: Object.keys(input) },
        });
        return created;
      });
      return reply.status(201).send(organisationView(row));
    },
  );

  api.get(
    '/organisations',
    {
      config: { access: gov.read },
      schema: {
        tags: ['providers'],
        summary: 'Organisations registered in a region subtree',
        querystring: z.object({
          region: RegionCode,
          ownership: z.enum(OWNERSHIPS).optional(),
          type: z.enum(ORGANISATION_TYPES).optional(),
          name: z.string().trim().min(1).max(100).optional(),
          ...Paging,
        }),
        response: {
          200: z.object({ organisations: z.array(Organisation), total: z.number().int() }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region, ownership, type, name, page, pageSize } = request.query;
      assertReadsRegion(request.principal!, region);
      const query = organisationListQuery(deps.db, { region, ownership, type, name });
      const [rows, count] = await Promise.all([
        query
          .selectAll()
          .orderBy('id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
      ]);
      return { organisations: rows.map(organisationView), total: count.total };
    },
  );

  api.get(
    '/organisations/:id',
    {
      config: { access: gov.read },
      schema: {
        tags: ['providers'],
        summary: 'One organisation',
        params: IdParams,
        response: { 200: Organisation, ...ErrorResponses },
      },
    },
    async (request) =>
      organisationView(
        await inTransaction(deps.db, (tx) =>
          organisationInReach(tx, request.principal!, 'government', request.params.id, 'read'),
        ),
      ),
  );

  api.patch(
    '/organisations/:id',
    {
      config: { access: gov.write },
      schema: {
        tags: ['providers'],
        summary: "Change an organisation's registration or contacts",
        params: IdParams,
        body: OrganisationPatch,
        response: { 200: Organisation, ...ErrorResponses },
      },
    },
    async (request) => {
      const patch = request.body;
      const principal = request.principal!;
      const uscc = patch.uscc === undefined ? undefined : requireValidUscc(patch.uscc, 'body.uscc');
      const row = await inTransaction(deps.db, async (tx) => {
        const current = await organisationInReach(tx, principal, 'government', request.params.id, 'write');
        if (patch.regionCode !== undefined)
          await requireRegion(tx, principal, patch.regionCode, 'body.regionCode');
        if (uscc !== undefined) await assertUsccFree(tx, uscc, current.id);
        const updated = await updateOrganisation(tx, actorOf(request), deps.clock(), current, {
          ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
          ...(uscc !== undefined && { uscc }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.organisationType !== undefined && { organisation_type: patch.organisationType }),
          ...(patch.ownership !== undefined && { ownership: patch.ownership }),
          ...contactChanges(patch),
        });
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'organisation',
          entityId: updated.id,
          regionCode: updated.region_code,
          detail: {
            fields: Object.keys(patch),
            ...(patch.regionCode && { fromRegion: current.region_code }),
          },
        });
        return updated;
      });
      return organisationView(row);
    },
  );

  api.delete(
    '/organisations/:id',
    {
      config: { access: gov.write },
      schema: {
        tags: ['providers'],
        summary:
          'Remove an organisation registered by mistake (refused while facilities, staff or accounts refer to it)',
        params: IdParams,
        response: { 204: z.null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await inTransaction(deps.db, async (tx) => {
        const current = await organisationInReach(
          tx,
          request.principal!,
          'government',
          request.params.id,
          'write',
        );
        await tx
          .deleteFrom('organisation')
          .where('id', '=', current.id)
          .execute()
          .catch((error: unknown) => {
            if ((error as { code?: string }).code !== '23503') throw error;
            throw new AppError(409, 'organisation_in_use', {
              'zh-CN': '该机构仍有设施、人员或账号，不能删除',
              'en-US': 'The organisation still has facilities, staff or accounts',
            });
          });
        await recordAudit(tx, actorOf(request), {
          action: 'delete',
          entity: 'organisation',
          entityId: current.id,
          regionCode: current.region_code,
        });
      });
      return reply.status(204).send(null);
    },
  );

  api.get(
    `${own.prefix}/organisations`,
    {
      config: { access: own.read },
      schema: {
        tags: ['providers'],
        summary: 'The organisations the provider user acts for',
        response: { 200: z.object({ organisations: z.array(Organisation) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const ids = organisationsOf(request.principal!);
      if (ids.length === 0) return { organisations: [] };
      const rows = await deps.db
        .selectFrom('organisation')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
      return { organisations: rows.map(organisationView) };
    },
  );

  api.patch(
    `${own.prefix}/organisations/:id`,
    {
      config: { access: own.write },
      schema: {
        tags: ['providers'],
        summary: "Change one's own organisation's legal person, contacts or address",
        params: IdParams,
        body: OrganisationContacts,
        response: { 200: Organisation, ...ErrorResponses },
      },
    },
    async (request) => {
      const patch = request.body;
      const row = await inTransaction(deps.db, async (tx) => {
        const current = await organisationInReach(
          tx,
          request.principal!,
          'provider',
          request.params.id,
          'write',
        );
        const updated = await updateOrganisation(
          tx,
          actorOf(request),
          deps.clock(),
          current,
          contactChanges(patch),
        );
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'organisation',
          entityId: updated.id,
          regionCode: updated.region_code,
          detail: { fields: Object.keys(patch) },
        });
        return updated;
      });
      return organisationView(row);
    },
  );
}

function contactChanges(patch: z.infer<typeof OrganisationContacts>) {
  return {
    ...(patch.legalPerson !== undefined && { legal_person: patch.legalPerson }),
    ...(patch.contactName !== undefined && { contact_name: patch.contactName }),
    ...(patch.contactPhone !== undefined && { contact_phone: patch.contactPhone }),
    ...(patch.address !== undefined && { address: patch.address }),
  };
}

/** Applies an edit and records the fields it changed in the organisation's history, in the edit's transaction. */
async function updateOrganisation(
  tx: Tx,
  actor: Actor,
  changedAt: Date,
  current: OrganisationRow,
  changes: Partial<Omit<OrganisationRow, 'id' | 'created_at' | 'updated_at'>>,
): Promise<OrganisationRow> {
  if (Object.keys(changes).length === 0) return current;
  const updated = await tx
    .updateTable('organisation')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(rethrowDuplicate);
  await recordFieldChanges(
    tx,
    actor,
    'organisation_change',
    updated,
    changedAt,
    organisationChanges(current, updated),
  );
  // Staff who work at no particular facility belong where their organisation is.
  if (changes.region_code !== undefined && changes.region_code !== current.region_code) {
    await moveStaffWithOrganisations(tx, actor, [current.id], { changedAt });
  }
  return updated;
}
