// A month's regular visit tasks for a subtree, written set-wise: the periods each tier owes come from the rules
// (regularPeriods with the region's settings), the targets and their entry dates from the roster.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { frequencyOf, monthBounds, regularPeriods, settingFor } from './rules.ts';
import { TIERS } from './schemas.ts';
import { loadSettingRows } from './settings.ts';

/**
 * Creates the regular tasks the month owes every target on the roster in the subtree, assigned to the target's
 * worker; a task cancelled when its target left the roster is reopened if the target is back within the period.
 * Idempotent: a target has at most one regular task per period start, so running it twice adds nothing.
 */
export async function generateTasks(tx: Tx, prefix: string, month: string): Promise<number> {
  const { start } = monthBounds(month);
  const settingRows = await loadSettingRows(tx);
  const regions = await sql<{ region_code: string }>`
    SELECT DISTINCT region_code FROM visit_target WHERE on_roster AND region_code LIKE ${`${prefix}%`}
  `.execute(tx);
  // One row per (region, tier, period): a few per community; entry dates are checked against due dates in SQL.
  const region: string[] = [];
  const tier: string[] = [];
  const periodStart: string[] = [];
  const dueOn: string[] = [];
  for (const { region_code } of regions.rows) {
    const settings = settingFor(settingRows, region_code, start);
    if (!settings) continue;
    for (const t of TIERS) {
      for (const period of regularPeriods(frequencyOf(t, settings), month, '0001-01-01')) {
        region.push(region_code);
        tier.push(t);
        periodStart.push(period.periodStart);
        dueOn.push(period.dueOn);
      }
    }
  }
  if (region.length === 0) return 0;
  // The roster is read once (targets with their open period, hash-joined) and then multiplied by the few periods
  // each (region, tier) owes: joining the periods first made the planner probe the roster periods once per task.
  const inserted = await sql`
    WITH roster AS MATERIALIZED (
      SELECT t.region_code, t.person_id, t.tier, t.worker_account_id, p.entered_on
        FROM visit_target t
        JOIN visit_roster_period p ON p.person_id = t.person_id AND p.left_on IS NULL
       WHERE t.on_roster AND t.region_code LIKE ${`${prefix}%`}
    )
    INSERT INTO visit_task (region_code, person_id, kind, tier, period_start, due_on, assignee_account_id)
    SELECT r.region_code, r.person_id, 'regular', r.tier, x.period_start, x.due_on, r.worker_account_id
      FROM unnest(${region}::text[], ${tier}::text[], ${periodStart}::date[], ${dueOn}::date[])
             AS x(region_code, tier, period_start, due_on)
      JOIN roster r ON r.region_code = x.region_code AND r.tier = x.tier AND r.entered_on <= x.due_on
    ON CONFLICT (person_id, period_start) WHERE kind = 'regular' DO UPDATE
      -- Back on the roster within a period whose task was cancelled when they left it: that visit is owed again.
      SET status = 'open', tier = excluded.tier, due_on = excluded.due_on,
          assignee_account_id = excluded.assignee_account_id
      WHERE visit_task.status = 'cancelled'
  `.execute(tx);
  return Number(inserted.numAffectedRows ?? 0);
}
