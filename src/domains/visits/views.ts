// Rows as the API shows them: ID numbers masked, frequencies from the region's settings, open tasks past due overdue.
import { maskIdNumber } from '../../shared/id-number.ts';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { openIdNumber } from '../people/id-number-field.ts';
import { ageOn } from '../people/rules.ts';
import type { RecordRow, RosterRow, TaskRow } from './queries.ts';
import { frequencyOf, settingFor, taskStatus, type SettingRow } from './rules.ts';
import type { FlagView, RosterItemView, RosterReasonName, TaskItemView, VisitRecordView } from './schemas.ts';

export function rosterItem(
  row: RosterRow,
  settingRows: readonly SettingRow[],
  keys: PersonalDataKeys,
  today: string,
): RosterItemView {
  const settings = settingFor(settingRows, row.region_code, today);
  const idNumber = openIdNumber(keys, row.id_number_cipher, row.id_number_key_id);
  return {
    personId: row.person_id,
    regionCode: row.region_code,
    name: row.name,
    maskedIdNumber: idNumber ? maskIdNumber(idNumber) : null,
    age: ageOn(row.birth_date, today),
    address: row.address,
    tier: row.tier,
    frequency: settings ? frequencyOf(row.tier, settings) : 'monthly',
    reasons: row.reasons as RosterReasonName[],
    workerAccountId: row.worker_account_id,
    workerName: row.worker_name,
    since: row.since,
    consentNote: row.consent_note,
    homeLocationKnown: row.home_known,
    override:
      row.override_include === null
        ? null
        : { include: row.override_include, reason: row.override_reason ?? '' },
  };
}

export function taskItem(row: TaskRow, today: string): TaskItemView {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    regionCode: row.region_code,
    address: row.address,
    phoneMasked: null,
    tier: row.tier,
    kind: row.kind,
    reason: row.reason,
    periodStart: row.period_start,
    dueOn: row.due_on,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    // Cancelled tasks are never selected for display.
    status: taskStatus(row.status, row.due_on, today) as TaskItemView['status'],
    lastVisitOn: row.last_visit_on,
    workerAccountId: row.assignee_account_id,
    workerName: row.worker_name,
  };
}

export function recordView(row: RecordRow): VisitRecordView {
  return {
    id: row.id,
    clientId: row.client_id,
    taskId: row.task_id,
    personId: row.person_id,
    personName: row.person_name,
    regionCode: row.region_code,
    mode: row.mode,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at.toISOString(),
    visitedOn: row.visited_on,
    distanceMeters: row.distance_m,
    checklist: row.checklist as VisitRecordView['checklist'],
    notes: row.notes,
    risks: row.risks,
    referrals: row.referrals,
    nextDueOn: row.next_due_on,
    flags: row.flags as FlagView[],
    status: row.status,
    workerAccountId: row.worker_account_id,
    workerName: row.worker_name,
    recordedAt: row.recorded_at.toISOString(),
    reviewedBy: row.reviewer_name,
    reviewedAt: row.reviewed_at ? row.reviewed_at.toISOString() : null,
    rejectionReason: row.rejection_reason,
  };
}
