import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { assertInScope, inScope, regionScope, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { auditPerPerson, auditPersonReads } from './audit.ts';
import { conflict, guarded, type ConstraintMessage } from './constraint-errors.ts';
import {
  headOverlapping,
  householdMembers,
  householdSummary,
  listHouseholds,
  membershipOverlapping,
  type HouseholdSummaryRow,
} from './household-queries.ts';
import type { PersonRow } from './queries.ts';
import { ageOn, chinaDate, holdsOn } from './rules.ts';
import { IsoDate, RecordId } from './schemas.ts';
import { referencedPerson, requireRegion, visibleTo } from './scope.ts';
import { HOUSEHOLD_RELATIONS, type HouseholdRelation } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;

const Summary = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  address: z.string().nullable(),
  memberCount: z.number().int(),
  elderCount: z.number().int(),
  youngChildCount: z.number().int(),
  /** An elder (60+) and a child under 3 live in it on the date asked about: the 一老一小 household the city counts. */
  hasElderAndYoungChild: z.boolean(),
});
const Member = z.object({
  id: z.number().int(),
  relation: z.enum(HOUSEHOLD_RELATIONS),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  live: z.boolean(),
  /** Null when the member's person record lies outside the caller's scope. */
  person: z
    .object({
      id: z.number().int(),
      regionCode: z.string(),
      name: z.string(),
      sex: z.enum(['male', 'female']),
      birthDate: z.string(),
      age: z.number().int(),
    })
    .nullable(),
});
const Household = Summary.extend({
  /** The head on the date asked about (null without one, or outside your scope). */
  headPersonId: z.number().int().nullable(),
  members: z.array(Member),
});
type HouseholdView = z.infer<typeof Household>;

const MemberInput = z.object({
  personId: RecordId,
  relation: z.enum(HOUSEHOLD_RELATIONS),
  joinedOn: IsoDate.optional(),
});

const ONE_HOUSEHOLD: ConstraintMessage = {
  code: 'already_in_household',
  path: 'body.personId',
  zh: '该人员在此期间已属于一个家庭户',
  en: 'The person already belongs to a household for part of that period',
};
const ONE_HEAD: ConstraintMessage = {
  code: 'household_has_head',
  path: 'body.relation',
  zh: '该家庭户在此期间已有户主',
  en: 'The household already has a head for part of that period',
};

function summaryView(row: HouseholdSummaryRow) {
  return {
    id: row.id,
    regionCode: row.region_code,
    address: row.address,
    memberCount: row.member_count,
    elderCount: row.elder_count,
    youngChildCount: row.young_child_count,
    hasElderAndYoungChild: row.elder_count > 0 && row.young_child_count > 0,
  };
}

