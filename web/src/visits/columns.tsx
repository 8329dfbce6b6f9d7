import type { ProColumns, ProTableProps } from '@ant-design/pro-components';
import type { ReactNode } from 'react';
import type { Translate } from '../i18n';
import { RegionName } from '../people/shared/regionNames';
import type { List, RecordStatus, TaskStatus, Tier } from './api';
import { RecordStatusTag, TaskStatusTag, TierTag } from './parts';

// The columns the supervisor's tables (review, tasks, roster, unvisited) share, defined once so that the same
// field reads the same everywhere; `extra` sets what differs (width, ellipsis).
type Extra<T> = Partial<ProColumns<T>>;

export function regionColumn<T extends { regionCode: string }>(
  t: Translate,
  extra: Extra<T> = {},
): ProColumns<T> {
  return {
    title: t('visits.column.region'),
    dataIndex: 'regionCode',
    render: (_, row) => <RegionName code={row.regionCode} />,
    ...extra,
  };
}

export function tierColumn<T extends { tier: Tier }>(t: Translate, extra: Extra<T> = {}): ProColumns<T> {
  return {
    title: t('visits.roster.tier'),
    dataIndex: 'tier',
    render: (_, row) => <TierTag tier={row.tier} />,
    ...extra,
  };
}

export function workerColumn<T extends { workerName: string | null }>(
  t: Translate,
  extra: Extra<T> = {},
): ProColumns<T> {
  return {
    title: t('visits.column.worker'),
    dataIndex: 'workerName',
    render: (_, row) => row.workerName ?? '—',
    ...extra,
  };
}

export function lastVisitColumn<T extends { lastVisitOn: string | null }>(t: Translate): ProColumns<T> {
  return {
    title: t('visits.tasks.lastVisit'),
    dataIndex: 'lastVisitOn',
    render: (_, row) => row.lastVisitOn ?? '—',
  };
}

export function recordStatusColumn<T extends { status: RecordStatus }>(t: Translate): ProColumns<T> {
  return {
    title: t('visits.column.status'),
    dataIndex: 'status',
    render: (_, row) => <RecordStatusTag status={row.status} />,
  };
}

export function taskStatusColumn<T extends { status: TaskStatus }>(t: Translate): ProColumns<T> {
  return {
    title: t('visits.column.status'),
    dataIndex: 'status',
    render: (_, row) => <TaskStatusTag status={row.status} />,
  };
}

export function actionsColumn<T>(
  t: Translate,
  render: (row: T) => ReactNode[],
  extra: Extra<T> = {},
): ProColumns<T> {
  return {
    title: t('visits.column.actions'),
    key: 'actions',
    valueType: 'option',
    render: (_, row) => render(row),
    ...extra,
  };
}

/**
 * What the supervisor's region lists have in common: no search form, reload only, 20 a page, and nothing to load
 * until a region is chosen.
 */
export function regionListProps<T, P extends { region: string | null }>(
  load: (regionCode: string, params: P & { current: number; pageSize: number }) => Promise<List<T>>,
): Pick<ProTableProps<T, P>, 'search' | 'options' | 'size' | 'pagination' | 'request'> {
  return {
    search: false,
    options: { density: false, setting: false, reload: true },
    size: 'middle',
    pagination: { pageSize: 20, showSizeChanger: false },
    request: async (params) => {
      const { current = 1, pageSize = 20 } = params;
      const region = (params as unknown as P).region;
      if (!region) return { data: [], total: 0, success: true };
      const list = await load(region, { ...(params as unknown as P), current, pageSize });
      return { data: list.items, total: list.total, success: true };
    },
  };
}
