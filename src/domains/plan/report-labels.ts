// The words a report prints, in the locale the reader asked for. zh-CN is the language of the plans; en-US follows
// the glossary. Names that have no official English (plans, regions, task titles, progress reports, standards'
// sources) stay in the plan's Chinese.
import type { ReportStatus } from './report-data.ts';
import { englishDepartment } from './report-departments.ts';
import { EN_US } from './report-text-en.ts';
import { ZH_CN } from './report-text-zh.ts';
import type { AreaType, StandardMeasure } from './standards-tables.ts';

export const REPORT_LOCALES = ['zh-CN', 'en-US'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

export interface ReportText {
  title: string;
  statuses: Record<ReportStatus, string>;
  taskStatuses: Record<string, string>;
  quantities: Record<string, string>;
  measures: Record<StandardMeasure, string>;
  areaTypes: Record<AreaType, string>;
  notes: Record<string, string>;
  standardStatuses: Record<string, string>;
  natures: { binding: string; expected: string };
  /** The plans' units in the reader's words; a unit missing here is printed as the plan wrote it. */
  units: Record<string, string>;
  yes: string;
  no: string;
  colon: string;
  listSeparator: string;
  /** "（x）" in Chinese, " (x)" in English. */
  inBrackets: (text: string) => string;
  headings: Record<'overview' | 'indicators' | 'gaps' | 'standards' | 'tasks' | 'subRegions', string>;
  sheets: Record<
    'overview' | 'indicators' | 'gaps' | 'schedule' | 'standards' | 'tasks' | 'subRegions',
    string
  >;
  columns: Record<
    | 'item'
    | 'content'
    | 'plan'
    | 'region'
    | 'regionCode'
    | 'date'
    | 'indicatorCount'
    | 'number'
    | 'indicator'
    | 'unit'
    | 'nature'
    | 'responsible'
    | 'baselineYear'
    | 'baseline'
    | 'computed'
    | 'published'
    | 'differs'
    | 'targetYear'
    | 'comparator'
    | 'target'
    | 'gap'
    | 'status'
    | 'numerator'
    | 'denominator'
    | 'quantity'
    | 'current'
    | 'toAdd'
    | 'year'
    | 'added'
    | 'planned'
    | 'stillShort'
    | 'baselineDate'
    | 'standard'
    | 'scope'
    | 'requirement'
    | 'minimum'
    | 'siteMinimum'
    | 'value'
    | 'required'
    | 'provided'
    | 'shortfall'
    | 'conclusion'
    | 'note'
    | 'source'
    | 'task'
    | 'lead'
    | 'participating'
    | 'deadline'
    | 'reportedOn'
    | 'progressStatus'
    | 'progress'
    | 'latestProgress',
    string
  >;
  regionLine: (region: string, date: string) => string;
  summary: (total: number, counts: Record<ReportStatus, number>) => string;
  schedule: (quantity: string, baseline: string, baselineDate: string, current: string) => string;
  siteMinimum: (area: string) => string;
  binding: string;
  noGaps: string;
  noStandards: string;
  noTasks: string;
  noReport: string;
  noSubRegions: string;
  page: (page: number, pages: number) => string;
}

const TEXT: Record<ReportLocale, ReportText> = { 'zh-CN': ZH_CN, 'en-US': EN_US };

/** Everything a renderer needs to print one report in one locale. */
export interface ReportWords {
  locale: ReportLocale;
  text: ReportText;
  number: (value: number | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  unit: (unit: string) => string;
  department: (name: string) => string;
  departments: (names: readonly string[]) => string;
  /** The indicator as the reader names it: the plan's wording, or the catalogue's English name beside it. */
  indicator: (indicator: { key: string; wording: string }) => string;
}

export function reportWords(locale: ReportLocale, englishNames: Record<string, string>): ReportWords {
  const text = TEXT[locale];
  // The plans print figures without grouping (8554); English readers expect 8,554.
  const numbers = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 4,
    useGrouping: locale === 'en-US',
  });
  const dates = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const department = (name: string) => (locale === 'en-US' ? (englishDepartment(name) ?? name) : name);
  return {
    locale,
    text,
    number: (value) => (value === null || value === undefined ? '—' : numbers.format(value)),
    date: (iso) => (iso ? dates.format(new Date(`${iso}T00:00:00Z`)) : '—'),
    unit: (unit) => text.units[unit] ?? unit,
    department,
    departments: (names) => names.map(department).join(text.listSeparator),
    indicator: ({ key, wording }) => {
      const english = locale === 'en-US' ? englishNames[key] : undefined;
      return english ? `${english[0].toUpperCase()}${english.slice(1)} (${wording})` : wording;
    },
  };
}

/** The locale asked for, else the first of the browser's languages the report speaks, else the plans' zh-CN. */
export function reportLocale(
  asked: ReportLocale | undefined,
  acceptLanguage: string | undefined,
): ReportLocale {
  if (asked) return asked;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}
