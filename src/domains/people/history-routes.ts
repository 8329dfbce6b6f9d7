import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { historyEntry, readFieldHistory } from '../audit/field-history.ts';
import { recordAudit } from '../audit/record.ts';
import { IdParams } from './schemas.ts';
import { personInScope } from './scope.ts';
import { PERSON_HISTORY_FIELDS, type PersonHistoryField } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;

const HistoryEntry = historyEntry(PERSON_HISTORY_FIELDS);

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
          readFieldHistory<PersonHistoryField>(tx, 'person_change', row),
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
          changes,
        };
      }),
  );
}
