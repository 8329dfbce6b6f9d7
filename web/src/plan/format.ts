import type { Status } from './api';

/** Status colours shared by the table tags, the region chart and the legend: green, blue, amber, red, grey. */
export const STATUS_COLORS: Record<Status, string> = {
  met: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#d48806',
  off_track: '#cf1322',
  no_data: '#8c8c8c',
  not_applicable: '#bfbfbf',
};

export const STATUS_TAG: Record<Status, string> = {
  met: 'success',
  on_track: 'processing',
  at_risk: 'warning',
  off_track: 'error',
  no_data: 'default',
  not_applicable: 'default',
};

export const STATUSES: Status[] = ['met', 'on_track', 'at_risk', 'off_track', 'no_data', 'not_applicable'];

/** Decimals a figure is shown with: as many as the plan's own figures use, at most two. */
export function decimalsOf(...values: (number | null | undefined)[]): number {
  let decimals = 0;
  for (const value of values) {
    if (value === null || value === undefined || Number.isInteger(value)) continue;
    const text = String(value);
    decimals = Math.max(decimals, Math.min(2, text.length - text.indexOf('.') - 1));
  }
  return decimals;
}

export function formatNumber(value: number | null | undefined, decimals = decimalsOf(value)): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatSigned(value: number | null | undefined, decimals = decimalsOf(value)): string {
  if (value === null || value === undefined) return '—';
  const text = formatNumber(Math.abs(value), decimals);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** The last day of a year up to today (a plan is judged at year ends), or today. */
export function yearEnd(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}
