/**
 * The caring-visit enumerations, free of zod and server imports so that the console (web/src/visits) uses the
 * same lists as the API contract in schemas.ts.
 */
export const TIERS = ['high', 'key', 'general'] as const;

export const FREQUENCIES = ['weekly', 'monthly', 'quarterly'] as const;

/** Why someone is on the roster (民政部 2022 categories) and what raises their tier. */
export const ROSTER_REASONS = [
  'living_alone',
  'empty_nest',
  'left_behind',
  'disabled',
  'severely_handicapped',
  'special_family',
  'dementia',
  'age_80_plus',
  'override',
] as const;

export const TASK_KINDS = ['regular', 'extra'] as const;

export const EVENT_KINDS = ['hospital_discharge', 'bereavement', 'alarm'] as const;

export const VISIT_MODES = ['door', 'phone', 'video'] as const;

export const CHECK_VALUES = ['ok', 'concern', 'not_checked'] as const;

export const CHECKLIST_ITEMS = [
  'health',
  'mentalState',
  'utilitiesSafety',
  'hygiene',
  'livingEnvironment',
] as const;

export const RECORD_STATUSES = ['pending', 'verified', 'rejected'] as const;

/** Reason codes a worker gives for a door visit recorded away from the home (the GPS tolerance exception). */
export const OFF_SITE_REASONS = [
  'met_elsewhere',
  'in_hospital',
  'at_relatives',
  'gps_inaccurate',
  'other',
] as const;

/** Reason codes for a visit made well before or after its task's period. */
export const OFF_SCHEDULE_REASONS = [
  'person_away',
  'family_request',
  'worker_unavailable',
  'emergency',
  'other',
] as const;

export const FLAG_CODES = ['far_from_home', 'off_schedule', 'no_location', 'late_extra_visit'] as const;
