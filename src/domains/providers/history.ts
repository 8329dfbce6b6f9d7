// An organisation's field history (organisation_change): which columns it keeps and how an edit's changes are
// found; writing and reading go through the shared field history (audit/field-history.ts).
import { fieldChanges, type FieldChange } from '../../shared/field-changes.ts';
import { fieldHistoryAnswer } from '../audit/field-history.ts';
import type { OrganisationRow } from './queries.ts';
import { ORGANISATION_HISTORY_FIELDS, type OrganisationHistoryField } from './tables.ts';

export const ORGANISATION_COLUMNS: [OrganisationHistoryField, keyof OrganisationRow][] = [
  ['regionCode', 'region_code'],
  ['uscc', 'uscc'],
  ['name', 'name'],
  ['organisationType', 'organisation_type'],
  ['ownership', 'ownership'],
  ['legalPerson', 'legal_person'],
  ['contactName', 'contact_name'],
  ['contactPhone', 'contact_phone'],
  ['address', 'address'],
];

/** What the organisation history routes answer. */
export const OrganisationHistory = fieldHistoryAnswer(ORGANISATION_HISTORY_FIELDS);

export function organisationChanges(
  before: OrganisationRow,
  after: OrganisationRow,
): FieldChange<OrganisationHistoryField>[] {
  return fieldChanges(ORGANISATION_COLUMNS, before, after);
}
