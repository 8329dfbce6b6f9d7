import type { ColumnType, Generated } from 'kysely';
import type { FrequencyName, TierName } from './schemas.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface VisitSettingTable {
  id: Generated<number>;
  region_code: string | null;
  valid_from: string;
  valid_to: string | null;
  high_frequency: FrequencyName;
  key_frequency: FrequencyName;
  general_frequency: FrequencyName;
  high_risk_age: number;
  extra_visit_hours: number;
  distance_tolerance_m: number;
  schedule_tolerance_days: number;
  alert_days: number;
  target_rate: number;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface VisitTargetTable {
  region_code: string;
  person_id: number;
  tier: TierName;
  rule_tier: TierName;
  reasons: string[];
  tier_override_reason: string | null;
  tier_override_by: number | null;
  worker_account_id: number | null;
  consent_note: string | null;
  home_lat: number | null;
  home_lng: number | null;
  on_roster: boolean;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface VisitRosterPeriodTable {
  region_code: string;
  id: Generated<number>;
  person_id: number;
  entered_on: string;
  left_on: string | null;
  source: 'rule' | 'override';
  entry_reasons: string[];
  leave_reason: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface VisitRosterOverrideTable {
  region_code: string;
  id: Generated<number>;
  person_id: number;
  include: boolean;
  tier: TierName | null;
  reason: string;
  created_by: number;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

export type EventKindName = 'hospital_discharge' | 'bereavement' | 'alarm';

export interface VisitEventTable {
  region_code: string;
  id: Generated<number>;
  person_id: number;
  kind: EventKindName;
  occurred_at: Timestamp;
  note: string | null;
  recorded_by: number;
  recorded_at: Generated<Date>;
}

export interface VisitTaskTable {
  region_code: string;
  id: Generated<number>;
  person_id: number;
  kind: 'regular' | 'extra';
  tier: TierName;
  period_start: string;
  due_on: string;
  due_at: Timestamp | null;
  event_id: number | null;
  reason: string | null;
  status: Generated<'open' | 'done' | 'cancelled'>;
  assignee_account_id: number | null;
  done_record_id: number | null;
  created_at: Generated<Date>;
}

export interface VisitRecordTable {
  region_code: string;
  id: Generated<number>;
  client_id: string;
  task_id: number | null;
  person_id: number;
  worker_account_id: number;
  mode: 'door' | 'phone' | 'video';
  started_at: Timestamp;
  ended_at: Timestamp;
  visited_on: string;
  distance_m: number | null;
  checklist: ColumnType<Record<string, string>, string, string>;
  notes: string | null;
  risks: string[];
  referrals: string[];
  next_due_on: string | null;
  flags: ColumnType<{ code: string; reasonCode: string | null }[], string, string>;
  status: Generated<'pending' | 'verified' | 'rejected'>;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  rejection_reason: string | null;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface VisitMonthVisitedTable {
  region_code: string;
  person_id: number;
  month: string;
  record_id: number;
}

export interface VisitTables {
  visit_setting: VisitSettingTable;
  visit_target: VisitTargetTable;
  visit_roster_period: VisitRosterPeriodTable;
  visit_roster_override: VisitRosterOverrideTable;
  visit_event: VisitEventTable;
  visit_task: VisitTaskTable;
  visit_record: VisitRecordTable;
  visit_month_visited: VisitMonthVisitedTable;
}
