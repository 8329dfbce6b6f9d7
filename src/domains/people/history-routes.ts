import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { auditedFieldHistory, fieldHistoryAnswer } from '../audit/field-history.ts';
import { IdParams } from './schemas.ts';
import { personInScope } from './scope.ts';
import { PERSON_HISTORY_FIELDS, type PersonHistoryField } from './tables.ts';

const GOVERNMENT = ['government', 'system'] as const;

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
        response: { 200: fieldHistoryAnswer(PERSON_HISTORY_FIELDS), ...ErrorResponses },
      },
    },
    async (request) =>
      auditedFieldHistory<PersonHistoryField>(deps.db, actorOf(request), 'person_change', (tx) =>
        personInScope(tx, request.principal!, request.params.id, 'people.read'),
      ),
  );
}