async function householdInScope(
  tx: Tx,
  principal: Principal,
  id: number,
  permission: 'people.read' | 'people.write',
) {
  const row = await tx
    .selectFrom('household')
    .select(['id', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !inScope(regionScope(principal, permission), row.region_code)) {
    throw notFound('Household', '家庭户');
  }
  return row;
}

/** The household as the caller may see it, and the persons shown (for the audit). */
async function loadHousehold(tx: Tx, principal: Principal, id: number, on: string) {
  const summary = await householdSummary(tx, id, on);
  if (!summary) throw notFound('Household', '家庭户');
  const visible = visibleTo(principal, 'people.read');
  const members = await householdMembers(tx, id);
  const shown = members
    .filter((m) => visible(m.person_region_code))
    .map((m) => ({ id: m.person_id, region_code: m.person_region_code }));
  const head = members.find(
    (m) => m.relation === 'head' && holdsOn({ from: m.joined_on, to: m.left_on }, on),
  );
  const view: HouseholdView = {
    ...summaryView(summary),
    headPersonId: head && visible(head.person_region_code) ? head.person_id : null,
    members: members.map((m) => ({
      id: m.id,
      relation: m.relation,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
      live: holdsOn({ from: m.joined_on, to: m.left_on }, on),
      person: visible(m.person_region_code)
        ? {
            id: m.person_id,
            regionCode: m.person_region_code,
            name: m.name,
            sex: m.sex,
            birthDate: m.birth_date,
            age: ageOn(m.birth_date, on),
          }
        : null,
    })),
  };
  return { view, shown };
}

/**
 * Adds a person to a household from a date: one household per person at a time and one head per household, checked
 * first for a clear answer and guarded by the database's exclusion constraints.
 */
async function addMember(
  tx: Tx,
  actor: Actor,
  household: { id: number; region_code: string },
  person: PersonRow,
  relation: HouseholdRelation,
  joinedOn: string,
  paths: { personId: string; relation: string },
) {
  const messages = {
    household_member_one_household: { ...ONE_HOUSEHOLD, path: paths.personId },
    household_member_one_head: { ...ONE_HEAD, path: paths.relation },
  };
  if (await membershipOverlapping(tx, person.id, joinedOn))
    throw conflict(messages.household_member_one_household);
  if (relation === 'head' && (await headOverlapping(tx, household.id, joinedOn))) {
    throw conflict(messages.household_member_one_head);
  }
  const member = await guarded(
    () =>
      tx
        .insertInto('household_member')
        .values({
          region_code: household.region_code,
          household_id: household.id,
          person_id: person.id,
          relation,
          joined_on: joinedOn,
          created_by: actor.principal?.accountId ?? null,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow(),
    messages,
  );
  if (relation === 'head') {
    await tx
      .updateTable('household')
      .set({ head_person_id: person.id })
      .where('region_code', '=', household.region_code)
      .where('id', '=', household.id)
      .execute();
  }
  // The household side names no person, the person side no other person: each district sees only its own.
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'household_member',
    entityId: member.id,
    regionCode: household.region_code,
    detail: { householdId: household.id, relation },
  });
  await auditPerPerson(
    tx,
    actor,
    {
      action: 'create',
      entity: 'household_member',
      entityId: member.id,
      detail: { householdId: household.id },
    },
    [person],
  );
}

export function householdRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());

  api.post(
    '/households',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['households'],
        summary: 'Register a household with its head and, optionally, further members joining on a date',
        body: z.object({
          regionCode: RegionCode,
          address: z.string().trim().min(1).max(300).optional(),
          headPersonId: RecordId,
          joinedOn: IsoDate.optional(),
          members: z.array(MemberInput).max(30).optional(),
        }),
        response: { 201: Household, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const principal = request.principal!;
      const actor = actorOf(request);
      const on = today();
      const view = await inTransaction(deps.db, async (tx) => {
        await requireRegion(tx, principal, input.regionCode, 'body.regionCode');
        const members = input.members ?? [];
        const problems = members.flatMap((m, i) => [
          ...(m.relation === 'head'
            ? [
                fieldError(
                  `body.members.${i}.relation`,
                  '户主由 headPersonId 指定',
                  'The head is given as headPersonId',
                ),
              ]
            : []),
          ...(m.personId === input.headPersonId || members.findIndex((o) => o.personId === m.personId) !== i
            ? [fieldError(`body.members.${i}.personId`, '同一人员重复列出', 'The person is listed twice')]
            : []),
        ]);
        if (problems.length > 0) throw invalidInput(problems);
        const head = await referencedPerson(tx, principal, input.headPersonId, 'body.headPersonId');
        const persons = [];
        for (const [i, m] of members.entries()) {
          persons.push(await referencedPerson(tx, principal, m.personId, `body.members.${i}.personId`));
        }
        const household = await tx
          .insertInto('household')
          .values({
            region_code: input.regionCode,
            address: input.address ?? null,
            created_by: principal.accountId,
          })
          .returning(['id', 'region_code'])
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actor, {
          action: 'create',
          entity: 'household',
          entityId: household.id,
          regionCode: household.region_code,
          detail: { fields: Object.keys(input), memberCount: members.length + 1 },
        });
        const headJoined = input.joinedOn ?? on;
        await addMember(tx, actor, household, head, 'head', headJoined, {
          personId: 'body.headPersonId',
          relation: 'body.headPersonId',
        });
        for (const [i, m] of members.entries()) {
          await addMember(tx, actor, household, persons[i], m.relation, m.joinedOn ?? headJoined, {
            personId: `body.members.${i}.personId`,
            relation: `body.members.${i}.relation`,
          });
        }
        return (await loadHousehold(tx, principal, household.id, on)).view;
      });
      return reply.status(201).send(view);
    },
  );

  api.get(
    '/households',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['households'],
        summary:
          'Households of a region subtree, newest first, with live member counts on `on` (default today) and the ' +
          'number of households where an elder (60+) and a child under 3 live together',
        querystring: z.object({
          region: RegionCode,
          on: IsoDate.optional(),
          elderAndYoungChild: z.enum(['true', 'false']).optional(),
          after: RecordId.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            households: z.array(Summary),
            total: z.number().int(),
            withElderAndYoungChild: z.number().int(),
            nextAfter: z.number().int().nullable(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const { region, on, elderAndYoungChild, after, limit } = request.query;
      assertInScope(request.principal!, 'people.read', region);
      return inTransaction(deps.db, async (tx) => {
        const result = await listHouseholds(
          tx,
          { region, on: on ?? today(), elderAndYoungChild: elderAndYoungChild === 'true', after },
          limit,
        );
        if (result.rows.length > 0) {
          await recordAudit(tx, actorOf(request), {
            action: 'read',
            entity: 'household',
            regionCode: region,
            detail: { list: true, householdIds: result.rows.map((row) => row.id) },
          });
        }
        return {
          households: result.rows.map(summaryView),
          total: result.total,
          withElderAndYoungChild: result.withElderAndYoungChild,
          nextAfter: result.rows.length === limit ? result.rows[result.rows.length - 1].id : null,
        };
      });
    },
  );

  api.get(
    '/households/:id',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['households'],
        summary: 'One household with its members past and present (members outside your scope shown as null)',
        params: z.object({ id: RecordId }),
        querystring: z.object({ on: IsoDate.optional() }),
        response: { 200: Household, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const principal = request.principal!;
        const household = await householdInScope(tx, principal, request.params.id, 'people.read');
        const { view, shown } = await loadHousehold(tx, principal, household.id, request.query.on ?? today());
        await recordAudit(tx, actorOf(request), {
          action: 'read',
          entity: 'household',
          entityId: household.id,
          regionCode: household.region_code,
        });
        await auditPersonReads(tx, actorOf(request), shown, { householdId: household.id });
        return view;
      }),
  );

  api.post(
    '/households/:id/members',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['households'],
        summary: 'Add a member (from joinedOn, default today); a person belongs to one household at a time',
        params: z.object({ id: RecordId }),
        body: MemberInput,
        response: { 201: Household, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const view = await inTransaction(deps.db, async (tx) => {
        const household = await householdInScope(tx, principal, request.params.id, 'people.write');
        const person = await referencedPerson(tx, principal, request.body.personId, 'body.personId');
        await addMember(
          tx,
          actorOf(request),
          household,
          person,
          request.body.relation,
          request.body.joinedOn ?? today(),
          { personId: 'body.personId', relation: 'body.relation' },
        );
        return (await loadHousehold(tx, principal, household.id, today())).view;
      });
      return reply.status(201).send(view);
    },
  );

  api.delete(
    '/households/:id/members/:personId',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['households'],
        summary: 'A member leaves the household on `on` (default today); the membership stays in the history',
        params: z.object({ id: RecordId, personId: RecordId }),
        querystring: z.object({ on: IsoDate.optional() }),
        response: { 200: Household, ...ErrorResponses },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const on = request.query.on ?? today();
      return inTransaction(deps.db, async (tx) => {
        const household = await householdInScope(tx, principal, request.params.id, 'people.write');
        const member = await tx
          .selectFrom('household_member as m')
          .innerJoin('person as p', 'p.id', 'm.person_id')
          .select(['m.id', 'm.relation', 'm.joined_on', 'p.id as person_id', 'p.region_code'])
          .where('m.household_id', '=', household.id)
          .where('m.person_id', '=', request.params.personId)
          .where((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>', on)]))
          .forUpdate()
          .executeTakeFirst();
        if (!member) throw notFound('Household member', '该家庭成员');
        if (on < member.joined_on) {
          throw invalidInput([
            fieldError(
              'querystring.on',
              '离开日期不能早于加入日期',
              'The leaving date cannot be before joining',
            ),
          ]);
        }
        await tx
          .updateTable('household_member')
          .set({ left_on: on })
          .where('region_code', '=', household.region_code)
          .where('id', '=', member.id)
          .execute();
        if (member.relation === 'head') {
          await tx
            .updateTable('household')
            .set({ head_person_id: null })
            .where('region_code', '=', household.region_code)
            .where('id', '=', household.id)
            .execute();
        }
        const actor = actorOf(request);
        await recordAudit(tx, actor, {
          action: 'update',
          entity: 'household_member',
          entityId: member.id,
          regionCode: household.region_code,
          detail: { householdId: household.id, fields: ['leftOn'] },
        });
        await auditPerPerson(
          tx,
          actor,
          {
            action: 'update',
            entity: 'household_member',
            entityId: member.id,
            detail: { householdId: household.id, fields: ['leftOn'] },
          },
          [{ id: member.person_id, region_code: member.region_code }],
        );
        return (await loadHousehold(tx, principal, household.id, today())).view;
      });
    },
  );
}
