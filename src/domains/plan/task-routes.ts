// Key tasks of a plan (辽宁 lists 37) with lead and participating departments, deadlines and dated progress
// reports. Tasks belong to the plan's region: only officers whose scope covers it record them.
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { assertInScope, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { IdParams, IsoDate } from '../providers/schemas.ts';
import { findPlan } from './evaluate.ts';

const GOVERNMENT = ['government', 'system'] as const;
const WRITE = { principals: GOVERNMENT, permission: 'population.write' } as const;
const Department = z.string().trim().min(1).max(100);

const TaskInput = z.object({
  number: z.number().int().min(1).max(10_000),
  title: z.string().trim().min(1).max(1000),
  leadDepartments: z.array(Department).min(1).max(20),
  participatingDepartments: z.array(Department).max(50).default([]),
  deadline: IsoDate.nullable().optional(),
});
const ProgressInput = z.object({
  reportedOn: IsoDate,
  status: z.enum(['not_started', 'in_progress', 'done', 'delayed']),
  report: z.string().trim().min(1).max(4000),
});
const TaskParams = IdParams.extend({ number: z.coerce.number().int().min(1).max(10_000) });
const Created = z.object({ id: z.number().int() });

async function writablePlan(tx: Tx, principal: Principal, id: number) {
  const plan = await findPlan(tx, id);
  if (!plan) throw notFound('Plan', '规划');
  assertInScope(principal, 'population.write', plan.region_code);
  return plan;
}

export function taskRoutes(api: TypedApi, deps: AppDeps): void {
  api.post(
    '/plans/:id/tasks',
    {
      config: { access: WRITE },
      schema: {
        tags: ['plan'],
        summary: 'Record a key task of a plan with its lead and participating departments',
        params: IdParams,
        body: TaskInput,
        response: { 201: Created, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await inTransaction(deps.db, async (tx) => {
        const plan = await writablePlan(tx, request.principal!, request.params.id);
        const existing = await tx
          .selectFrom('plan_task')
          .select('id')
          .where('plan_id', '=', plan.id)
          .where('number', '=', body.number)
          .executeTakeFirst();
        if (existing) {
          throw new AppError(
            409,
            'task_number_taken',
            { 'zh-CN': '该规划已有此编号的任务', 'en-US': 'The plan already has a task with this number' },
            [fieldError('body.number', '编号已存在', 'Number taken')],
          );
        }
        const task = await tx
          .insertInto('plan_task')
          .values({
            region_code: plan.region_code,
            plan_id: plan.id,
            number: body.number,
            title: body.title,
            lead_departments: body.leadDepartments,
            participating_departments: body.participatingDepartments,
            deadline: body.deadline ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'plan_task',
          entityId: task.id,
          regionCode: plan.region_code,
          detail: { planId: plan.id, number: body.number },
        });
        return task;
      });
      return reply.code(201).send(created);
    },
  );

  api.post(
    '/plans/:id/tasks/:number/progress',
    {
      config: { access: WRITE },
      schema: {
        tags: ['plan'],
        summary: 'Report dated progress on a key task',
        params: TaskParams,
        body: ProgressInput,
        response: { 201: Created, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await inTransaction(deps.db, async (tx) => {
        const plan = await writablePlan(tx, request.principal!, request.params.id);
        const task = await tx
          .selectFrom('plan_task')
          .select(['id', 'region_code'])
          .where('plan_id', '=', plan.id)
          .where('number', '=', request.params.number)
          .executeTakeFirst();
        if (!task) throw notFound('Task', '任务');
        if (body.reportedOn > chinaDate(deps.clock())) {
          throw invalidInput([
            fieldError('body.reportedOn', '日期不能晚于今天', 'The date cannot be in the future'),
          ]);
        }
        const progress = await tx
          .insertInto('plan_task_progress')
          .values({
            region_code: task.region_code,
            task_id: task.id,
            reported_on: body.reportedOn,
            status: body.status,
            report: body.report,
            reported_by: request.principal!.accountId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'plan_task_progress',
          entityId: progress.id,
          regionCode: task.region_code,
          detail: { taskId: task.id, status: body.status },
        });
        return progress;
      });
      return reply.code(201).send(created);
    },
  );
}
