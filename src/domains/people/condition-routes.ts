import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { conflict, guarded, type ConstraintMessage } from './constraint-errors.ts';
import { conditionColumns, conditionView } from './person-detail.ts';
import { chinaDate, conditionEndProblem, conditionProblems } from './rules.ts';
import { Condition, ConditionKind, IsoDate, RecordId } from './schemas.ts';
import { personInScope } from './scope.ts';

const GOVERNMENT = ['government', 'system'] as const;

const OVERLAP: ConstraintMessage = {
  code: 'condition_overlaps',
  path: 'body.validFrom',
  zh: '该人员同一情形的有效期与已有记录重叠',
  en: 'The person already has this condition for part of that period',
};

export function conditionRoutes(api: TypedApi, deps: AppDeps): void {
  api.post(
    '/people/:id/conditions',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['people'],
        summary:
          'Record a condition (特困, 低保, 低收入, 计划生育特殊家庭, disability with grade, dementia) holding from ' +
          'validFrom until the day before validTo; periods of one kind may not overlap',
        params: z.object({ id: RecordId }),
        body: z.object({
          kind: ConditionKind,
          disabilityGrade: z.number().int().min(1).max(4).optional(),
          validFrom: IsoDate,
          validTo: IsoDate.nullable().optional(),
          source: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 201: Condition, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const today = chinaDate(deps.clock());
      const created = await inTransaction(deps.db, async (tx) => {
        const person = await personInScope(tx, request.principal!, request.params.id, 'people.write');
        const problems = conditionProblems(input);
        if (problems.length > 0) throw invalidInput(problems);
        const validTo = input.validTo ?? null;
        const overlapping = await tx
          .selectFrom('person_condition')
          .select('id')
          .where('person_id', '=', person.id)
          .where('kind', '=', input.kind)
          .where(
            sql<boolean>`daterange(valid_from, valid_to, '[)') && daterange(${input.validFrom}::date, ${validTo}::date, '[)')`,
          )
          .executeTakeFirst();
        if (overlapping) throw conflict(OVERLAP);
        const row = await guarded(
          () =>
            tx
              .insertInto('person_condition')
              .values({
                region_code: person.region_code,
                person_id: person.id,
                kind: input.kind,
                disability_grade: input.disabilityGrade ?? null,
                valid_from: input.validFrom,
                valid_to: validTo,
                source: input.source ?? null,
                created_by: request.principal!.accountId,
              })
              .returning(conditionColumns)
              .executeTakeFirstOrThrow(),
          { person_condition_no_overlap: OVERLAP },
        );
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'person_condition',
          entityId: row.id,
          regionCode: person.region_code,
          detail: { personId: person.id, fields: Object.keys(input) },
        });
        return row;
      });
      return reply.status(201).send(conditionView(created, today));
    },
  );

  api.delete(
    '/people/:id/conditions/:conditionId',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.write' } },
      schema: {
        tags: ['people'],
        summary:
          'End a condition: it no longer holds from `on` (default today). The record and its history stay; ' +
          'ending it on its first day marks it as entered in error',
        params: z.object({ id: RecordId, conditionId: RecordId }),
        querystring: z.object({ on: IsoDate.optional() }),
        response: { 200: Condition, ...ErrorResponses },
      },
    },
    async (request) => {
      const today = chinaDate(deps.clock());
      const on = request.query.on ?? today;
      return inTransaction(deps.db, async (tx) => {
        const person = await personInScope(tx, request.principal!, request.params.id, 'people.write');
        const condition = await tx
          .selectFrom('person_condition')
          .select(conditionColumns)
          .where('id', '=', request.params.conditionId)
          .where('person_id', '=', person.id)
          .forUpdate()
          .executeTakeFirst();
        if (!condition) throw notFound('Condition', '该情形');
        const problem = conditionEndProblem({ from: condition.valid_from, to: condition.valid_to }, on);
        if (problem?.status === 400) throw invalidInput([problem.error]);
        if (problem) {
          throw new AppError(409, 'condition_already_ended', problem.error.message, [problem.error]);
        }
        const row = await tx
          .updateTable('person_condition')
          .set({ valid_to: on, ended_by: request.principal!.accountId, ended_at: deps.clock() })
          .where('region_code', '=', person.region_code)
          .where('id', '=', condition.id)
          .returning(conditionColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'person_condition',
          entityId: row.id,
          regionCode: person.region_code,
          detail: {
            personId: person.id,
            fields: ['validTo'],
            ...(condition.valid_to && { replacedEnd: true }),
          },
        });
        return conditionView(row, today);
      });
    },
  );
}
