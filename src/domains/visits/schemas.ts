// The caring-visit API (探访关爱) as the console and the workers' phones see it. Shared with web/src/visits: names
// here are the contract; change them here first.
import { z } from 'zod';
import { RegionCode } from '../../server/schemas.ts';
import {
  TIERS,
  FREQUENCIES,
  ROSTER_REASONS,
  TASK_KINDS,
  EVENT_KINDS,
  VISIT_MODES,
  CHECK_VALUES,
  RECORD_STATUSES,
  OFF_SITE_REASONS,
  OFF_SCHEDULE_REASONS,
  FLAG_CODES,
} from './enumerations.ts';

export * from './enumerations.ts';

export const IsoDate = z.iso.date();
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM');
export const Timestamp = z.iso.datetime({ offset: true });
export const RecordId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 53);
const Page = z.coerce.number().int().min(1).max(100_000).default(1);
const PageSize = z.coerce.number().int().min(1).max(200).default(50);

export const Tier = z.enum(TIERS);
export const Frequency = z.enum(FREQUENCIES);
export const RosterReason = z.enum(ROSTER_REASONS);

export const TaskKind = z.enum(TASK_KINDS);
/** `overdue` is an open task past its due date; cancelled tasks (target left the roster) are never listed. */
export const TaskStatus = z.enum(['open', 'done', 'overdue']);
export const EventKind = z.enum(EVENT_KINDS);

export const VisitMode = z.enum(VISIT_MODES);
export const CheckValue = z.enum(CHECK_VALUES);
export const Checklist = z.object({
  health: CheckValue,
  mentalState: CheckValue,
  utilitiesSafety: CheckValue,
  hygiene: CheckValue,
  livingEnvironment: CheckValue,
});
export const RecordStatus = z.enum(RECORD_STATUSES);

export const OffSiteReason = z.enum(OFF_SITE_REASONS);
export const OffScheduleReason = z.enum(OFF_SCHEDULE_REASONS);
export const FlagCode = z.enum(FLAG_CODES);
/**
 * A flag with the worker's reason code is acknowledged; one without needs the supervisor's attention. A reason
 * given after the server raised the flag (the visit was sent from an offline phone) carries when and a note.
 */
export const Flag = z.object({
  code: FlagCode,
  reasonCode: z.string().nullable(),
  reasonNote: z.string().nullable().optional(),
  reasonGivenAt: z.string().nullable().optional(),
});

export const Override = z.object({ include: z.boolean(), reason: z.string() });

// ---- roster ----
export const RosterQuery = z.object({
  regionCode: RegionCode.optional(),
  tier: Tier.optional(),
  page: Page,
  pageSize: PageSize,
});
export const RosterItem = z.object({
  personId: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  maskedIdNumber: z.string().nullable(),
  age: z.number().int(),
  address: z.string().nullable(),
  tier: Tier,
  frequency: Frequency,
  reasons: z.array(RosterReason),
  workerAccountId: z.number().int().nullable(),
  workerName: z.string().nullable(),
  since: IsoDate,
  consentNote: z.string().nullable(),
  homeLocationKnown: z.boolean(),
  override: Override.nullable(),
});
export const RosterList = z.object({ items: z.array(RosterItem), total: z.number().int() });

export const OverrideBody = z.object({
  personId: RecordId,
  include: z.boolean(),
  tier: Tier.optional(),
  reason: z.string().trim().min(2).max(300),
});

export const LatLng = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

export const RosterPatch = z.object({
  workerAccountId: RecordId.nullable().optional(),
  tier: Tier.optional(),
  /** Why the tier differs from the rules'; required with `tier`. */
  tierReason: z.string().trim().min(2).max(300).optional(),
  consentNote: z.string().trim().max(500).nullable().optional(),
  /** The home's coordinates, the reference for the far-from-home check (null forgets them). */
  homeLocation: LatLng.nullable().optional(),
});

export const RosterSyncBody = z.object({ regionCode: RegionCode });
export const RosterSyncResult = z.object({
  entered: z.number().int(),
  left: z.number().int(),
  retiered: z.number().int(),
  /** This month's regular tasks added for those who entered (once the month's tasks were generated). */
  tasksAdded: z.number().int(),
});

// ---- workers ----
export const Worker = z.object({ accountId: z.number().int(), name: z.string(), regionCode: z.string() });
export const WorkerList = z.object({ items: z.array(Worker) });

// ---- tasks ----
export const TaskItem = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  regionCode: z.string(),
  address: z.string().nullable(),
  phoneMasked: z.string().nullable().optional(),
  tier: Tier,
  kind: TaskKind,
  reason: z.string().nullable(),
  periodStart: IsoDate,
  dueOn: IsoDate,
  dueAt: z.string().nullable(),
  status: TaskStatus,
  lastVisitOn: IsoDate.nullable(),
  workerAccountId: z.number().int().nullable(),
  workerName: z.string().nullable(),
});
export const TaskList = z.object({ items: z.array(TaskItem), total: z.number().int() });
export const MyTasksQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
export const TasksQuery = z.object({
  regionCode: RegionCode.optional(),
  status: TaskStatus.optional(),
  page: Page,
  pageSize: PageSize,
});
export const ReassignBody = z.object({ workerAccountId: RecordId });
export const GenerateBody = z.object({ regionCode: RegionCode, month: Month });
export const GenerateResult = z.object({ created: z.number().int(), month: Month, regionCode: z.string() });

