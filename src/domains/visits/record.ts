// Recording a visit (idempotent on the client's id, so an offline resubmission never makes a second record), and
// a supervisor's verification or rejection: only verified visits count.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { AppError, fieldError, invalidInput, notFound } from '../../server/errors.ts';
import type { Actor } from '../audit/record.ts';
import { recordAudit } from '../audit/record.ts';
import { chinaDate } from '../people/dates.ts';
import { findRecord, type RecordRow } from './queries.ts';
import { reaches, type VisitReach } from './reach.ts';
import { insertVisit, visitContext } from './record-queries.ts';
import { distanceMeters, settingFor, visitFlags } from './rules.ts';
import type { RecordInput } from './schemas.ts';

/** How far ahead of the server's clock a phone's clock may run before a visit counts as "in the future". */
const CLOCK_SKEW_MS = 10 * 60_000;

const clientIdTaken = () =>
  new AppError(409, 'client_id_taken', {
    'zh-CN': '该提交编号已用于另一条探访记录',
    'en-US': 'This clientId already belongs to another visit record',
  });

/**
 * Records a visit. Returns the record and whether it was created now (201) or had already arrived under the same
 * clientId (200, the very same record). Two statements, on `db` without an enclosing transaction: the write (record,
 * task, audit entry) is one statement and so one transaction, and the read before it takes no locks, so BEGIN and
 * COMMIT around both would cost two round trips of the busiest write and guarantee nothing more. What may change in
 * between is settled by the write itself: a task done meanwhile stays done, a clientId taken meanwhile wins.
 */
export async function recordVisit(
  db: Db | Tx,
  actor: Actor,
  reach: VisitReach,
  input: RecordInput,
  now: Date,
): Promise<{ record: RecordRow; created: boolean }> {
  const accountId = actor.principal!.accountId;
  const startedAt = new Date(input.startedAt);
  const endedAt = new Date(input.endedAt);
  const problems = [];
  if (endedAt < startedAt) {
    problems.push(
      fieldError('body.endedAt', '结束时间不能早于开始时间', 'The visit cannot end before it started'),
    );
  }
  if (endedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    problems.push(
      fieldError('body.endedAt', '探访时间不能晚于当前时间', 'A visit cannot be recorded ahead of time'),
    );
  }
  if (input.location && input.mode !== 'door') {
    problems.push(
      fieldError('body.location', '仅入户探访可提交位置', 'Only a door visit may carry a location'),
    );
  }
  if (problems.length > 0) throw invalidInput(problems);

  const visitedOn = chinaDate(startedAt);
  const { earlier, target, task, settings: settingRows } = await visitContext(db, input, visitedOn);
  const sameClient = async (found: { worker_account_id: number; person_id: number; id: number }) => {
    if (found.worker_account_id !== accountId || found.person_id !== input.personId) throw clientIdTaken();
    return { record: (await findRecord(db, { id: found.id }))!, created: false };
  };
  if (earlier) return sameClient(earlier);
  if (!target || !target.on_roster || !reaches(reach, target.region_code, target.worker_account_id)) {
    // Out-of-reach targets look exactly like absent ones.
    throw notFound('Visit target', '探访对象');
  }
  if (input.taskId && !task) {
    throw invalidInput([fieldError('body.taskId', '该对象没有这项探访任务', 'The target has no such task')]);
  }

  const settings = settingFor(settingRows, target.region_code, visitedOn);
  if (!settings) throw new Error(`no caring-visit setting applies to ${target.region_code} on ${visitedOn}`);
  const home =
    target.home_lat !== null && target.home_lng !== null
      ? { lat: target.home_lat, lng: target.home_lng }
      : null;
  const distanceM =
    input.mode === 'door' && input.location && home ? distanceMeters(home, input.location) : null;
  const flags = visitFlags(
    {
      mode: input.mode,
      distanceM,
      homeKnown: home !== null,
      locationGiven: input.location !== undefined,
      visitedOn,
      startedAt,
      task: task
        ? {
            periodStart: task.period_start,
            dueOn: task.due_on,
            dueAt: task.due_at ? new Date(task.due_at) : null,
          }
        : null,
      offSiteReason: input.offSiteReason ?? null,
      offScheduleReason: input.offScheduleReason ?? null,
    },
    settings,
  );
  const record = await insertVisit(db, actor, input, {
    regionCode: target.region_code,
    taskId: task?.id ?? null,
    visitedOn,
    distanceM,
    flags,
  });
  if (record) return { record, created: true };
  // The same visit arrived twice at once: the other request's record is the one.
  const raced = await findRecord(db, { clientId: input.clientId });
  if (!raced) throw clientIdTaken();
  return sameClient(raced);
}

const notPending = () =>
  new AppError(409, 'visit_already_reviewed', {
    'zh-CN': '该探访记录已审核',
    'en-US': 'This visit record has already been reviewed',
  });

async function pendingRecord(tx: Tx, reach: VisitReach, id: number) {
  const row = await tx
    .selectFrom('visit_record')
    .select(['id', 'region_code', 'person_id', 'status', 'task_id', 'visited_on', 'worker_account_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || !reaches(reach, row.region_code, row.worker_account_id))
    throw notFound('Visit record', '探访记录');
  if (row.status !== 'pending') throw notPending();
  return row;
}

/** Verifies a visit: from now on it counts towards its month's rate (verification is final). */
export async function verifyVisit(tx: Tx, actor: Actor, reach: VisitReach, id: number, now: Date) {
  const row = await pendingRecord(tx, reach, id);
  await tx
    .updateTable('visit_record')
    .set({ status: 'verified', reviewed_by: actor.principal!.accountId, reviewed_at: now })
    .where('region_code', '=', row.region_code)
    .where('id', '=', row.id)
    .execute();
  await sql`
    INSERT INTO visit_month_visited (region_code, person_id, month, record_id)
    VALUES (${row.region_code}, ${row.person_id}::bigint, date_trunc('month', ${row.visited_on}::date)::date, ${row.id}::bigint)
    ON CONFLICT DO NOTHING
  `.execute(tx);
  await recordAudit(tx, actor, {
    action: 'update',
    entity: 'visit_record',
    entityId: row.id,
    regionCode: row.region_code,
    detail: { personId: row.person_id, status: 'verified' },
  });
  return (await findRecord(tx, { id: row.id }))!;
}

/** Rejects a visit with the reason; its task is owed again. */
export async function rejectVisit(
  tx: Tx,
  actor: Actor,
  reach: VisitReach,
  id: number,
  reason: string,
  now: Date,
) {
  const row = await pendingRecord(tx, reach, id);
  await tx
    .updateTable('visit_record')
    .set({
      status: 'rejected',
      reviewed_by: actor.principal!.accountId,
      reviewed_at: now,
      rejection_reason: reason,
    })
    .where('region_code', '=', row.region_code)
    .where('id', '=', row.id)
    .execute();
  if (row.task_id !== null) {
    await tx
      .updateTable('visit_task')
      .set({ status: 'open', done_record_id: null })
      .where('region_code', '=', row.region_code)
      .where('id', '=', row.task_id)
      .where('done_record_id', '=', row.id)
      .execute();
  }
  await recordAudit(tx, actor, {
    action: 'update',
    entity: 'visit_record',
    entityId: row.id,
    regionCode: row.region_code,
    detail: { personId: row.person_id, status: 'rejected' },
  });
  return (await findRecord(tx, { id: row.id }))!;
}
