import {
  addWorkingDays,
  calendarCovers,
  workingDaysBetween,
  type WorkingCalendar,
} from '../calendar/working-days.ts';
import type { FilingAction, FilingStatus } from './state-machine.ts';

export type FilingDomain = 'elderly_care' | 'childcare';
export type FilingKind = 'initial' | 'change' | 'deregistration';
export const DEADLINE_STEPS = [
  'receipt',
  'non_compliance_notice',
  'filing_due_after_first_admission',
] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

/** A legal deadline as data: a national default (regionCode null) or a region's override, for a validity period. */
export interface DeadlineRule {
  id: number;
  regionCode: string | null;
  domain: FilingDomain;
  step: DeadlineStep;
  workingDays: number;
  validFrom: string;
  /** Exclusive; null = still in force. */
  validTo: string | null;
}

/** The rule in force on a date for a region: the most specific region wins over the national default. */
export function ruleFor(
  rules: readonly DeadlineRule[],
  want: { domain: FilingDomain; step: DeadlineStep; regionCode: string; on: string },
): DeadlineRule | null {
  let best: DeadlineRule | null = null;
  for (const rule of rules) {
    if (rule.domain !== want.domain || rule.step !== want.step) continue;
    if (rule.regionCode !== null && !want.regionCode.startsWith(rule.regionCode)) continue;
    if (rule.validFrom > want.on || (rule.validTo !== null && want.on >= rule.validTo)) continue;
    if (!best || (rule.regionCode?.length ?? 0) > (best.regionCode?.length ?? 0)) best = rule;
  }
  return best;
}

export interface FilingTimeline {
  kind: FilingKind;
  domain: FilingDomain;
  /** The county of the facility. */
  regionCode: string;
  status: FilingStatus;
  firstAdmissionDate: string | null;
  /** In the order they happened, each with its China date. */
  events: readonly { action: FilingAction; on: string }[];
}

export type StepState = 'pending' | 'overdue' | 'done' | 'done_late' | 'closed';

export interface StepDeadline {
  step: DeadlineStep;
  /** The date the clock started (submission, first admission). */
  from: string;
  workingDays: number;
  dueOn: string;
  ruleId: number;
  doneOn: string | null;
  state: StepState;
  /** Working days past the due date (so far, or when done); 0 when on time. */
  workingDaysLate: number;
  /** The due date lies in a year without a published holiday arrangement. */
  provisional: boolean;
}

const HANDLING: ReadonlySet<FilingAction> = new Set([
  'receive',
  'request_correction',
  'approve',
  'reject',
  'notify_non_compliance',
]);
const DECIDING: ReadonlySet<FilingAction> = new Set([
  'request_correction',
  'approve',
  'reject',
  'notify_non_compliance',
]);

/**
 * The legal deadlines of a filing and where each stands today. The receipt and the notice of non-compliance run
 * from the latest (re)submission — a correction restarts the clock; the care-home filing runs from the first
 * admission of a resident to the first submission. A withdrawn filing closes its open steps.
 */
export function filingDeadlines(
  timeline: FilingTimeline,
  rules: readonly DeadlineRule[],
  calendar: WorkingCalendar,
  today: string,
): StepDeadline[] {
  const { events } = timeline;
  const steps: StepDeadline[] = [];
  const step = (name: DeadlineStep, from: string, doneOn: string | null, closed: boolean) => {
    const rule = ruleFor(rules, {
      domain: timeline.domain,
      step: name,
      regionCode: timeline.regionCode,
      on: from,
    });
    if (!rule) return;
    const dueOn = addWorkingDays(from, rule.workingDays, calendar);
    const until = doneOn ?? today;
    // Late is any day after the due date, a weekend included; the count of working days says by how much.
    const late = until > dueOn;
    const workingDaysLate = late ? workingDaysBetween(dueOn, until, calendar) : 0;
    const state: StepState = doneOn
      ? late
        ? 'done_late'
        : 'done'
      : closed
        ? 'closed'
        : late
          ? 'overdue'
          : 'pending';
    steps.push({
      step: name,
      from,
      workingDays: rule.workingDays,
      dueOn,
      ruleId: rule.id,
      doneOn,
      state,
      workingDaysLate: state === 'closed' ? 0 : workingDaysLate,
      provisional: !calendarCovers(from, dueOn, calendar),
    });
  };

  const firstSubmit = events.find((event) => event.action === 'submit');
  if (timeline.kind === 'initial' && timeline.firstAdmissionDate) {
    step(
      'filing_due_after_first_admission',
      timeline.firstAdmissionDate,
      firstSubmit?.on ?? null,
      !firstSubmit && timeline.status === 'withdrawn',
    );
  }

  let lastSubmitAt = -1;
  events.forEach((event, index) => {
    if (event.action === 'submit' || event.action === 'resubmit') lastSubmitAt = index;
  });
  if (lastSubmitAt >= 0) {
    const since = events.slice(lastSubmitAt + 1);
    const from = events[lastSubmitAt].on;
    const withdrawn = since.some((event) => event.action === 'withdraw');
    step('receipt', from, since.find((event) => HANDLING.has(event.action))?.on ?? null, withdrawn);
    step(
      'non_compliance_notice',
      from,
      since.find((event) => DECIDING.has(event.action))?.on ?? null,
      withdrawn,
    );
  }
  return steps;
}

/** Whether any step is past due and still open: what the department's alerts show. */
export function overdueSteps(steps: readonly StepDeadline[]): StepDeadline[] {
  return steps.filter((step) => step.state === 'overdue');
}
