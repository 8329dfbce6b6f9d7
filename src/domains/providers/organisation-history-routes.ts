import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { auditedFieldHistory } from '../audit/field-history.ts';
import { OrganisationHistory } from './history.ts';
import type { OrganisationHistoryField } from './tables.ts';
import { organisationInReach } from './organisation-routes.ts';
import { SIDES } from './reach.ts';
import { IdParams } from './schemas.ts';

/** Who changed which of an organisation's fields when, from what to what; the read is audited like the record's. */
export function organisationHistoryRoutes(api: TypedApi, deps: AppDeps): void {
  for (const side of ['government', 'provider'] as const) {
    const { prefix, read } = SIDES[side];
    api.get(
      `${prefix}/organisations/:id/history`,
      {
        config: { access: read },
        schema: {
          tags: ['providers'],
          summary:
            side === 'government'
              ? "The history of an organisation's fields in the caller's region, newest first (audited)"
              : "The history of one's own organisation's fields, newest first (audited)",
          params: IdParams,
          response: { 200: OrganisationHistory, ...ErrorResponses },
        },
      },
      async (request) =>
        auditedFieldHistory<OrganisationHistoryField>(
          deps.db,
          actorOf(request),
          'organisation_change',
          (tx) => organisationInReach(tx, request.principal!, side, request.params.id, 'read'),
        ),
    );
  }
}
