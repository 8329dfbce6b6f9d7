// Reads of the roster, tasks and records within a reach (region prefixes, and for a worker its own account only).
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { VisitReach } from './reach.ts';
import type { TierName } from './schemas.ts';

/** `column` lies in one of the prefixes (null: everywhere). */
export function inPrefixes(column: RawBuilder<unknown>, prefixes: string[] | null): RawBuilder<unknown> {
  if (prefixes === null) return sql`true`;
  return sql`${column} LIKE ANY(${prefixes.map((prefix) => `${prefix}%`)}::text[])`;
}

function ownOnly(column: RawBuilder<unknown>, reach: VisitReach): RawBuilder<unknown> {
  return reach.ownAccountId === null ? sql`true` : sql`${column} = ${reach.ownAccountId}::bigint`;
}

export interface RosterRow {
  region_code: string;
  person_id: number;
  name: string;
  birth_date: string;
  address: string | null;
  id_number_cipher: Buffer | null;
  id_number_key_id: string | null;
  tier: TierName;
  reasons: string[];
  worker_account_id: number | null;
  worker_name: string | null;
  consent_note: string | null;
  home_known: boolean;
  since: string;
  override_include: boolean | null;
  override_reason: string | null;
  total: number;
}

const ROSTER_SELECT = sql`
  SELECT t.region_code, t.person_id, p.name, p.birth_date, p.address, p.id_number_cipher, p.id_number_key_id,
         t.tier, t.reasons, t.worker_account_id, a.display_name AS worker_name, t.consent_note,
         (t.home_lat IS NOT NULL) AS home_known,
         (SELECT max(r.entered_on) FROM visit_roster_period r WHERE r.person_id = t.person_id) AS since,
         o.include AS override_include, o.reason AS override_reason`;
const ROSTER_FROM = sql`
    FROM visit_target t
    JOIN person p ON p.id = t.person_id
    LEFT JOIN account a ON a.id = t.worker_account_id
    LEFT JOIN visit_roster_override o ON o.person_id = t.person_id AND o.revoked_at IS NULL`;

export async function listRoster(
  db: Db | Tx,
  reach: VisitReach,
  prefixes: string[] | null,
  filter: { tier?: TierName; page: number; pageSize: number },
): Promise<RosterRow[]> {
  const result = await sql<RosterRow>`
    ${ROSTER_SELECT}, count(*) OVER ()::int AS total
    ${ROSTER_FROM}
   WHERE t.on_roster AND ${inPrefixes(sql`t.region_code`, prefixes)} AND ${ownOnly(sql`t.worker_account_id`, reach)}
     AND (${filter.tier ?? null}::text IS NULL OR t.tier = ${filter.tier ?? null}::text)
   ORDER BY t.region_code, t.person_id
   LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}
  `.execute(db);
  return result.rows;
}

export async function findTarget(db: Db | Tx, personId: number): Promise<RosterRow | undefined> {
  const result = await sql<RosterRow>`
    ${ROSTER_SELECT}, 1 AS total ${ROSTER_FROM} WHERE t.person_id = ${personId}::bigint
  `.execute(db);
  return result.rows[0];
}

/** A target's raw row, locked for a change. */
export async function lockTarget(tx: Tx, personId: number) {
  return tx
    .selectFrom('visit_target')
    .selectAll()
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
}

export interface TaskRow {
  id: number;
  region_code: string;
  person_id: number;
  person_name: string;
  address: string | null;
  tier: TierName;
  kind: 'regular' | 'extra';
  reason: string | null;
  period_start: string;
  due_on: string;
  due_at: Date | null;
  status: 'open' | 'done' | 'cancelled';
  assignee_account_id: number | null;
  worker_name: string | null;
  last_visit_on: string | null;
  total: number;
}

const TASK_SELECT = sql`
  SELECT k.id, k.region_code, k.person_id, p.name AS person_name, p.address, k.tier, k.kind, k.reason,
         k.period_start, k.due_on, k.due_at, k.status, k.assignee_account_id, a.display_name AS worker_name,
         (SELECT max(v.visited_on) FROM visit_record v
           WHERE v.person_id = k.person_id AND v.status <> 'rejected') AS last_visit_on,
         count(*) OVER ()::int AS total
    FROM visit_task k
    JOIN person p ON p.id = k.person_id
    LEFT JOIN account a ON a.id = k.assignee_account_id`;

