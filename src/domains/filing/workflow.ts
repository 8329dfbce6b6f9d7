// The filing workflow against the database: load a filing the caller reaches, describe it with its live
// deadlines, and move it through the state machine with the effects an approval has on the facility's record.
import type { Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import { fieldError, notFound, type FieldError } from '../../server/errors.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { loadWorkingCalendar } from '../calendar/queries.ts';
import { addWorkingDays, chinaDate, type WorkingCalendar } from '../calendar/working-days.ts';
import { filingDeadlines, ruleFor, type DeadlineRule, type StepDeadline } from './deadlines.ts';
import { missingDocuments, requiredDocuments } from './documents.ts';
import { facilityTypeProblems, parseFields } from './fields.ts';
import { alreadyFiled, illegalTransition, incomplete, notFiled, reasonsRequired } from './problems.ts';
import {
  eventsOf,
  findFiling,
  liveRecordOf,
  loadDeadlineRules,
  nextFilingNumber,
  timelineOf,
  type EventRow,
  type FilingRow,
} from './queries.ts';
import { reaches, type FilingSide } from './reach.ts';
import { transition, type FilingAction } from './state-machine.ts';
import { documentView, eventView, summaryView, type FilingDetail } from './views.ts';
import type { z } from 'zod';

export interface DeadlineContext {
  rules: DeadlineRule[];
  calendar: WorkingCalendar;
  today: string;
}

export async function deadlineContext(tx: Tx, now: Date): Promise<DeadlineContext> {
  const [rules, calendar] = await Promise.all([loadDeadlineRules(tx), loadWorkingCalendar(tx)]);
  return { rules, calendar, today: chinaDate(now) };
}

export function deadlinesOf(
  row: FilingRow,
  events: readonly EventRow[],
  context: DeadlineContext,
): StepDeadline[] {
  return filingDeadlines(timelineOf(row, events), context.rules, context.calendar, context.today);
}

/**
 * A filing the caller may see, or 404: one they do not reach is indistinguishable from one that does not exist.
 * Reviewers never see a draft: until it is submitted it is the provider's own work.
 */
export async function filingInReach(
  tx: Tx,
  principal: Principal,
  side: FilingSide,
  id: number,
  lock = false,
): Promise<FilingRow> {
  const row = await findFiling(tx, id, lock);
  if (!row || !reaches(principal, side, row) || (side === 'reviewer' && row.submitted_at === null)) {
    throw notFound('Filing', '备案');
  }
  return row;
}

export async function detailOf(
  tx: Tx,
  row: FilingRow,
  side: FilingSide,
  context: DeadlineContext,
): Promise<z.infer<typeof FilingDetail>> {
  const events = (await eventsOf(tx, [row.id])).get(row.id) ?? [];
  const documents = await tx
    .selectFrom('filing_document')
    .select(['id', 'type', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .where('filing_id', '=', row.id)
    .orderBy('id')
    .execute();
  // An initial filing has the number its approval drew; a change or deregistration that of the record it amends.
  const record = await tx
    .selectFrom('filing_record')
    .select('filing_number')
    .where('facility_id', '=', row.facility_id)
    .where('initial_filing_id', row.kind === 'initial' ? '=' : '<', row.id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    ...summaryView(row, deadlinesOf(row, events, context), side),
    fields: row.fields as Record<string, unknown>,
    documents: documents.map(documentView),
    events: events.map(eventView),
    filingNumber: record?.filing_number ?? null,
  };
}

/** Whether a filing may be submitted: fields still valid under today's rules, required documents present. */
async function submissionProblems(tx: Tx, row: FilingRow): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const parsed = parseFields(row.domain, row.kind, row.fields);
  const fieldProblems = parsed.ok
    ? facilityTypeProblems(row.facility_type, row.kind, parsed.value)
    : parsed.problems;
  for (const problem of fieldProblems) {
    problems.push(
      fieldError(`fields.${problem.path}`, `备案内容不符合要求：${problem.message}`, problem.message),
    );
  }
  const present = await tx
    .selectFrom('filing_document')
    .select('type')
    .where('filing_id', '=', row.id)
    .execute();
  const required = requiredDocuments(row.domain, row.kind, row.fields as Record<string, unknown>);
  for (const type of missingDocuments(
    required,
    present.map((document) => document.type),
  )) {
    problems.push(fieldError(`documents.${type}`, '缺少必需的材料', `The ${type} document is missing`));
  }
  return problems;
}

export interface ActionInput {
  principal: Principal;
  actor: Actor;
  side: FilingSide;
  id: number;
  action: FilingAction;
  reasons?: string;
  now: Date;
}

/** Moves a filing one step, with the checks and effects of that step; returns the filing as it now stands. */
export async function performAction(tx: Tx, input: ActionInput): Promise<FilingRow> {
  const row = await filingInReach(tx, input.principal, input.side, input.id, true);
  const reasons = input.reasons?.trim() || null;
  const result = transition(row.status, input.action, input.side, reasons);
  if (!result.ok) {
    if (result.code === 'filing_reasons_required') throw reasonsRequired();
    throw illegalTransition(row.status, input.action);
  }
  const context = await deadlineContext(tx, input.now);
  const { now } = input;
  const today = context.today;

  if (input.action === 'submit' || input.action === 'resubmit') {
    const problems = await submissionProblems(tx, row);
    if (problems.length > 0) throw incomplete(problems);
    const live = await liveRecordOf(tx, row.facility_id);
    if (row.kind === 'initial' && live) throw alreadyFiled();
    if (row.kind !== 'initial' && !live) throw notFiled();
  }

  let deadline: string | null = null;
  const dueAfter = (step: 'receipt' | 'non_compliance_notice', from: string) => {
    const rule = ruleFor(context.rules, { domain: row.domain, step, regionCode: row.region_code, on: from });
    return rule ? addWorkingDays(from, rule.workingDays, context.calendar) : null;
  };
  if (input.action === 'submit' || input.action === 'resubmit') deadline = dueAfter('receipt', today);
  if (input.action === 'receive') deadline = dueAfter('non_compliance_notice', chinaDate(row.submitted_at!));

  const changes = {
    status: result.to,
    updated_at: now,
    ...((input.action === 'submit' || input.action === 'resubmit') && {
      submitted_at: now,
      received_at: null,
      decided_at: null,
    }),
    ...(input.action === 'receive' && { received_at: now }),
    ...(['approve', 'reject', 'notify_non_compliance'].includes(input.action) && { decided_at: now }),
  };
  await tx
    .updateTable('filing')
    .set(changes)
    .where('region_code', '=', row.region_code)
    .where('id', '=', row.id)
    .execute();
  await tx
    .insertInto('filing_event')
    .values({
      region_code: row.region_code,
      filing_id: row.id,
      at: now,
      account_id: input.principal.accountId,
      action: input.action,
      from_status: row.status,
      to_status: result.to,
      reasons,
      deadline,
      published: result.published,
    })
    .execute();

  let recordId: number | null = null;
  if (input.action === 'approve') recordId = await applyApproval(tx, row, today);

  await recordAudit(tx, input.actor, {
    action: 'update',
    entity: 'filing',
    entityId: row.id,
    regionCode: row.region_code,
    detail: {
      action: input.action,
      from: row.status,
      to: result.to,
      facilityId: row.facility_id,
      ...(recordId !== null && { filingRecordId: recordId }),
    },
  });
  return (await findFiling(tx, row.id))!;
}

/** An approval files the facility, replaces its filed data, or ends its filing, by the kind of filing. */
async function applyApproval(tx: Tx, row: FilingRow, today: string): Promise<number> {
  const fields = JSON.stringify(row.fields);
  if (row.kind === 'initial') {
    if (await liveRecordOf(tx, row.facility_id)) throw alreadyFiled();
    const inserted = await tx
      .insertInto('filing_record')
      .values({
        region_code: row.region_code,
        facility_id: row.facility_id,
        organisation_id: row.organisation_id,
        domain: row.domain,
        filing_number: await nextFilingNumber(tx, row.region_code, row.domain, today.slice(0, 4)),
        filed_on: today,
        fields,
        initial_filing_id: row.id,
        last_filing_id: row.id,
        updated_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }
  const live = await liveRecordOf(tx, row.facility_id);
  if (!live) throw notFiled();
  await tx
    .updateTable('filing_record')
    .set(
      row.kind === 'change'
        ? { fields, last_filing_id: row.id, updated_on: today }
        : { last_filing_id: row.id, updated_on: today, deregistered_on: today },
    )
    .where('region_code', '=', live.region_code)
    .where('id', '=', live.id)
    .execute();
  return live.id;
}
