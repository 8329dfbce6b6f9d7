import { PieChartOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Me } from './api/types';
import type { MessageKey } from './i18n';

/**
 * One entry per console section: its path, menu label and icon, its page, and who sees it in the menu.
 * The server decides what each caller may actually read; `visible` only keeps the menu honest.
 * A feature adds itself with one line here.
 */
export interface Section {
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  page: LazyExoticComponent<ComponentType>;
  visible: (me: Me) => boolean;
  /** Nested pages (detail views) that belong to this section but have no menu entry. */
  children?: { path: string; page: LazyExoticComponent<ComponentType> }[];
}

export const holds = (me: Me, permission: string) => me.permissions.includes(permission);

export const SECTIONS: Section[] = [
  {
    path: '/',
    labelKey: 'nav.overview',
    icon: <PieChartOutlined />,
    page: lazy(() => import('./regions/HomePage')),
    visible: () => true,
  },
];
