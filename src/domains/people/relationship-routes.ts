import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { inScope, regionScope } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { auditPerPerson } from './audit.ts';
import { conflict, guarded, type ConstraintMessage } from './constraint-errors.ts';
import { ADULT_AGE, ageOn, chinaDate } from './rules.ts';
import { RecordId } from './schemas.ts';
import { personInScope, referencedPerson } from './scope.ts';
import { CONSENT_SCOPES, RELATIONSHIP_KINDS } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;

const RelationshipCreated = z.object({
  id: z.number().int(),
  fromPersonId: z.number().int(),
  toPersonId: z.number().int(),
  kind: z.enum(RELATIONSHIP_KINDS),
});
const ConsentRecord = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  grantorPersonId: z.number().int(),
  granteePersonId: z.number().int(),
  scope: z.enum(CONSENT_SCOPES),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});

const RELATIONSHIP_EXISTS: ConstraintMessage = {
  code: 'relationship_exists',
  path: 'body.toPersonId',
  zh: '这两人之间已登记了该关系',
  en: 'This relationship between the two persons is already recorded',
};
const CONSENT_EXISTS: ConstraintMessage = {
  code: 'consent_exists',
  path: 'body.granteePersonId',
  zh: '该授权已生效，无需重复授权',
  en: 'This consent is already live',
};

const consentColumns = [
  'id',
  'region_code',
  'person_id',
  'grantor_person_id',
  'grantee_person_id',
  'scope',
  'granted_at',
  'revoked_at',
] as const;

