import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { assertInScope } from '../../server/access.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { auditPersonReads } from '../people/audit.ts';
import { chinaDate } from '../people/dates.ts';
import { recordEvent } from './events.ts';
import { generateTasks } from './generate.ts';
import { findTask, listTasks, myTasks, type TaskRow } from './queries.ts';
import { listPrefixes, reaches, visitReach } from './reach.ts';
import { GOVERNMENT, requireWorkerFor } from './roster-routes.ts';
import { addDays } from './rules.ts';
import {
  EventBody,
  GenerateBody,
  GenerateResult,
  MyTasksQuery,
  ReassignBody,
  RecordId,
  TaskItem,
  TaskList,
  TasksQuery,
} from './schemas.ts';
import { taskItem } from './views.ts';

const readsOf = (rows: TaskRow[]) => rows.map((row) => ({ id: row.person_id, region_code: row.region_code }));

export function taskRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());

  api.get(
    '/visits/tasks/mine',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.record' } },
      schema: {
        tags: ['visits'],
        summary:
          "The caller's visit tasks due between from and to (default: this Monday–Sunday week), and every earlier " +
          'task still open (overdue). Audited per person shown',
        querystring: MyTasksQuery,
        response: { 200: TaskList, ...ErrorResponses },
      },
    },
    async (request) => {
      const now = today();
      const monday = addDays(now, -((new Date(`${now}T00:00:00Z`).getUTCDay() + 6) % 7));
      const from = request.query.from ?? monday;
      const to = request.query.to ?? addDays(monday, 6);
      return inTransaction(deps.db, async (tx) => {
        const rows = await myTasks(tx, request.principal!.accountId, from, to);
        await auditPersonReads(tx, actorOf(request), readsOf(rows), { view: 'visits.tasks.mine' });
        return { items: rows.map((row) => taskItem(row, now)), total: rows.length };
      });
    },
  );

  api.get(
    '/visits/tasks',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.read' } },
      schema: {
        tags: ['visits'],
        summary:
          'Visit tasks of a region subtree (status open, done or overdue), with the responsible worker; the ' +
          'community and the district see overdue work here. Audited per person shown',
        querystring: TasksQuery,
        response: { 200: TaskList, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.read');
      const prefixes = listPrefixes(reach, request.query.regionCode);
      const now = today();
      return inTransaction(deps.db, async (tx) => {
        const rows = await listTasks(tx, reach, prefixes, { ...request.query, today: now });
        await auditPersonReads(tx, actorOf(request), readsOf(rows), { view: 'visits.tasks' });
        return { items: rows.map((row) => taskItem(row, now)), total: rows[0]?.total ?? 0 };
      });
    },
  );

  api.post(
    '/visits/tasks/:id/reassign',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.manage' } },
      schema: {
        tags: ['visits'],
        summary: 'Give an open visit task to another community worker of the target’s community',
        params: z.object({ id: RecordId }),
        body: ReassignBody,
        response: { 200: TaskItem, ...ErrorResponses },
      },
    },
    async (request) => {
      const reach = visitReach(request.principal!, 'visits.manage');
      return inTransaction(deps.db, async (tx) => {
        const task = await findTask(tx, request.params.id);
        if (!task || task.status === 'cancelled' || !reaches(reach, task.region_code, null)) {
          throw notFound('Visit task', '探访任务');
        }
        if (task.status === 'done') {
          throw new AppError(409, 'task_done', {
            'zh-CN': '该任务已完成，不能改派',
            'en-US': 'The task is done and cannot be reassigned',
          });
        }
        await requireWorkerFor(tx, request.body.workerAccountId, task.region_code, 'body.workerAccountId');
        await tx
          .updateTable('visit_task')
          .set({ assignee_account_id: request.body.workerAccountId })
          .where('region_code', '=', task.region_code)
          .where('id', '=', task.id)
          .execute();
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'visit_task',
          entityId: task.id,
          regionCode: task.region_code,
          detail: { personId: task.person_id, workerAccountId: request.body.workerAccountId },
        });
        return taskItem((await findTask(tx, task.id))!, today());
      });
    },
  );

  api.post(
    '/visits/tasks/generate',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.manage' } },
      schema: {
        tags: ['visits'],
        summary:
          "Create a month's regular visit tasks for every target of a region subtree, due by their tier's " +
          'frequency (weekly, monthly, quarterly); running it again adds nothing',
        body: GenerateBody,
        response: { 200: GenerateResult, ...ErrorResponses },
      },
    },
    async (request) => {
      const { regionCode, month } = request.body;
      assertInScope(request.principal!, 'visits.manage', regionCode);
      return inTransaction(deps.db, async (tx) => {
        const created = await generateTasks(tx, regionCode, month);
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'visit_task',
          regionCode,
          detail: { month, created },
        });
        return { created, month, regionCode };
      });
    },
  );

  api.post(
    '/visits/events',
    {
      config: { access: { principals: GOVERNMENT, permission: 'visits.record' } },
      schema: {
        tags: ['visits'],
        summary:
          'Report a major change (hospital discharge, bereavement, an alarm): creates an extra visit task due ' +
          'within 24 hours of when it happened (the city setting)',
        body: EventBody,
        response: { 201: TaskItem, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const reach = visitReach(request.principal!, 'visits.record');
      const task = await inTransaction(deps.db, async (tx) => {
        const id = await recordEvent(tx, actorOf(request), reach, request.body, deps.clock());
        return (await findTask(tx, id))!;
      });
      return reply.status(201).send(taskItem(task, today()));
    },
  );
}
