// A major change in a target's life (hospital discharge, bereavement, an alarm) owes them an extra visit within
// the city's hours (24).
import type { Tx } from '../../db/database.ts';
import { fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { chinaDate } from '../people/dates.ts';
import { reaches, type VisitReach } from './reach.ts';
import { extraVisitDue } from './rules.ts';
import type { EventKindName } from './tables.ts';
import { settingsFor } from './settings.ts';

export interface EventInput {
  personId: number;
  kind: EventKindName;
  occurredAt: string;
  note?: string;
}

/** Records the event and creates its extra task; returns the task id. */
export async function recordEvent(tx: Tx, actor: Actor, reach: VisitReach, input: EventInput, now: Date) {
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime() + 10 * 60_000) {
    throw invalidInput([
      fieldError('body.occurredAt', '发生时间不能晚于当前时间', 'The event cannot lie in the future'),
    ]);
  }
  const target = await tx
    .selectFrom('visit_target')
    .select(['region_code', 'person_id', 'on_roster', 'worker_account_id', 'tier'])
    .where('person_id', '=', input.personId)
    .executeTakeFirst();
  if (!target || !target.on_roster || !reaches(reach, target.region_code, target.worker_account_id)) {
    // Out-of-reach targets look exactly like absent ones.
    throw notFound('Visit target', '探访对象');
  }
  const settings = await settingsFor(tx, target.region_code, chinaDate(occurredAt));
  const dueAt = extraVisitDue(occurredAt, settings);
  const event = await tx
    .insertInto('visit_event')
    .values({
      region_code: target.region_code,
      person_id: target.person_id,
      kind: input.kind,
      occurred_at: occurredAt,
      note: input.note ?? null,
      recorded_by: actor.principal!.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await tx
    .insertInto('visit_task')
    .values({
      region_code: target.region_code,
      person_id: target.person_id,
      kind: 'extra',
      tier: target.tier,
      period_start: chinaDate(occurredAt),
      due_on: chinaDate(dueAt),
      due_at: dueAt,
      event_id: event.id,
      reason: input.kind,
      assignee_account_id: target.worker_account_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'visit_event',
    entityId: event.id,
    regionCode: target.region_code,
    detail: { personId: target.person_id, kind: input.kind, taskId: task.id },
  });
  return task.id;
}