function consentView(row: {
  id: number;
  person_id: number;
  grantor_person_id: number;
  grantee_person_id: number;
  scope: 'act_for';
  granted_at: Date;
  revoked_at: Date | null;
}) {
  return {
    id: row.id,
    personId: row.person_id,
    grantorPersonId: row.grantor_person_id,
    granteePersonId: row.grantee_person_id,
    scope: row.scope,
    grantedAt: row.granted_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

async function relationshipBetween(tx: Tx, a: number, b: number, kind?: string) {
  let query = tx
    .selectFrom('person_relationship')
    .select(['id', 'kind', 'from_person_id', 'to_person_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('from_person_id', '=', a), eb('to_person_id', '=', b)]),
        eb.and([eb('from_person_id', '=', b), eb('to_person_id', '=', a)]),
      ]),
    );
  if (kind) query = query.where('kind', '=', kind as (typeof RELATIONSHIP_KINDS)[number]);
  return query.execute();
}

export function relationshipRoutes(api: TypedApi, deps: AppDeps): void {
  api.post(
    '/people/:id/relationships',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['people'],
        summary:
          'Record that this person is <kind> another (child_of: this person is their child; guardian_of: this ' +
          'person is their guardian; spouse_of; relative_of). Both persons must be in your scope',
        params: z.object({ id: RecordId }),
        body: z.object({ toPersonId: RecordId, kind: z.enum(RELATIONSHIP_KINDS) }),
        response: { 201: RelationshipCreated, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { toPersonId, kind } = request.body;
      const created = await inTransaction(deps.db, async (tx) => {
        const from = await personInScope(tx, principal, request.params.id, 'people.write');
        if (toPersonId === from.id) {
          throw invalidInput([
            fieldError('body.toPersonId', '不能与本人建立关系', 'A person cannot be related to themselves'),
          ]);
        }
        const to = await referencedPerson(tx, principal, toPersonId, 'body.toPersonId');
        if ((await relationshipBetween(tx, from.id, to.id, kind)).length > 0)
          throw conflict(RELATIONSHIP_EXISTS);
        const row = await guarded(
          () =>
            tx
              .insertInto('person_relationship')
              .values({
                region_code: from.region_code,
                from_person_id: from.id,
                to_person_id: to.id,
                kind,
                created_by: principal.accountId,
              })
              .returning(['id', 'from_person_id', 'to_person_id', 'kind'])
              .executeTakeFirstOrThrow(),
          { person_relationship_pair_idx: RELATIONSHIP_EXISTS },
        );
        await auditPerPerson(
          tx,
          actorOf(request),
          { action: 'create', entity: 'person_relationship', entityId: row.id, detail: { kind } },
          [
            { ...from, role: 'from' },
            { ...to, role: 'to' },
          ],
        );
        return row;
      });
      return reply.status(201).send({
        id: created.id,
        fromPersonId: created.from_person_id,
        toPersonId: created.to_person_id,
        kind: created.kind,
      });
    },
  );

  api.post(
    '/people/:id/consents',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['people'],
        summary:
          'Record consent that an adult relative (grantee) may act for this person, given by the person or by their ' +
          'guardian (grantor); live until revoked. The grantee must already be recorded as related to the person',
        params: z.object({ id: RecordId }),
        body: z.object({
          granteePersonId: RecordId,
          grantorPersonId: RecordId.optional(),
          scope: z.enum(CONSENT_SCOPES).default('act_for'),
        }),
        response: { 201: ConsentRecord, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const input = request.body;
      const now = deps.clock();
      const created = await inTransaction(deps.db, async (tx) => {
        const person = await personInScope(tx, principal, request.params.id, 'people.write');
        if (input.granteePersonId === person.id) {
          throw invalidInput([
            fieldError('body.granteePersonId', '不能授权给本人', 'A person cannot consent to themselves'),
          ]);
        }
        const grantee = await referencedPerson(tx, principal, input.granteePersonId, 'body.granteePersonId');
        const grantor =
          input.grantorPersonId === undefined || input.grantorPersonId === person.id
            ? person
            : await referencedPerson(tx, principal, input.grantorPersonId, 'body.grantorPersonId');
        const problems = [];
        if (ageOn(grantee.birth_date, chinaDate(now)) < ADULT_AGE) {
          problems.push(
            fieldError(
              'body.granteePersonId',
              '被授权人须年满18周岁',
              'The grantee must be an adult (18 or over)',
            ),
          );
        }
        if ((await relationshipBetween(tx, person.id, grantee.id)).length === 0) {
          problems.push(
            fieldError(
              'body.granteePersonId',
              '请先登记被授权人与本人的关系',
              'Record how the grantee is related to the person first',
            ),
          );
        }
        if (grantor.id !== person.id) {
          const guardian = await tx
            .selectFrom('person_relationship')
            .select('id')
            .where('from_person_id', '=', grantor.id)
            .where('to_person_id', '=', person.id)
            .where('kind', '=', 'guardian_of')
            .executeTakeFirst();
          if (!guardian) {
            problems.push(
              fieldError(
                'body.grantorPersonId',
                '授权人须为本人或其登记的监护人',
                'The grantor must be the person or their recorded guardian',
              ),
            );
          }
        }
        if (problems.length > 0) throw invalidInput(problems);
        const live = await tx
          .selectFrom('consent')
          .select('id')
          .where('person_id', '=', person.id)
          .where('grantee_person_id', '=', grantee.id)
          .where('scope', '=', input.scope)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (live) throw conflict(CONSENT_EXISTS);
        const row = await guarded(
          () =>
            tx
              .insertInto('consent')
              .values({
                region_code: person.region_code,
                person_id: person.id,
                grantor_person_id: grantor.id,
                grantee_person_id: grantee.id,
                scope: input.scope,
                granted_at: now,
                granted_by: principal.accountId,
              })
              .returning(consentColumns)
              .executeTakeFirstOrThrow(),
          { consent_live_idx: CONSENT_EXISTS },
        );
        await auditPerPerson(
          tx,
          actorOf(request),
          { action: 'create', entity: 'consent', entityId: row.id, detail: { scope: input.scope } },
          [
            { ...person, role: 'person' },
            { ...grantor, role: 'grantor' },
            { ...grantee, role: 'grantee' },
          ],
        );
        return row;
      });
      return reply.status(201).send(consentView(created));
    },
  );

  api.post(
    '/consents/:id/revoke',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['people'],
        summary: 'Revoke a consent from now on; the record stays, with when and by whom it was revoked',
        params: z.object({ id: RecordId }),
        response: { 200: ConsentRecord, ...ErrorResponses },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const now = deps.clock();
      return inTransaction(deps.db, async (tx) => {
        const consent = await tx
          .selectFrom('consent')
          .select(consentColumns)
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        // Whoever may change the person's record may withdraw consent to act for them.
        if (!consent || !inScope(regionScope(principal, 'people.write'), consent.region_code)) {
          throw notFound('Consent', '授权');
        }
        if (consent.revoked_at !== null) {
          throw new AppError(409, 'consent_revoked', {
            'zh-CN': '该授权已撤销',
            'en-US': 'The consent is already revoked',
          });
        }
        const row = await tx
          .updateTable('consent')
          .set({ revoked_at: now, revoked_by: principal.accountId })
          .where('region_code', '=', consent.region_code)
          .where('id', '=', consent.id)
          .returning(consentColumns)
          .executeTakeFirstOrThrow();
        const parties = await tx
          .selectFrom('person')
          .select(['id', 'region_code'])
          .where('id', 'in', [consent.person_id, consent.grantor_person_id, consent.grantee_person_id])
          .execute();
        const roleOf = (id: number) =>
          id === consent.person_id ? 'person' : id === consent.grantee_person_id ? 'grantee' : 'grantor';
        await auditPerPerson(
          tx,
          actorOf(request),
          { action: 'update', entity: 'consent', entityId: row.id, detail: { fields: ['revokedAt'] } },
          parties.map((p) => ({ ...p, role: roleOf(p.id) })),
        );
        return consentView(row);
      });
    },
  );
}
