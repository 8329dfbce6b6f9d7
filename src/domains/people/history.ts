import type { PersonRow } from './queries.ts';
import type { PersonHistoryField } from './tables.ts';

export interface FieldChange {
  field: PersonHistoryField;
  oldValue: string | null;
  newValue: string | null;
}

const COLUMNS: [PersonHistoryField, keyof PersonRow][] = [
  ['regionCode', 'region_code'],
  ['name', 'name'],
  ['sex', 'sex'],
  ['birthDate', 'birth_date'],
  ['address', 'address'],
  ['registeredRegionCode', 'registered_region_code'],
  ['livingSituation', 'living_situation'],
  ['capabilityLevel', 'capability_level'],
  ['capabilityAssessedOn', 'capability_assessed_on'],
];

const asText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/**
 * The fields that differ between a person before and after an edit, as text. A field sent with its current value
 * is no change: the history shows what changed, not what was submitted.
 */
export function personChanges(before: PersonRow, after: PersonRow): FieldChange[] {
  return COLUMNS.flatMap(([field, column]) => {
    const oldValue = asText(before[column]);
    const newValue = asText(after[column]);
    return oldValue === newValue ? [] : [{ field, oldValue, newValue }];
  });
}
