import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { assertInScope, inScope, regionScope } from '../../server/access.ts';
import { fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { auditPersonReads } from '../people/audit.ts';
import { chinaDate } from '../people/dates.ts';
import { findPerson } from '../people/queries.ts';
import { findTarget, listRoster, listWorkers, lockTarget } from './queries.ts';
import { listPrefixes, reaches, visitReach } from './reach.ts';
import { syncRoster } from './roster.ts';
import {
  OverrideBody,
  RecordId,
  RosterItem,
  RosterList,
  RosterPatch,
  RosterQuery,
  RosterSyncBody,
  RosterSyncResult,
  WorkerList,
} from './schemas.ts';
import { loadSettingRows } from './settings.ts';
import { topUpMonthTasks } from './topup.ts';
import { rosterItem } from './views.ts';

export const GOVERNMENT = ['government', 'system'] as const;

/** A worker may take a target only inside the community (or enclosing region) the worker is bound to. */
export async function requireWorkerFor(tx: Tx, accountId: number, regionCode: string, path: string) {
  const worker = await sql<{ account_id: number }>`
    SELECT ar.account_id FROM account_role ar JOIN account a ON a.id = ar.account_id AND a.disabled_at IS NULL
     WHERE ar.account_id = ${accountId}::bigint AND ar.role = 'community_worker'
       AND ${regionCode} LIKE ar.region_code || '%'
     LIMIT 1
  `.execute(tx);
  if (worker.rows.length === 0) {
    throw invalidInput([
      fieldError(
        path,
        '该账号不是此社区的社区工作者',
        'This account is not a community worker of that community',
      ),
    ]);
  }
}

export function rosterRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());

  api.get(
    '/visits/roster',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.read' } },
      schema: {
        tags: ['visits'],
        summary:
          'Caring-visit targets (探访关爱对象) of a region subtree with tier, frequency, reasons and worker; a ' +
          'community worker sees only its own targets. ID numbers masked; the read is audited per person',
        querystring: RosterQuery,
        response: { 200: RosterList, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.read');
      const prefixes = listPrefixes(reach, request.query.regionCode);
      return inTransaction(deps.db, async (tx) => {
        const rows = await listRoster(tx, reach, prefixes, request.query);
        const settingRows = await loadSettingRows(tx);
        await auditPersonReads(
          tx,
          actorOf(request),
          rows.map((row) => ({ id: row.person_id, region_code: row.region_code })),
          { view: 'visits.roster' },
        );
        return {
          items: rows.map((row) => rosterItem(row, settingRows, deps.keys, today())),
          total: rows[0]?.total ?? 0,
        };
      });
    },
  );

  api.post(
    '/visits/roster/overrides',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.manage' } },
      schema: {
        tags: ['visits'],
        summary:
          'Override the roster rules for one person with a reason: include (optionally at a tier) or exclude. ' +
          'Replaces any earlier override; entering or leaving the roster is written as history. Someone who enters ' +
          "gets this month's regular tasks at once when the month's tasks were already generated (tasksAdded)",
        body: OverrideBody,
        response: {
          200: z.object({
            personId: z.number().int(),
            onRoster: z.boolean(),
            item: RosterItem.nullable(),
            tasksAdded: z.number().int(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const body = request.body;
      const principal = request.principal!;
      return inTransaction(deps.db, async (tx) => {
        const person = await findPerson(tx, body.personId);
        if (!person || !inScope(regionScope(principal, 'visits.manage'), person.region_code)) {
          throw notFound('Person', '人员');
        }
        await tx
          .updateTable('visit_roster_override')
          .set({ revoked_at: deps.clock(), revoked_by: principal.accountId })
          .where('person_id', '=', person.id)
          .where('revoked_at', 'is', null)
          .execute();
        await tx
          .insertInto('visit_roster_override')
          .values({
            region_code: person.region_code,
            person_id: person.id,
            include: body.include,
            tier: body.include ? (body.tier ?? null) : null,
            reason: body.reason,
            created_by: principal.accountId,
          })
          .execute();
        const synced = await syncRoster(tx, person.region_code, today(), principal.accountId, person.id);
        // Scoped to the person's own community: generation there adds only what the newcomer is owed.
        const tasksAdded = await topUpMonthTasks(tx, person.region_code, today(), synced.entered);
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'visit_roster_override',
          entityId: person.id,
          regionCode: person.region_code,
          detail: { personId: person.id, include: body.include, tier: body.tier ?? null, tasksAdded },
        });
        const target = await findTarget(tx, person.id);
        const onRoster = target !== undefined && body.include;
        return {
          personId: person.id,
          onRoster,
          item: onRoster ? rosterItem(target, await loadSettingRows(tx), deps.keys, today()) : null,
          tasksAdded,
        };
      });
    },
  );

  api.put(
    '/visits/roster/:personId',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.manage' } },
      schema: {
        tags: ['visits'],
        summary:
          "Set a target's responsible worker, tier (with the reason it differs from the rules), consent note, or " +
          'home coordinates (the reference for the far-from-home check)',
        params: z.object({ personId: RecordId }),
        body: RosterPatch,
        response: { 200: RosterItem, ...ErrorResponses },
      },
    },
    async (request) => {
      const body = request.body;
      const principal = request.principal!;
      const reach = visitReach(principal, 'visits.manage');
      return inTransaction(deps.db, async (tx) => {
        const target = await lockTarget(tx, request.params.personId);
        if (!target || !target.on_roster || !reaches(reach, target.region_code, null)) {
          throw notFound('Visit target', '探访对象');
        }
        if (body.tier !== undefined && body.tier !== target.rule_tier && !body.tierReason) {
          throw invalidInput([
            fieldError(
              'body.tierReason',
              '调整风险等级须说明理由',
              'A tier other than the rules’ needs a reason',
            ),
          ]);
        }
        if (body.workerAccountId) {
          await requireWorkerFor(tx, body.workerAccountId, target.region_code, 'body.workerAccountId');
        }
        const tierBack = body.tier !== undefined && body.tier === target.rule_tier;
        await tx
          .updateTable('visit_target')
          .set({
            ...(body.workerAccountId !== undefined && { worker_account_id: body.workerAccountId }),
            ...(body.consentNote !== undefined && { consent_note: body.consentNote }),
            ...(body.homeLocation !== undefined && {
              home_lat: body.homeLocation?.lat ?? null,
              home_lng: body.homeLocation?.lng ?? null,
            }),
            ...(body.tier !== undefined && {
              tier: body.tier,
              tier_override_reason: tierBack ? null : body.tierReason!,
              tier_override_by: tierBack ? null : principal.accountId,
            }),
            updated_at: deps.clock(),
          })
          .where('region_code', '=', target.region_code)
          .where('person_id', '=', target.person_id)
          .execute();
        if (body.workerAccountId !== undefined) {
          // Open tasks follow the target to its new worker.
          await tx
            .updateTable('visit_task')
            .set({ assignee_account_id: body.workerAccountId })
            .where('person_id', '=', target.person_id)
            .where('status', '=', 'open')
            .execute();
        }
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'visit_target',
          entityId: target.person_id,
          regionCode: target.region_code,
          detail: { personId: target.person_id, fields: Object.keys(body) },
        });
        const row = (await findTarget(tx, target.person_id))!;
        return rosterItem(row, await loadSettingRows(tx), deps.keys, today());
      });
    },
  );

  api.post(
    '/visits/roster/sync',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.manage' } },
      schema: {
        tags: ['visits'],
        summary:
          'Apply the roster rules to a region subtree today: elders who now qualify enter the roster, those who no ' +
          'longer do leave it (with the reason), tiers follow the rules unless staff set one. Those who enter get ' +
          "this month's regular tasks at once when the month's tasks were already generated (tasksAdded)",
        body: RosterSyncBody,
        response: { 200: RosterSyncResult, ...ErrorResponses },
      },
    },
    async (request) => {
      assertInScope(request.principal!, 'visits.manage', request.body.regionCode);
      return inTransaction(deps.db, async (tx) => {
        const synced = await syncRoster(tx, request.body.regionCode, today(), request.principal!.accountId);
        const result = {
          ...synced,
          tasksAdded: await topUpMonthTasks(tx, request.body.regionCode, today(), synced.entered),
        };
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'visit_roster',
          regionCode: request.body.regionCode,
          detail: { ...result },
        });
        return result;
      });
    },
  );

  api.get(
    '/visits/workers',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.manage' } },
      schema: {
        tags: ['visits'],
        summary: 'Community workers of a region subtree: who targets and tasks can be given to',
        querystring: z.object({ regionCode: RosterQuery.shape.regionCode }),
        response: { 200: WorkerList, ...ErrorResponses },
      },
    },
    async (request) => {
      const prefixes = listPrefixes(
        visitReach(request.principal!, 'visits.manage'),
        request.query.regionCode,
      );
      const rows = await listWorkers(deps.db, prefixes);
      return {
        items: rows.map((row) => ({
          accountId: row.account_id,
          name: row.name,
          regionCode: row.region_code,
        })),
      };
    },
  );
}
