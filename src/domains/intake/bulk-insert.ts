// A bulk insert whose foreign keys to `region` are checked once per distinct region instead of once per row.
//
// Why: the two RI triggers of `person` (region_code, registered_region_code) cost ~14.5 µs of the ~30 µs PostgreSQL
// spends per inserted row, while a million-row file names a few hundred regions. PostgreSQL has no supported way to
// batch RI checks, so (decision of the lead engineer, issue 3) the insert does what each RI trigger would do — a
// FOR KEY SHARE lock of the referenced region row, which proves it exists and blocks its deletion until commit — once
// per distinct code, and then runs with session_replication_role = replica so the per-row triggers stay silent.
// Guards: only when the role may set that parameter (superuser, or GRANT SET ON PARAMETER), only when the table
// has no trigger but the internal RI ones and no foreign key but those to region (the lock stands in for those alone),
// so a trigger or a reference added later is never skipped silently. Otherwise the insert
// runs as a plain insert with its per-row checks.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { FileProblem } from './pipeline.ts';

export interface RegionKeyedInsert<T> {
  /** The table inserted into; its foreign keys to region are the ones the lock stands in for. */
  table: string;
  /** Every region code the inserted rows reference (any column with a foreign key to region), duplicates allowed. */
  regionCodes: RawBuilder<{ code: string }>;
  /** The insert statements, run in turn; their rows are returned together. */
  inserts: RawBuilder<T>[];
}

/** Whether `table` has triggers other than PostgreSQL's internal constraint triggers (a replica mode would mute them). */
async function hasUserTriggers(tx: Tx, table: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = ${table}::regclass AND NOT tgisinternal`.execute(
    tx,
  );
  return rows[0].n > 0;
}

/** Whether `table` references a table other than region (the per-region lock would not stand in for that check). */
async function hasOtherForeignKeys(tx: Tx, table: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_constraint
     WHERE conrelid = ${table}::regclass AND contype = 'f' AND confrelid <> 'region'::regclass`.execute(tx);
  return rows[0].n > 0;
}

/** Sets replica mode for the rest of the transaction if this role may; a refusal leaves the transaction usable. */
async function enterReplicaMode(tx: Tx): Promise<string | null> {
  const { rows } = await sql<{ role: string }>`
    SELECT current_setting('session_replication_role') AS role`.execute(tx);
  await sql`SAVEPOINT intake_replica`.execute(tx);
  try {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
  } catch {
    await sql`ROLLBACK TO SAVEPOINT intake_replica`.execute(tx);
    return null;
  }
  await sql`RELEASE SAVEPOINT intake_replica`.execute(tx);
  return rows[0].role;
}

async function runAll<T>(tx: Tx, inserts: RawBuilder<T>[]): Promise<T[]> {
  const rows: T[] = [];
  for (const insert of inserts) for (const row of (await insert.execute(tx)).rows) rows.push(row);
  return rows;
}

/**
 * Runs the inserts; `fastPath` says whether the region references were checked once per region (see the file comment).
 * A referenced code that is not in `region` refuses the whole file (the row checks report such rows before this).
 */
export async function insertCheckingRegionsOnce<T>(
  tx: Tx,
  { table, regionCodes, inserts }: RegionKeyedInsert<T>,
): Promise<{ rows: T[]; fastPath: boolean }> {
  const guarded = (await hasUserTriggers(tx, table)) || (await hasOtherForeignKeys(tx, table));
  const previousRole = guarded ? null : await enterReplicaMode(tx);
  if (previousRole === null) return { rows: await runAll(tx, inserts), fastPath: false };

  const { rows: wanted } = await sql<{ codes: string[] | null }>`
    SELECT array_agg(code) AS codes FROM (SELECT DISTINCT code FROM (${regionCodes}) c WHERE code IS NOT NULL) d`.execute(
    tx,
  );
  const codes = wanted[0].codes ?? [];
  const { rows: locked } = await sql<{ code: string }>`
    SELECT code FROM region WHERE code = ANY (${codes}::text[]) FOR KEY SHARE`.execute(tx);
  if (locked.length !== codes.length) {
    const found = new Set(locked.map((row) => row.code));
    const missing = codes
      .filter((code) => !found.has(code))
      .slice(0, 10)
      .join(', ');
    throw new FileProblem(`行政区划代码不存在：${missing}`, `Region codes do not exist: ${missing}`);
  }
  const rows = await runAll(tx, inserts);
  // Right after the insert: every later statement of the transaction fires its triggers again.
  await sql`SELECT set_config('session_replication_role', ${previousRole}, true)`.execute(tx);
  return { rows, fastPath: true };
}
