import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { auditPersonReads } from './audit.ts';
import { conditionsOf } from './person-detail.ts';
import { personColumns } from './queries.ts';
import { chinaDate } from './rules.ts';
import { Condition, IdParams, Person, personView } from './schemas.ts';
import { familyPersonIds } from './scope.ts';
import { CONSENT_SCOPES, RELATIONSHIP_KINDS } from './tables.ts';

const FAMILY = ['family'] as const;

const Relative = z.object({
  person: Person,
  consentId: z.number().int(),
  scope: z.enum(CONSENT_SCOPES),
  grantedAt: z.string(),
  /** How you are related: outgoing = the relative is <kind> you (child_of: they are your child); incoming = you are. */
  relationships: z.array(
    z.object({ kind: z.enum(RELATIONSHIP_KINDS), direction: z.enum(['outgoing', 'incoming']) }),
  ),
});

/** Persons who gave one of the caller's persons a live consent to act for them. */
function liveConsentsTo(tx: Tx, granteeIds: number[]) {
  return tx
    .selectFrom('consent as c')
    .innerJoin('person', 'person.id', 'c.person_id')
    .where('c.grantee_person_id', 'in', granteeIds)
    .where('c.revoked_at', 'is', null)
    .select([...personColumns, 'c.id as consent_id', 'c.scope', 'c.granted_at', 'c.grantee_person_id']);
}

/** Whether a family principal may act for a person right now: only while that person's consent is live. */
export async function familyMayActFor(tx: Tx, principal: Principal, personId: number): Promise<boolean> {
  const mine = familyPersonIds(principal);
  if (mine.length === 0) return false;
  const live = await liveConsentsTo(tx, mine).where('c.person_id', '=', personId).executeTakeFirst();
  return live !== undefined;
}

export function familyRoutes(api: TypedApi, deps: AppDeps): void {
  const view = (row: Parameters<typeof personView>[1]) => personView(deps.keys, row);

  api.get(
    '/family/me',
    {
      config: { access: { principals: FAMILY, permission: 'self.read' } },
      schema: {
        tags: ['family'],
        summary: 'Your own person record (ID number masked)',
        response: { 200: Person, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const [mine] = familyPersonIds(request.principal!);
        const row =
          mine === undefined
            ? undefined
            : await tx
                .selectFrom('person')
                .select(personColumns)
                .where('person.id', '=', mine)
                .executeTakeFirst();
        if (!row) throw notFound('Person', '人员');
        await auditPersonReads(tx, actorOf(request), [row], { self: true });
        return view(row);
      }),
  );

  api.get(
    '/family/relatives',
    {
      config: { access: { principals: FAMILY, permission: 'self.read' } },
      schema: {
        tags: ['family'],
        summary:
          'The relatives who consented that you may act for them; a revoked consent removes them at once',
        response: { 200: z.object({ relatives: z.array(Relative) }), ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const mine = familyPersonIds(request.principal!);
        if (mine.length === 0) return { relatives: [] };
        const rows = await liveConsentsTo(tx, mine).orderBy('c.id').execute();
        const links =
          rows.length === 0
            ? []
            : await tx
                .selectFrom('person_relationship')
                .select(['from_person_id', 'to_person_id', 'kind'])
                .where((eb) =>
                  eb.or([
                    eb.and([
                      eb(
                        'from_person_id',
                        'in',
                        rows.map((r) => r.id),
                      ),
                      eb('to_person_id', 'in', mine),
                    ]),
                    eb.and([
                      eb(
                        'to_person_id',
                        'in',
                        rows.map((r) => r.id),
                      ),
                      eb('from_person_id', 'in', mine),
                    ]),
                  ]),
                )
                .execute();
        await auditPersonReads(tx, actorOf(request), rows, { viaConsent: true });
        return {
          relatives: rows.map((row) => ({
            person: view(row),
            consentId: row.consent_id,
            scope: row.scope,
            grantedAt: row.granted_at.toISOString(),
            relationships: links
              .filter((l) => l.from_person_id === row.id || l.to_person_id === row.id)
              .map((l) => ({
                kind: l.kind,
                direction: l.from_person_id === row.id ? ('outgoing' as const) : ('incoming' as const),
              })),
          })),
        };
      }),
  );

  api.get(
    '/family/relatives/:id',
    {
      config: { access: { principals: FAMILY, permission: 'self.read' } },
      schema: {
        tags: ['family'],
        summary: "A relative's record and current conditions, while their consent for you is live (else 404)",
        params: IdParams,
        response: { 200: Person.extend({ conditions: z.array(Condition) }), ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const mine = familyPersonIds(request.principal!);
        const row =
          mine.length === 0
            ? undefined
            : await liveConsentsTo(tx, mine).where('c.person_id', '=', request.params.id).executeTakeFirst();
        if (!row) throw notFound('Person', '人员');
        const today = chinaDate(deps.clock());
        const conditions = (await conditionsOf(tx, row.id, today)).filter((c) => c.live);
        await auditPersonReads(tx, actorOf(request), [row], { viaConsent: true });
        return { ...view(row), conditions };
      }),
  );
}
