import { fieldChanges, type FieldChange } from '../../shared/field-changes.ts';
import type { PersonRow } from './queries.ts';
import type { PersonHistoryField } from './tables.ts';

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

/** The fields that differ between a person before and after an edit (see fieldChanges). */
export function personChanges(before: PersonRow, after: PersonRow): FieldChange<PersonHistoryField>[] {
  return fieldChanges(COLUMNS, before, after);
}
