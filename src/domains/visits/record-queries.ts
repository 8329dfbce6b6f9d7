// The two statements of recording a visit: one read of everything the rules need, one write of the record, its
// task and its audit entry. A visit is the hottest write of the platform (200 workers at once), and on a small
// server each round trip costs as much as the work it carries.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { Actor } from '../audit/record.ts';
import type { RecordRow } from './queries.ts';
import type { SettingRow } from './rules.ts';
import type { FlagView, RecordInput } from './schemas.ts';

export interface VisitContext {
  /** A record already sent under this clientId (an offline resubmission, or a clash). */
  earlier: { id: number; worker_account_id: number; person_id: number } | null;
  target: {
    region_code: string;
    on_roster: boolean;
    worker_account_id: number | null;
    home_lat: number | null;
    home_lng: number | null;
  } | null;
  task: { id: number; period_start: string; due_on: string; due_at: Date | null; status: string } | null;
  /** The setting rows that may apply to the target's region on the visit day (settingFor picks one). */
  settings: SettingRow[];
}

interface ContextRow {
  earlier_id: number | null;
  earlier_worker: number | null;
  earlier_person: number | null;
  region_code: string | null;
  on_roster: boolean | null;
  worker_account_id: number | null;
  home_lat: number | null;
  home_lng: number | null;
  task_id: number | null;
  period_start: string | null;
  due_on: string | null;
  due_at: Date | null;
  task_status: string | null;
  settings: SettingRow[] | null;
}

/**
 * The task a visit fulfils: the one named, else the target's open task it most likely belongs to (an extra visit
 * first, then the period not yet due, then the earliest due).
 */
function taskLookup(input: RecordInput, visitedOn: string) {
  return input.taskId
    ? sql`SELECT id, period_start, due_on, due_at, status FROM visit_task
           WHERE id = ${input.taskId}::bigint AND person_id = ${input.personId}::bigint AND status <> 'cancelled'`
    : sql`SELECT id, period_start, due_on, due_at, status FROM visit_task
           WHERE person_id = ${input.personId}::bigint AND status = 'open' AND period_start <= ${visitedOn}::date
           ORDER BY kind = 'extra' DESC, due_on >= ${visitedOn}::date DESC, due_on
           LIMIT 1`;
}

export async function visitContext(
  db: Db | Tx,
  input: RecordInput,
  visitedOn: string,
): Promise<VisitContext> {
  const result = await sql<ContextRow>`
    SELECT e.id AS earlier_id, e.worker_account_id AS earlier_worker, e.person_id AS earlier_person,
           t.region_code, t.on_roster, t.worker_account_id, t.home_lat, t.home_lng,
           k.id AS task_id, k.period_start, k.due_on, k.due_at, k.status AS task_status,
           (SELECT json_agg(json_build_object(
                     'regionCode', s.region_code, 'validFrom', s.valid_from, 'validTo', s.valid_to,
                     'highFrequency', s.high_frequency, 'keyFrequency', s.key_frequency,
                     'generalFrequency', s.general_frequency, 'highRiskAge', s.high_risk_age,
                     'extraVisitHours', s.extra_visit_hours, 'distanceToleranceM', s.distance_tolerance_m,
                     'scheduleToleranceDays', s.schedule_tolerance_days, 'alertDays', s.alert_days,
                     'targetRate', s.target_rate::float8))
              FROM visit_setting s
             WHERE t.region_code LIKE coalesce(s.region_code, '') || '%'
               AND s.valid_from <= ${visitedOn}::date
               AND (s.valid_to IS NULL OR s.valid_to > ${visitedOn}::date)) AS settings
      FROM (SELECT 1) AS one
      LEFT JOIN visit_record e ON e.client_id = ${input.clientId}::uuid
      LEFT JOIN visit_target t ON t.person_id = ${input.personId}::bigint
      LEFT JOIN LATERAL (${taskLookup(input, visitedOn)}) AS k ON t.person_id IS NOT NULL
  `.execute(db);
  const row = result.rows[0]!;
  return {
    earlier:
      row.earlier_id === null
        ? null
        : { id: row.earlier_id, worker_account_id: row.earlier_worker!, person_id: row.earlier_person! },
    target:
      row.region_code === null
        ? null
        : {
            region_code: row.region_code,
            on_roster: row.on_roster!,
            worker_account_id: row.worker_account_id,
            home_lat: row.home_lat,
            home_lng: row.home_lng,
          },
    task:
      row.task_id === null
        ? null
        : {
            id: row.task_id,
            period_start: row.period_start!,
            due_on: row.due_on!,
            due_at: row.due_at,
            status: row.task_status!,
          },
    settings: row.settings ?? [],
  };
}

