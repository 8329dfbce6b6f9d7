import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { FieldChange } from './history.ts';
import { IdParams } from './schemas.ts';
import { personInScope } from './scope.ts';
import { PERSON_HISTORY_FIELDS } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;

const HistoryEntry = z.object({
  changedAt: z.string(),
  /** Who made the change; null for changes made by the platform itself (an intake run without an account). */
  changedBy: z.object({ accountId: z.number().int(), displayName: z.string() }).nullable(),
  field: z.enum(PERSON_HISTORY_FIELDS),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});

/** Records an edit's changed fields in the person's history, in the edit's own transaction. */
export async function recordPersonChanges(
  tx: Tx,
  actor: Actor,
  person: { id: number; region_code: string },
  changedAt: Date,
  changes: FieldChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx
    .insertInto('person_change')
    .values(
      changes.map((change) => ({
        region_code: person.region_code,
        person_id: person.id,
        changed_at: changedAt,
        account_id: actor.principal?.accountId ?? null,
        field: change.field,
        old_value: change.oldValue,
        new_value: change.newValue,
      })),
    )
    .execute();
}

export function personHistoryRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/people/:id/history',
    {
      config: { access: { principals: GOVERNMENT, permission: 'people.read' } },
      schema: {
        tags: ['people'],
        summary:
          "The history of a person's fields, newest first: who changed which field when, from what to what " +
          '(the ID number never changes by an edit, so no value is an ID number); the read is audited',
        params: IdParams,
        response: {
          200: z.object({ registeredAt: z.string(), changes: z.array(HistoryEntry) }),
          ...ErrorResponses,
        },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const row = await personInScope(tx, request.principal!, request.params.id, 'people.read');
        const [person, changes] = await Promise.all([
          tx
            .selectFrom('person')
            .select('created_at')
            .where('region_code', '=', row.region_code)
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow(),
          tx
            .selectFrom('person_change')
            .leftJoin('account', 'account.id', 'person_change.account_id')
            .select([
              'person_change.changed_at',
              'person_change.account_id',
              'account.display_name',
              'person_change.field',
              'person_change.old_value',
              'person_change.new_value',
            ])
            .where('person_change.region_code', '=', row.region_code)
            .where('person_change.person_id', '=', row.id)
            .orderBy('person_change.changed_at', 'desc')
            .orderBy('person_change.id', 'desc')
            .limit(500)
            .execute(),
        ]);
        await recordAudit(tx, actorOf(request), {
          action: 'read',
          entity: 'person',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { history: true },
        });
        return {
          registeredAt: person.created_at.toISOString(),
          changes: changes.map((change) => ({
            changedAt: change.changed_at.toISOString(),
            changedBy:
              change.account_id === null
                ? null
                : { accountId: Number(change.account_id), displayName: change.display_name ?? '' },
            field: change.field,
            oldValue: change.old_value,
            newValue: change.new_value,
          })),
        };
      }),
  );
}
