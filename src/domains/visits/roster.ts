// Keeps the roster in step with the person registry: the rules decide who is a target and at which tier (a staff
// override wins), entering and leaving are written as periods, and nothing is ever deleted.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { yearsBefore } from '../people/rules.ts';
import type { ConditionKind, LivingSituation } from '../people/tables.ts';
import { rosterDecision, settingFor, type PersonFacts, type RosterDecision } from './rules.ts';
import type { TierName } from './schemas.ts';
import { loadSettingRows } from './settings.ts';

interface CandidateRow {
  region_code: string;
  id: number;
  birth_date: string;
  living_situation: LivingSituation | null;
  capability_level: number | null;
  conditions: { kind: ConditionKind; grade: number | null; from: string; to: string | null }[] | null;
  override_include: boolean | null;
  override_tier: TierName | null;
  on_roster: boolean | null;
  tier: TierName | null;
  rule_tier: TierName | null;
  tier_override_reason: string | null;
  reasons: string[] | null;
}

export interface SyncResult {
  entered: number;
  left: number;
  retiered: number;
}

/**
 * Elders of the subtree who may be targets (a qualifying situation, condition or override) and everyone on the
 * roster now; the rules then decide each of them on `today`.
 */
async function candidates(db: Db | Tx, prefix: string, today: string, personId?: number) {
  const elderBorn = yearsBefore(today, 60);
  const result = await sql<CandidateRow>`
    SELECT p.region_code, p.id, p.birth_date, p.living_situation, p.capability_level,
           (SELECT json_agg(json_build_object('kind', c.kind, 'grade', c.disability_grade, 'from', c.valid_from,
                                              'to', c.valid_to))
              FROM person_condition c
             WHERE c.person_id = p.id AND c.kind IN ('disability', 'family_planning_special', 'dementia')
               AND (c.valid_to IS NULL OR c.valid_to > ${today}::date)) AS conditions,
           o.include AS override_include, o.tier AS override_tier,
           t.on_roster, t.tier, t.rule_tier, t.tier_override_reason, t.reasons
      FROM person p
      LEFT JOIN visit_roster_override o ON o.person_id = p.id AND o.revoked_at IS NULL
      LEFT JOIN visit_target t ON t.person_id = p.id
     WHERE p.region_code LIKE ${`${prefix}%`}
       AND (${personId ?? null}::bigint IS NULL OR p.id = ${personId ?? null}::bigint)
       AND (t.on_roster OR o.include OR (p.birth_date <= ${elderBorn}::date AND (
              p.living_situation IN ('alone', 'empty_nest', 'left_behind') OR p.capability_level >= 2
              OR EXISTS (SELECT 1 FROM person_condition c
                          WHERE c.person_id = p.id AND c.kind IN ('disability', 'family_planning_special')
                            AND c.valid_from <= ${today}::date
                            AND (c.valid_to IS NULL OR c.valid_to > ${today}::date)))))
  `.execute(db);
  return result.rows;
}

function decide(row: CandidateRow, settings: Parameters<typeof rosterDecision>[1], today: string) {
  const facts: PersonFacts = {
    birthDate: row.birth_date,
    livingSituation: row.living_situation,
    capabilityLevel: row.capability_level,
    conditions: (row.conditions ?? []).map((c) => ({
      kind: c.kind,
      disabilityGrade: c.grade,
      from: c.from,
      to: c.to,
    })),
  };
  const override =
    row.override_include === null ? null : { include: row.override_include, tier: row.override_tier };
  return rosterDecision(facts, settings, today, override);
}

const sameReasons = (a: readonly string[] | null, b: readonly string[]) =>
  a !== null && a.length === b.length && a.every((reason, i) => reason === b[i]);

/**
 * Applies the rules to the subtree (or one person) on `today`: new targets get a target row and an open period,
 * targets the rules no longer hold get their period closed with the reason, tiers follow the rules unless staff set
 * one. Runs set-wise: one read, then one statement per kind of change.
 */
