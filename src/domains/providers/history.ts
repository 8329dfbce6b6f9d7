// An organisation's field history (organisation_change): written in each edit's transaction, read with the
// organisation. The entry shape and the read are shared with the staff history, which follows the same pattern.
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../../db/database.ts';
import { fieldChanges, type FieldChange } from '../../shared/field-changes.ts';
import type { Actor } from '../audit/record.ts';
import type { OrganisationRow } from './queries.ts';
import { ORGANISATION_HISTORY_FIELDS, type OrganisationHistoryField } from './tables.ts';

/** One changed field of one edit, as the history routes answer it. */
export function historyEntry<F extends readonly [string, ...string[]]>(fields: F) {
  return z.object({
    changedAt: z.string(),
    /** Who made the change; null for changes made by the platform itself. */
    changedBy: z.object({ accountId: z.number().int(), displayName: z.string() }).nullable(),
    field: z.enum(fields),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
  });
}

export interface ChangeRow<F extends string> {
  changed_at: Date;
  account_id: number | null;
  display_name: string | null;
  field: F;
  old_value: string | null;
  new_value: string | null;
}

export function historyEntryView<F extends string>(row: ChangeRow<F>) {
  return {
    changedAt: row.changed_at.toISOString(),
    changedBy:
      row.account_id === null
        ? null
        : { accountId: Number(row.account_id), displayName: row.display_name ?? '' },
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
  };
}

/** The most entries a history answers: years of edits of one record, far beyond what a page shows. */
export const HISTORY_LIMIT = 500;

/**
 * The set-based twin of fieldChanges, for edits made by one statement over many rows (Excel intake): the rows
 * (field, old_value, new_value) of the fields that differ between the aliases `before` and `after`, as text, for a
 * CROSS JOIN LATERAL.
 */
export function fieldChangeRows<F extends string>(
  columns: readonly (readonly [F, string])[],
  before: string,
  after: string,
): RawBuilder<{ field: F; old_value: string | null; new_value: string | null }> {
  const values = columns.map(
    ([field, column]) =>
      sql`(${field}, ${sql.ref(`${before}.${column}`)}::text, ${sql.ref(`${after}.${column}`)}::text)`,
  );
  return sql`(SELECT v.field, v.old_value, v.new_value
    FROM (VALUES ${sql.join(values)}) AS v (field, old_value, new_value)
    WHERE v.old_value IS DISTINCT FROM v.new_value)`;
}

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

export const OrganisationHistoryEntry = historyEntry(ORGANISATION_HISTORY_FIELDS);

export function organisationChanges(
  before: OrganisationRow,
  after: OrganisationRow,
): FieldChange<OrganisationHistoryField>[] {
  return fieldChanges(ORGANISATION_COLUMNS, before, after);
}

/** Records an edit's changed fields in the organisation's history, in the edit's own transaction. */
export async function recordOrganisationChanges(
  tx: Tx,
  actor: Actor,
  organisation: { id: number; region_code: string },
  changedAt: Date,
  changes: FieldChange<OrganisationHistoryField>[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx
    .insertInto('organisation_change')
    .values(
      changes.map((change) => ({
        region_code: organisation.region_code,
        organisation_id: organisation.id,
        changed_at: changedAt,
        account_id: actor.principal?.accountId ?? null,
        field: change.field,
        old_value: change.oldValue,
        new_value: change.newValue,
      })),
    )
    .execute();
}

/** The organisation's changes, newest first. */
export async function organisationHistory(tx: Tx, organisation: { id: number; region_code: string }) {
  const rows = await tx
    .selectFrom('organisation_change as c')
    .leftJoin('account', 'account.id', 'c.account_id')
    .select(['c.changed_at', 'c.account_id', 'account.display_name', 'c.field', 'c.old_value', 'c.new_value'])
    .where('c.region_code', '=', organisation.region_code)
    .where('c.organisation_id', '=', organisation.id)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  return rows.map(historyEntryView);
}
