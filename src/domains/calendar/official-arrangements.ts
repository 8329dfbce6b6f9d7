import type { CalendarDay } from './working-days.ts';

/**
 * The State Council's published holiday arrangements for 2025 and 2026, the same data migration 0011 seeds. Kept
 * here too so the working-day rules can be unit-tested against the real calendar without a database; the database
 * copy is the one that counts at run time, maintained by administrators through the API.
 */
export const OFFICIAL_ARRANGEMENTS: readonly CalendarDay[] = [
  ...range('2025-01-01', '2025-01-01', '元旦'),
  ...range('2025-01-28', '2025-02-04', '春节'),
  swap('2025-01-26', '春节调休上班'),
  swap('2025-02-08', '春节调休上班'),
  ...range('2025-04-04', '2025-04-06', '清明节'),
  ...range('2025-05-01', '2025-05-05', '劳动节'),
  swap('2025-04-27', '劳动节调休上班'),
  ...range('2025-05-31', '2025-06-02', '端午节'),
  ...range('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  swap('2025-09-28', '国庆节调休上班'),
  swap('2025-10-11', '国庆节调休上班'),
  ...range('2026-01-01', '2026-01-03', '元旦'),
  swap('2026-01-04', '元旦调休上班'),
  ...range('2026-02-15', '2026-02-23', '春节'),
  swap('2026-02-14', '春节调休上班'),
  swap('2026-02-28', '春节调休上班'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  swap('2026-05-09', '劳动节调休上班'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  swap('2026-09-20', '国庆节调休上班'),
  swap('2026-10-10', '国庆节调休上班'),
];

function range(from: string, to: string, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    days.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return days;
}

function swap(date: string, name: string): CalendarDay {
  return { date, kind: 'workday_swap', name };
}
