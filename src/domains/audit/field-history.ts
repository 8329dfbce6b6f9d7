// Field history of a registry record (person_change, organisation_change, staff_change): one row per changed field
// of an edit, written in the edit's own transaction and read newest first. The three tables share one shape, so one
// writer, one reader, one answer shape and one audited read (the history routes') serve them all.
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Db, type Tx } from '../../db/database.ts';
import type { FieldChange } from '../../shared/field-changes.ts';
import { recordAudit, type Actor } from './record.ts';

/** Each history table and the column naming its record (the region code leads both). */
const RECORD_COLUMN = {
  person_change: 'person_id',
  organisation_change: 'organisation_id',
  staff_change: 'staff_id',
} as const;

/** The record table of each history table, which is also the entity its reads are audited as. */
const RECORD_TABLE = {
  person_change: 'person',
  organisation_change: 'organisation',
  staff_change: 'staff_member',
} as const;

export type FieldHistoryTable = keyof typeof RECORD_COLUMN;

/** The most entries a history answers: years of edits of one record, far beyond what a page shows. */
export const HISTORY_LIMIT = 500;

/** One changed field of one edit, as the history routes answer it. */
export function historyEntry<F extends readonly [string, ...string[]]>(fields: F) {
  return z.object({
    changedAt: z.string(),
    /** Who made the change; null for changes made by the platform itself (an intake run without an account). */
    changedBy: z.object({ accountId: z.number().int(), displayName: z.string() }).nullable(),
    field: z.enum(fields),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
  });
}

/** What a history route answers: when the record was registered and its changes, newest first. */
export function fieldHistoryAnswer<F extends readonly [string, ...string[]]>(fields: F) {
  return z.object({ registeredAt: z.string(), changes: z.array(historyEntry(fields)) });
}

interface ChangeRow {
  changed_at: Date;
  account_id: number | string | null;
  display_name: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

/** Records an edit's changed fields in the record's history, in the edit's own transaction. */
export async function recordFieldChanges<F extends string>(
  tx: Tx,
  actor: Actor,
  table: FieldHistoryTable,
  record: { id: number; region_code: string },
  changedAt: Date,
  changes: readonly FieldChange<F>[],
): Promise<void> {
  if (changes.length === 0) return;
  const accountId = actor.principal?.accountId ?? null;
  const rows = changes.map(
    (change) =>
      sql`(${record.region_code}, ${record.id}::bigint, ${changedAt}::timestamptz, ${accountId}::bigint,
           ${change.field}, ${change.oldValue}, ${change.newValue})`,
  );
  await sql`
    INSERT INTO ${sql.table(table)} (region_code, ${sql.ref(RECORD_COLUMN[table])}, changed_at, account_id, field,
                                     old_value, new_value)
    VALUES ${sql.join(rows)}`.execute(tx);
}

/** The record's changes, newest first, with who made them. */
export async function readFieldHistory<F extends string>(
  tx: Tx,
  table: FieldHistoryTable,
  record: { id: number; region_code: string },
) {
  const { rows } = await sql<ChangeRow>`
    SELECT c.changed_at, c.account_id, a.display_name, c.field, c.old_value, c.new_value
      FROM ${sql.table(table)} c
      LEFT JOIN account a ON a.id = c.account_id
     WHERE c.region_code = ${record.region_code} AND ${sql.ref(`c.${RECORD_COLUMN[table]}`)} = ${record.id}::bigint
     ORDER BY c.changed_at DESC, c.id DESC
     LIMIT ${HISTORY_LIMIT}`.execute(tx);
  return rows.map((row) => ({
    changedAt: row.changed_at.toISOString(),
    changedBy:
      row.account_id === null
        ? null
        : { accountId: Number(row.account_id), displayName: row.display_name ?? '' },
    field: row.field as F,
    oldValue: row.old_value,
    newValue: row.new_value,
  }));
}

/**
 * The answer of a history route, in one transaction: the record `find` reaches (it refuses a record out of the
 * caller's reach, as the record's own read does), when it was registered, its changes newest first, and the read
 * audited as a read of the record.
 */
export function auditedFieldHistory<F extends string>(
  db: Db,
  actor: Actor,
  table: FieldHistoryTable,
  find: (tx: Tx) => Promise<{ id: number; region_code: string }>,
) {
  return inTransaction(db, async (tx) => {
    const record = await find(tx);
    const [registered, changes] = await Promise.all([
      sql<{ created_at: Date }>`
        SELECT created_at FROM ${sql.table(RECORD_TABLE[table])}
         WHERE region_code = ${record.region_code} AND id = ${record.id}::bigint`.execute(tx),
      readFieldHistory<F>(tx, table, record),
    ]);
    await recordAudit(tx, actor, {
      action: 'read',
      entity: RECORD_TABLE[table],
      entityId: record.id,
      regionCode: record.region_code,
      detail: { history: true },
    });
    return { registeredAt: registered.rows[0].created_at.toISOString(), changes };
  });
}

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
