// A staff member's field history (staff_change), following the organisation's: written in each edit's
// transaction, read with the member under the member's own permission and reach.
import { fieldChanges, type FieldChange } from '../../shared/field-changes.ts';
import { fieldHistoryAnswer } from '../audit/field-history.ts';
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

/** What the staff history routes answer. */
export const StaffHistory = fieldHistoryAnswer(STAFF_HISTORY_FIELDS);

export function staffChanges(before: StaffRow, after: StaffRow): FieldChange<StaffHistoryField>[] {
  return fieldChanges(STAFF_COLUMNS, before, after);
}
