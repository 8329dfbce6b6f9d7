// A staff member's field history (staff_change), following the organisation's: written in each edit's
// transaction, read with the member under the member's own permission and reach.
import type { Tx } from '../../db/database.ts';
import { fieldChanges, type FieldChange } from '../../shared/field-changes.ts';
import type { Actor } from '../audit/record.ts';
import { historyEntry, historyEntryView, HISTORY_LIMIT } from '../providers/history.ts';
import { STAFF_HISTORY_FIELDS, type StaffHistoryField } from './tables.ts';
import type { StaffRow } from './views.ts';

export const STAFF_COLUMNS: [StaffHistoryField, keyof StaffRow][] = [
  ['regionCode', 'region_code'],
  ['facilityId', 'facility_id'],
  ['domain', 'domain'],
  ['name', 'name'],
  ['role', 'role'],
  ['employedFrom', 'employed_from'],
  ['employedTo', 'employed_to'],
];

export const StaffHistoryEntry = historyEntry(STAFF_HISTORY_FIELDS);

export function staffChanges(before: StaffRow, after: StaffRow): FieldChange<StaffHistoryField>[] {
  return fieldChanges(STAFF_COLUMNS, before, after);
}

/** Records an edit's changed fields in the member's history, in the edit's own transaction. */
export async function recordStaffChanges(
  tx: Tx,
  actor: Actor,
  member: { id: number; region_code: string },
  changedAt: Date,
  changes: FieldChange<StaffHistoryField>[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx
    .insertInto('staff_change')
    .values(
      changes.map((change) => ({
        region_code: member.region_code,
        staff_id: member.id,
        changed_at: changedAt,
        account_id: actor.principal?.accountId ?? null,
        field: change.field,
        old_value: change.oldValue,
        new_value: change.newValue,
      })),
    )
    .execute();
}

/** The member's changes, newest first. */
export async function staffHistory(tx: Tx, member: { id: number; region_code: string }) {
  const rows = await tx
    .selectFrom('staff_change as c')
    .leftJoin('account', 'account.id', 'c.account_id')
    .select(['c.changed_at', 'c.account_id', 'account.display_name', 'c.field', 'c.old_value', 'c.new_value'])
    .where('c.region_code', '=', member.region_code)
    .where('c.staff_id', '=', member.id)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  return rows.map(historyEntryView);
}
