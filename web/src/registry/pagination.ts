import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n';

export interface PageState {
  page: number;
  pageSize: number;
}

/**
 * The pager of a registry list bound to its stored filters: another page size starts again at page 1, and a total
 * the server only knows as a lower bound reads "at least N".
 */
export function listPagination(
  t: Translate,
  {
    state,
    total,
    totalIsExact = true,
    onChange,
    ...rest
  }: {
    state: PageState;
    total: number | undefined;
    totalIsExact?: boolean;
    onChange: (next: PageState) => void;
  } & Omit<TablePaginationConfig, 'current' | 'pageSize' | 'total' | 'onChange'>,
): TablePaginationConfig {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (count) =>
      totalIsExact
        ? t('table.total', { total: count.toLocaleString() })
        : t('registry.totalAtLeast', { total: count.toLocaleString() }),
    onChange: (page, pageSize) => onChange({ page: pageSize === state.pageSize ? page : 1, pageSize }),
    ...rest,
  };
}