export async function syncRoster(
  tx: Tx,
  prefix: string,
  today: string,
  accountId: number | null,
  personId?: number,
): Promise<SyncResult> {
  const settingRows = await loadSettingRows(tx);
  const rows = await candidates(tx, prefix, today, personId);
  const entering: { row: CandidateRow; decision: RosterDecision }[] = [];
  const leaving: { row: CandidateRow; reason: string }[] = [];
  const updating: { row: CandidateRow; decision: RosterDecision }[] = [];
  for (const row of rows) {
    const settings = settingFor(settingRows, row.region_code, today);
    if (!settings) continue;
    const decision = decide(row, settings, today);
    if (decision.include && !row.on_roster) entering.push({ row, decision });
    else if (!decision.include && row.on_roster) {
      leaving.push({
        row,
        reason:
          row.override_include === false ? 'excluded by staff decision' : 'no longer meets the criteria',
      });
    } else if (decision.include) {
      // A tier staff set on the target itself (PUT /roster) stands until they clear it.
      const tier = row.tier_override_reason ? row.tier! : decision.tier;
      if (
        tier !== row.tier ||
        decision.ruleTier !== row.rule_tier ||
        !sameReasons(row.reasons, decision.reasons)
      ) {
        updating.push({ row, decision: { ...decision, tier } });
      }
    }
  }

  if (entering.length > 0) {
    await sql`
      INSERT INTO visit_target (region_code, person_id, tier, rule_tier, reasons, on_roster)
      SELECT r, p, t, rt, string_to_array(rs, ','), true
        FROM unnest(${entering.map((e) => e.row.region_code)}::text[], ${entering.map((e) => e.row.id)}::bigint[],
                    ${entering.map((e) => e.decision.tier)}::text[], ${entering.map((e) => e.decision.ruleTier)}::text[],
                    ${entering.map((e) => e.decision.reasons.join(','))}::text[]) AS x(r, p, t, rt, rs)
      ON CONFLICT (region_code, person_id) DO UPDATE
        SET on_roster = true, tier = excluded.tier, rule_tier = excluded.rule_tier, reasons = excluded.reasons,
            tier_override_reason = NULL, tier_override_by = NULL, updated_at = now()
    `.execute(tx);
    await sql`
      INSERT INTO visit_roster_period (region_code, person_id, entered_on, source, entry_reasons, created_by)
      SELECT r, p, ${today}::date, s, string_to_array(rs, ','), ${accountId}::bigint
        FROM unnest(${entering.map((e) => e.row.region_code)}::text[], ${entering.map((e) => e.row.id)}::bigint[],
                    ${entering.map((e) => (e.row.override_include ? 'override' : 'rule'))}::text[],
                    ${entering.map((e) => e.decision.reasons.join(','))}::text[]) AS x(r, p, s, rs)
    `.execute(tx);
    await assignWorkers(tx, prefix);
  }
  if (leaving.length > 0) {
    const ids = leaving.map((l) => l.row.id);
    await sql`UPDATE visit_target SET on_roster = false, updated_at = now() WHERE person_id = ANY(${ids}::bigint[])`.execute(
      tx,
    );
    await sql`
      UPDATE visit_roster_period p SET left_on = ${today}::date, leave_reason = x.reason
        FROM unnest(${ids}::bigint[], ${leaving.map((l) => l.reason)}::text[]) AS x(person_id, reason)
       WHERE p.person_id = x.person_id AND p.left_on IS NULL
    `.execute(tx);
    // Open tasks of someone no longer on the roster are owed to no one.
    await sql`
      UPDATE visit_task SET status = 'cancelled' WHERE status = 'open' AND person_id = ANY(${ids}::bigint[])
    `.execute(tx);
  }
  if (updating.length > 0) {
    await sql`
      UPDATE visit_target t SET tier = x.tier, rule_tier = x.rule_tier, reasons = string_to_array(x.reasons, ','),
                                updated_at = now()
        FROM unnest(${updating.map((u) => u.row.id)}::bigint[], ${updating.map((u) => u.decision.tier)}::text[],
                    ${updating.map((u) => u.decision.ruleTier)}::text[],
                    ${updating.map((u) => u.decision.reasons.join(','))}::text[]) AS x(person_id, tier, rule_tier, reasons)
       WHERE t.person_id = x.person_id
    `.execute(tx);
  }
  return { entered: entering.length, left: leaving.length, retiered: updating.length };
}

/**
 * New targets without a responsible worker get the community worker of their community (or the nearest enclosing
 * region) who has the fewest targets; staff reassign with PUT /roster/:personId.
 */
export async function assignWorkers(tx: Tx, prefix: string): Promise<void> {
  await sql`
    UPDATE visit_target t SET worker_account_id = (
      SELECT ar.account_id FROM account_role ar JOIN account a ON a.id = ar.account_id AND a.disabled_at IS NULL
       WHERE ar.role = 'community_worker' AND t.region_code LIKE ar.region_code || '%'
       ORDER BY length(ar.region_code) DESC,
                (SELECT count(*) FROM visit_target o WHERE o.worker_account_id = ar.account_id AND o.on_roster),
                ar.account_id
       LIMIT 1)
     WHERE t.on_roster AND t.worker_account_id IS NULL AND t.region_code LIKE ${`${prefix}%`}
  `.execute(tx);
}