/** A worker's tasks whose period overlaps a window, plus every earlier task still open (overdue work stays). */
export async function myTasks(db: Db | Tx, accountId: number, from: string, to: string): Promise<TaskRow[]> {
  const result = await sql<TaskRow>`
    ${TASK_SELECT}
   WHERE k.assignee_account_id = ${accountId}::bigint AND k.status <> 'cancelled'
     AND ((k.period_start <= ${to}::date AND k.due_on >= ${from}::date)
          OR (k.status = 'open' AND k.due_on < ${from}::date))
   ORDER BY k.status = 'done', k.due_on, coalesce(k.due_at, k.due_on::timestamptz), k.id
   LIMIT 500
  `.execute(db);
  return result.rows;
}

export async function listTasks(
  db: Db | Tx,
  reach: VisitReach,
  prefixes: string[] | null,
  filter: { status?: 'open' | 'done' | 'overdue'; today: string; page: number; pageSize: number },
): Promise<TaskRow[]> {
  const status = filter.status ?? null;
  const result = await sql<TaskRow>`
    ${TASK_SELECT}
   WHERE k.status <> 'cancelled' AND ${inPrefixes(sql`k.region_code`, prefixes)}
     AND ${ownOnly(sql`k.assignee_account_id`, reach)}
     AND (${status}::text IS NULL
          OR (${status}::text = 'done' AND k.status = 'done')
          OR (${status}::text = 'open' AND k.status = 'open' AND k.due_on >= ${filter.today}::date)
          OR (${status}::text = 'overdue' AND k.status = 'open' AND k.due_on < ${filter.today}::date))
   ORDER BY k.due_on, k.id
   LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}
  `.execute(db);
  return result.rows;
}

export async function findTask(db: Db | Tx, id: number): Promise<TaskRow | undefined> {
  const result = await sql<TaskRow>`${TASK_SELECT} WHERE k.id = ${id}::bigint`.execute(db);
  return result.rows[0];
}

export interface RecordRow {
  id: number;
  client_id: string;
  task_id: number | null;
  person_id: number;
  person_name: string;
  region_code: string;
  mode: 'door' | 'phone' | 'video';
  started_at: Date;
  ended_at: Date;
  visited_on: string;
  distance_m: number | null;
  checklist: Record<string, string>;
  notes: string | null;
  risks: string[];
  referrals: string[];
  next_due_on: string | null;
  flags: { code: string; reasonCode: string | null }[];
  status: 'pending' | 'verified' | 'rejected';
  worker_account_id: number;
  worker_name: string;
  recorded_at: Date;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  rejection_reason: string | null;
  total: number;
}

export const RECORD_SELECT = sql`
  SELECT v.id, v.client_id, v.task_id, v.person_id, p.name AS person_name, v.region_code, v.mode, v.started_at,
         v.ended_at, v.visited_on, v.distance_m, v.checklist, v.notes, v.risks, v.referrals, v.next_due_on, v.flags,
         v.status, v.worker_account_id, w.display_name AS worker_name, v.recorded_at,
         r.display_name AS reviewer_name, v.reviewed_at, v.rejection_reason, count(*) OVER ()::int AS total
    FROM visit_record v
    JOIN person p ON p.id = v.person_id
    JOIN account w ON w.id = v.worker_account_id
    LEFT JOIN account r ON r.id = v.reviewed_by`;

export async function findRecord(db: Db | Tx, where: { id: number } | { clientId: string }) {
  const condition =
    'id' in where ? sql`v.id = ${where.id}::bigint` : sql`v.client_id = ${where.clientId}::uuid`;
  const result = await sql<RecordRow>`${RECORD_SELECT} WHERE ${condition}`.execute(db);
  return result.rows[0];
}

export async function listRecords(
  db: Db | Tx,
  reach: VisitReach,
  prefixes: string[] | null,
  filter: { status?: 'pending' | 'verified' | 'rejected'; page: number; pageSize: number },
): Promise<RecordRow[]> {
  const result = await sql<RecordRow>`
    ${RECORD_SELECT}
   WHERE ${inPrefixes(sql`v.region_code`, prefixes)} AND ${ownOnly(sql`v.worker_account_id`, reach)}
     AND (${filter.status ?? null}::text IS NULL OR v.status = ${filter.status ?? null}::text)
   ORDER BY v.id DESC
   LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}
  `.execute(db);
  return result.rows;
}

/** Community workers whose community lies in the prefixes: who a target or task can be given to. */
export async function listWorkers(db: Db | Tx, prefixes: string[] | null) {
  const result = await sql<{ account_id: number; name: string; region_code: string }>`
    SELECT DISTINCT ON (a.id) a.id AS account_id, a.display_name AS name, ar.region_code
      FROM account_role ar JOIN account a ON a.id = ar.account_id AND a.disabled_at IS NULL
     WHERE ar.role = 'community_worker' AND ${inPrefixes(sql`ar.region_code`, prefixes)}
     ORDER BY a.id, ar.region_code
  `.execute(db);
  return result.rows;
}