// ---- events (major changes → extra visit within 24 h) ----
export const EventBody = z.object({
  personId: RecordId,
  kind: EventKind,
  occurredAt: Timestamp,
  note: z.string().trim().max(500).optional(),
});

// ---- visit records ----
export const RecordBody = z.object({
  clientId: z.uuid(),
  taskId: RecordId.optional(),
  personId: RecordId,
  mode: VisitMode,
  startedAt: Timestamp,
  endedAt: Timestamp,
  /** Door visits only; the server keeps the distance to the home, never the point. */
  location: LatLng.optional(),
  checklist: Checklist,
  notes: z.string().trim().max(2000).optional(),
  risks: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  referrals: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  nextDueOn: IsoDate.optional(),
  offScheduleReason: OffScheduleReason.optional(),
  offSiteReason: OffSiteReason.optional(),
});
export const VisitRecord = z.object({
  id: z.number().int(),
  clientId: z.string(),
  taskId: z.number().int().nullable(),
  personId: z.number().int(),
  personName: z.string(),
  regionCode: z.string(),
  mode: VisitMode,
  startedAt: z.string(),
  endedAt: z.string(),
  visitedOn: IsoDate,
  /** Metres from the home's known coordinates (door visits with a location), rounded to 10 m. */
  distanceMeters: z.number().int().nullable(),
  checklist: Checklist,
  notes: z.string().nullable(),
  risks: z.array(z.string()),
  referrals: z.array(z.string()),
  nextDueOn: IsoDate.nullable(),
  flags: z.array(Flag),
  status: RecordStatus,
  workerAccountId: z.number().int(),
  workerName: z.string(),
  recordedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});
export const RecordsQuery = z.object({
  regionCode: RegionCode.optional(),
  status: RecordStatus.optional(),
  page: Page,
  pageSize: PageSize,
});
export const RecordList = z.object({ items: z.array(VisitRecord), total: z.number().int() });
export const RejectBody = z.object({ reason: z.string().trim().min(2).max(500) });
/** The reason for a flag the server raised after the visit was sent (the worker could not give it then). */
export const FlagReasonBody = z.object({
  offSiteReason: OffSiteReason.optional(),
  offScheduleReason: OffScheduleReason.optional(),
  /** Required with the reason code `other`. */
  note: z.string().trim().min(2).max(500).optional(),
});
export const AwaitingReasonQuery = z.object({
  regionCode: RegionCode.optional(),
  page: Page,
  pageSize: PageSize,
});

// ---- the monthly visit rate (月探访率) ----
export const RateQuery = z.object({ regionCode: RegionCode.optional(), month: Month.optional() });
const RateFigures = {
  targets: z.number().int(),
  visited: z.number().int(),
  /** Percent, one decimal; null when the region has no targets that month. */
  rate: z.number().nullable(),
};
export const RateChild = z.object({ regionCode: z.string(), name: z.string(), ...RateFigures });
export const Rate = z.object({
  regionCode: z.string(),
  name: z.string(),
  month: Month,
  ...RateFigures,
  children: z.array(RateChild),
});
export const UnvisitedItem = z.object({
  personId: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  tier: Tier,
  workerAccountId: z.number().int().nullable(),
  workerName: z.string().nullable(),
  lastVisitOn: IsoDate.nullable(),
});
export const UnvisitedQuery = z.object({ month: Month.optional(), page: Page, pageSize: PageSize });
export const UnvisitedList = z.object({
  regionCode: z.string(),
  month: Month,
  items: z.array(UnvisitedItem),
  total: z.number().int(),
});

// ---- alerts ----
export const AlertsQuery = z.object({ regionCode: RegionCode.optional() });
export const Alerts = z.object({
  month: Month,
  daysLeft: z.number().int(),
  targetRate: z.number(),
  /** Filled only when ≤ the city's alert days (7) of the month remain. */
  unvisited: z.array(UnvisitedItem),
  belowTarget: z.array(RateChild),
});

export type RosterItemView = z.infer<typeof RosterItem>;
export type TaskItemView = z.infer<typeof TaskItem>;
export type VisitRecordView = z.infer<typeof VisitRecord>;
export type RecordInput = z.infer<typeof RecordBody>;
export type FlagView = z.infer<typeof Flag>;
export type FlagReasonInput = z.infer<typeof FlagReasonBody>;
export type TierName = (typeof TIERS)[number];
export type FrequencyName = (typeof FREQUENCIES)[number];
export type RosterReasonName = (typeof ROSTER_REASONS)[number];
