import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../i18n';
import type { Flag, RecordStatus, TaskStatus, Tier } from './api';

const TIER_COLORS: Record<Tier, string> = { high: 'red', key: 'orange', general: 'blue' };
const RECORD_COLORS: Record<RecordStatus, string> = { pending: 'gold', verified: 'green', rejected: 'red' };
const TASK_COLORS: Record<TaskStatus, string> = { open: 'blue', done: 'green', overdue: 'red' };

export function TierTag({ tier }: { tier: Tier }) {
  const t = useT();
  return <Tag color={TIER_COLORS[tier]}>{t(`visits.tier.${tier}`)}</Tag>;
}

export function RecordStatusTag({ status }: { status: RecordStatus }) {
  const t = useT();
  return (
    <Tag color={RECORD_COLORS[status]} data-testid="visits-record-status">
      {t(`visits.recordStatus.${status}`)}
    </Tag>
  );
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const t = useT();
  return <Tag color={TASK_COLORS[status]}>{t(`visits.taskStatus.${status}`)}</Tag>;
}

/**
 * A flag with the worker's reason is acknowledged (grey); without one it needs the supervisor's attention. A reason
 * given after the visit reached the server shows when, and its note (on hover in a table, in full when `detailed`).
 */
export function FlagTags({ flags, detailed = false }: { flags: Flag[]; detailed?: boolean }) {
  const t = useT();
  if (flags.length === 0) return <span>—</span>;
  const later = (flag: Flag) =>
    flag.reasonGivenAt
      ? [t('visits.reasons.givenLater', { time: formatTime(flag.reasonGivenAt) }), flag.reasonNote]
          .filter(Boolean)
          .join(' · ')
      : null;
  return (
    <span className="visits-flag-tags">
      {flags.map((flag) => (
        <span key={flag.code} className={detailed ? 'visits-flag-detailed' : undefined}>
          <Tag
            color={flag.reasonCode ? 'default' : 'volcano'}
            title={later(flag) ?? undefined}
            data-testid={`visits-flag-${flag.code}`}
          >
            {t(`visits.flag.${flag.code}`)}
            {flag.reasonCode && ` · ${reasonLabel(t, flag.reasonCode)}`}
          </Tag>
          {detailed && later(flag) && (
            <span className="visits-flag-later" data-testid="visits-flag-later">
              {later(flag)}
            </span>
          )}
        </span>
      ))}
    </span>
  );
}

function reasonLabel(t: ReturnType<typeof useT>, code: string): string {
  const offSite = `visits.offSite.${code}` as 'visits.offSite.other';
  const offSchedule = `visits.offSchedule.${code}` as 'visits.offSchedule.other';
  const text = t(offSite);
  return text !== offSite ? text : t(offSchedule) !== offSchedule ? t(offSchedule) : code;
}

export function formatTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate.toFixed(1)}%`;
}

export function currentMonth(): string {
  return dayjs().format('YYYY-MM');
}

/** A day as 'M月D日', with the year when it is not this year (an overdue task can be from last year). */
export function dayText(t: ReturnType<typeof useT>, value: string): string {
  const day = dayjs(value);
  return day.format(day.year() === dayjs().year() ? t('visits.dateFormat') : t('visits.dateFormatYear'));
}

/** A moment as 'M月D日 HH:mm', with the year when it is not this year. */
export function momentText(t: ReturnType<typeof useT>, value: string): string {
  const moment = dayjs(value);
  return moment.format(
    moment.year() === dayjs().year() ? t('visits.timeFormat') : t('visits.timeFormatYear'),
  );
}
