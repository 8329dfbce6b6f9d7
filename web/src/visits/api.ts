/** Shapes of the caring-visit API (src/domains/visits/schemas.ts is the contract; names follow it). */
import { queryString } from '../people/shared/http';

import {
  CHECK_VALUES,
  CHECKLIST_ITEMS,
  EVENT_KINDS,
  FLAG_CODES,
  FREQUENCIES,
  OFF_SCHEDULE_REASONS,
  OFF_SITE_REASONS,
  RECORD_STATUSES,
  ROSTER_REASONS,
  TASK_KINDS,
  TIERS,
  VISIT_MODES,
} from '../../../src/domains/visits/enumerations';

// The enumerations are the server contract's own, so a value added there is a type error here until handled.
export {
  CHECK_VALUES,
  CHECKLIST_ITEMS,
  EVENT_KINDS,
  FLAG_CODES,
  OFF_SCHEDULE_REASONS,
  OFF_SITE_REASONS,
  RECORD_STATUSES,
  ROSTER_REASONS,
  TIERS,
  VISIT_MODES,
};
export type Tier = (typeof TIERS)[number];
export type Frequency = (typeof FREQUENCIES)[number];
export type RosterReason = (typeof ROSTER_REASONS)[number];
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = 'open' | 'done' | 'overdue';
export type EventKind = (typeof EVENT_KINDS)[number];
export type VisitMode = (typeof VISIT_MODES)[number];
export type CheckValue = (typeof CHECK_VALUES)[number];
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export type Checklist = Record<ChecklistItem, CheckValue>;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export type OffSiteReason = (typeof OFF_SITE_REASONS)[number];
export type OffScheduleReason = (typeof OFF_SCHEDULE_REASONS)[number];
export type FlagCode = (typeof FLAG_CODES)[number];
export interface Flag {
  code: FlagCode;
  reasonCode: string | null;
  /** Set when the reason was given after the visit reached the server (it was sent from an offline phone). */
  reasonNote?: string | null;
  reasonGivenAt?: string | null;
}

/** Reasons for a visit's flags given afterwards: an off-site reason for location flags, an off-schedule one for timing. */
export interface FlagReasonInput {
  offSiteReason?: OffSiteReason;
  offScheduleReason?: OffScheduleReason;
  note?: string;
}
/** Which reason answers which flag (the server applies the same split). */
export const OFF_SITE_FLAGS: readonly FlagCode[] = ['far_from_home', 'no_location'];
export const OFF_SCHEDULE_FLAGS: readonly FlagCode[] = ['off_schedule', 'late_extra_visit'];

export interface RosterItem {
  personId: number;
  regionCode: string;
  name: string;
  maskedIdNumber: string | null;
  age: number;
  address: string | null;
  tier: Tier;
  frequency: Frequency;
  reasons: RosterReason[];
  workerAccountId: number | null;
  workerName: string | null;
  since: string;
  consentNote: string | null;
  homeLocationKnown: boolean;
  override: { include: boolean; reason: string } | null;
}

export interface Worker {
  accountId: number;
  name: string;
  regionCode: string;
}

export interface TaskItem {
  id: number;
  personId: number;
  personName: string;
  regionCode: string;
  address: string | null;
  phoneMasked?: string | null;
  tier: Tier;
  kind: TaskKind;
  reason: string | null;
  periodStart: string;
  dueOn: string;
  dueAt: string | null;
  status: TaskStatus;
  lastVisitOn: string | null;
  workerAccountId: number | null;
  workerName: string | null;
}

export interface RecordInput {
  clientId: string;
  taskId?: number;
  personId: number;
  mode: VisitMode;
  startedAt: string;
  endedAt: string;
  location?: { lat: number; lng: number };
  checklist: Checklist;
  notes?: string;
  risks: string[];
  referrals: string[];
  nextDueOn?: string;
  offScheduleReason?: OffScheduleReason;
  offSiteReason?: OffSiteReason;
}

export interface VisitRecord {
  id: number;
  clientId: string;
  taskId: number | null;
  personId: number;
  personName: string;
  regionCode: string;
  mode: VisitMode;
  startedAt: string;
  endedAt: string;
  visitedOn: string;
  distanceMeters: number | null;
  checklist: Checklist;
  notes: string | null;
  risks: string[];
  referrals: string[];
  nextDueOn: string | null;
  flags: Flag[];
  status: RecordStatus;
  workerAccountId: number;
  workerName: string;
  recordedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
}

export interface List<T> {
  items: T[];
  total: number;
}

export interface RateFigures {
  targets: number;
  visited: number;
  /** Percent with one decimal; null when the region has no targets that month. */
  rate: number | null;
}
export interface RateChild extends RateFigures {
  regionCode: string;
  name: string;
}
export interface Rate extends RateChild {
  month: string;
  children: RateChild[];
}

export interface UnvisitedItem {
  personId: number;
  regionCode: string;
  name: string;
  address: string | null;
  tier: Tier;
  workerAccountId: number | null;
  workerName: string | null;
  lastVisitOn: string | null;
}
export interface UnvisitedList extends List<UnvisitedItem> {
  regionCode: string;
  month: string;
}

export interface Alerts {
  month: string;
  daysLeft: number;
  targetRate: number;
  unvisited: UnvisitedItem[];
  belowTarget: RateChild[];
}

type Query = Record<string, string | number | undefined | null>;
const BASE = '/api/visits';

/** The API paths this feature calls, in one place so a rename on the server is one edit here. */
export const paths = {
  roster: (q: Query) => `${BASE}/roster${queryString(q)}`,
  rosterOverrides: `${BASE}/roster/overrides`,
  rosterEntry: (personId: number) => `${BASE}/roster/${personId}`,
  workers: (q: Query) => `${BASE}/workers${queryString(q)}`,
  myTasks: (q: Query) => `${BASE}/tasks/mine${queryString(q)}`,
  tasks: (q: Query) => `${BASE}/tasks${queryString(q)}`,
  reassign: (taskId: number) => `${BASE}/tasks/${taskId}/reassign`,
  events: `${BASE}/events`,
  records: (q: Query = {}) => `${BASE}/records${queryString(q)}`,
  record: (id: number) => `${BASE}/records/${id}`,
  verify: (id: number) => `${BASE}/records/${id}/verify`,
  reject: (id: number) => `${BASE}/records/${id}/reject`,
  awaitingReason: (q: Query = {}) => `${BASE}/records/awaiting-reason${queryString(q)}`,
  flagReasons: (id: number) => `${BASE}/records/${id}/flag-reasons`,
  rate: (q: Query) => `${BASE}/rate${queryString(q)}`,
  unvisited: (regionCode: string, q: Query) =>
    `${BASE}/rate/${encodeURIComponent(regionCode)}/unvisited${queryString(q)}`,
  alerts: (q: Query) => `${BASE}/alerts${queryString(q)}`,
};