export interface NewVisit {
  regionCode: string;
  taskId: number | null;
  visitedOn: string;
  distanceM: number | null;
  flags: FlagView[];
}

/**
 * Inserts the record, marks its task done (if still open) and appends the audit entry, in one statement; returns
 * the record as findRecord would, or nothing when a record with the same clientId got there first.
 */
export async function insertVisit(
  db: Db | Tx,
  actor: Actor,
  input: RecordInput,
  visit: NewVisit,
): Promise<RecordRow | undefined> {
  const accountId = actor.principal!.accountId;
  const auditDetail = JSON.stringify({
    personId: input.personId,
    mode: input.mode,
    flags: visit.flags.map((flag) => flag.code),
  });
  const result = await sql<RecordRow>`
    WITH ins AS (
      INSERT INTO visit_record (region_code, client_id, task_id, person_id, worker_account_id, mode, started_at,
                                ended_at, visited_on, distance_m, checklist, notes, risks, referrals, next_due_on,
                                flags)
      VALUES (${visit.regionCode}, ${input.clientId}::uuid, ${visit.taskId}::bigint, ${input.personId}::bigint,
              ${accountId}::bigint, ${input.mode}, ${input.startedAt}::timestamptz, ${input.endedAt}::timestamptz,
              ${visit.visitedOn}::date, ${visit.distanceM}::int, ${JSON.stringify(input.checklist)}::jsonb,
              ${input.notes ?? null}, ${input.risks}::text[], ${input.referrals}::text[],
              ${input.nextDueOn ?? null}::date, ${JSON.stringify(visit.flags)}::jsonb)
      ON CONFLICT (client_id) DO NOTHING
      RETURNING *
    ), done AS (
      UPDATE visit_task k SET status = 'done', done_record_id = ins.id
        FROM ins
       WHERE k.region_code = ins.region_code AND k.id = ins.task_id AND k.status = 'open'
    ), audit AS (
      -- The same row recordAudit writes; here so that the entry needs no round trip of its own.
      INSERT INTO audit_entry (region_code, account_id, principal_type, action, entity, entity_id, detail, ip,
                               request_id)
      SELECT ins.region_code, ${accountId}::bigint, ${actor.principal!.principalType}, 'create', 'visit_record',
             ins.id::text, ${auditDetail}::jsonb, ${actor.ip}::inet, ${actor.requestId}
        FROM ins
    )
    SELECT ins.id, ins.client_id, ins.task_id, ins.person_id, p.name AS person_name, ins.region_code, ins.mode,
           ins.started_at, ins.ended_at, ins.visited_on, ins.distance_m, ins.checklist, ins.notes, ins.risks,
           ins.referrals, ins.next_due_on, ins.flags, ins.status, ins.worker_account_id,
           w.display_name AS worker_name, ins.recorded_at, NULL AS reviewer_name, ins.reviewed_at,
           ins.rejection_reason, 1 AS total
      FROM ins
      JOIN person p ON p.id = ins.person_id
      JOIN account w ON w.id = ins.worker_account_id
  `.execute(db);
  return result.rows[0];
}
