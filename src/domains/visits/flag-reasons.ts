// Reasons for flags given after the fact. A visit recorded offline is flagged only when the server sees it (the
// home's distance and the task's period are known there), so the worker can first answer the flag afterwards: an
// off-site reason answers the location flags, an off-schedule reason the timing flags.
import { fieldError, type FieldError } from '../../server/errors.ts';
import type { FlagReasonInput, FlagView } from './schemas.ts';

const OFF_SITE_FLAGS: ReadonlySet<string> = new Set(['far_from_home', 'no_location']);
const OFF_SCHEDULE_FLAGS: ReadonlySet<string> = new Set(['off_schedule', 'late_extra_visit']);

/** Flags a supervisor would otherwise see unexplained. */
export function needsReason(flags: readonly FlagView[]): boolean {
  return flags.some((flag) => flag.reasonCode === null);
}

/**
 * The record's flags with the reasons applied (a reason replaces an earlier one: the record is still pending and
 * the change is audited), or the problems: no reason at all, a reason for a kind of flag the record does not have,
 * or `other` without a note.
 */
export function giveReasons(
  flags: readonly FlagView[],
  input: FlagReasonInput,
  givenAt: Date,
): { flags: FlagView[] } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  if (!input.offSiteReason && !input.offScheduleReason) {
    problems.push(fieldError('body', '请选择原因', 'Choose a reason'));
  }
  if (input.offSiteReason && !flags.some((flag) => OFF_SITE_FLAGS.has(flag.code))) {
    problems.push(
      fieldError('body.offSiteReason', '这条记录没有位置异常', 'This visit has no location flag'),
    );
  }
  if (input.offScheduleReason && !flags.some((flag) => OFF_SCHEDULE_FLAGS.has(flag.code))) {
    problems.push(
      fieldError('body.offScheduleReason', '这条记录没有时间异常', 'This visit has no timing flag'),
    );
  }
  if ((input.offSiteReason === 'other' || input.offScheduleReason === 'other') && !input.note) {
    problems.push(fieldError('body.note', '选择“其他”时请说明情况', 'Explain the reason “other” in a note'));
  }
  if (problems.length > 0) return { problems };
  const at = givenAt.toISOString();
  const note = input.note ?? null;
  return {
    flags: flags.map((flag) => {
      const reasonCode = OFF_SITE_FLAGS.has(flag.code)
        ? input.offSiteReason
        : OFF_SCHEDULE_FLAGS.has(flag.code)
          ? input.offScheduleReason
          : undefined;
      return reasonCode ? { ...flag, reasonCode, reasonNote: note, reasonGivenAt: at } : flag;
    }),
  };
}
