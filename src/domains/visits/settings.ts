import type { Db, Tx } from '../../db/database.ts';
import { settingFor, type SettingRow, type VisitSettings } from './rules.ts';

/** Every visit setting row: a handful (a national default and a few cities' own), read whole. */
export async function loadSettingRows(db: Db | Tx): Promise<SettingRow[]> {
  const rows = await db
    .selectFrom('visit_setting')
    .select([
      'region_code',
      'valid_from',
      'valid_to',
      'high_frequency',
      'key_frequency',
      'general_frequency',
      'high_risk_age',
      'extra_visit_hours',
      'distance_tolerance_m',
      'schedule_tolerance_days',
      'alert_days',
      'target_rate',
    ])
    .execute();
  return rows.map((row) => ({
    regionCode: row.region_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    highFrequency: row.high_frequency,
    keyFrequency: row.key_frequency,
    generalFrequency: row.general_frequency,
    highRiskAge: row.high_risk_age,
    extraVisitHours: row.extra_visit_hours,
    distanceToleranceM: row.distance_tolerance_m,
    scheduleToleranceDays: row.schedule_tolerance_days,
    alertDays: row.alert_days,
    targetRate: Number(row.target_rate),
  }));
}

/** The settings that apply to a region on a date; the migration's national default guarantees one. */
export async function settingsFor(db: Db | Tx, regionCode: string, on: string): Promise<VisitSettings> {
  const found = settingFor(await loadSettingRows(db), regionCode, on);
  if (!found) throw new Error(`no caring-visit setting applies to ${regionCode} on ${on}`);
  return found;
}
