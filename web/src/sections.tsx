import { FundOutlined, PieChartOutlined, ScheduleOutlined } from '@ant-design/icons';
import { AuditOutlined, CloudUploadOutlined, FileProtectOutlined, HeartOutlined } from '@ant-design/icons';
import {
  BarChartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Me } from './api/types';
import type { MessageKey } from './i18n';
import { VISIT_SECTIONS } from './visits/sections';

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
    visible: (me) => me.principalType !== 'family',
  },
  {
    path: '/people',
    labelKey: 'nav.people',
    icon: <TeamOutlined />,
    page: lazy(() => import('./people/PeopleListPage')),
    visible: (me) => holds(me, 'people.read'),
    children: [
      { path: '/people/new', page: lazy(() => import('./people/PersonFormPage')) },
      { path: '/people/:id', page: lazy(() => import('./people/PersonDetailPage')) },
      { path: '/people/:id/edit', page: lazy(() => import('./people/PersonFormPage')) },
    ],
  },
  {
    path: '/households',
    labelKey: 'nav.households',
    icon: <HomeOutlined />,
    page: lazy(() => import('./households/HouseholdListPage')),
    visible: (me) => holds(me, 'people.read'),
    children: [{ path: '/households/:id', page: lazy(() => import('./households/HouseholdDetailPage')) }],
  },
  {
    path: '/population',
    labelKey: 'nav.population',
    icon: <BarChartOutlined />,
    page: lazy(() => import('./population/PopulationPage')),
    visible: (me) => holds(me, 'population.read'),
  },
  {
    path: '/providers',
    labelKey: 'nav.providers',
    icon: <ShopOutlined />,
    page: lazy(() => import('./providers/ProvidersPage')),
    visible: (me) => holds(me, 'providers.read') || holds(me, 'providers.own'),
    children: [
      { path: '/providers/facilities/:id', page: lazy(() => import('./providers/FacilityDetailPage')) },
      {
        path: '/providers/organisations/:id',
        page: lazy(() => import('./providers/OrganisationDetailPage')),
      },
    ],
  },
  {
    path: '/plan',
    labelKey: 'nav.plan',
    icon: <FundOutlined />,
    page: lazy(() => import('./plan/PlanPage')),
    visible: (me) => me.principalType === 'government' && holds(me, 'population.read'),
  },
  {
    path: '/plan-tasks',
    labelKey: 'planTasks.nav',
    icon: <ScheduleOutlined />,
    page: lazy(() => import('./plan-tasks/PlanTasksPage')),
    visible: (me) => me.principalType === 'government' && holds(me, 'population.read'),
  },
  {
    path: '/staff',
    labelKey: 'nav.staff',
    icon: <IdcardOutlined />,
    page: lazy(() => import('./staff/StaffListPage')),
    visible: (me) => holds(me, 'staff.read') || holds(me, 'providers.own'),
    children: [{ path: '/staff/:id', page: lazy(() => import('./staff/StaffDetailPage')) }],
  },
  {
    path: '/my-filings',
    labelKey: 'filing.nav.provider',
    icon: <FileProtectOutlined />,
    page: lazy(() => import('./filing/MyFilingsPage')),
    visible: (me) => holds(me, 'filing.submit'),
    children: [
      { path: '/my-filings/new', page: lazy(() => import('./filing/NewFilingPage')) },
      { path: '/my-filings/:id', page: lazy(() => import('./filing/MyFilingPage')) },
    ],
  },
  {
    path: '/filings',
    labelKey: 'filing.nav.review',
    icon: <AuditOutlined />,
    page: lazy(() => import('./filing/FilingInboxPage')),
    visible: (me) => holds(me, 'filing.review'),
    children: [{ path: '/filings/:id', page: lazy(() => import('./filing/ReviewFilingPage')) }],
  },
  {
    path: '/intake',
    labelKey: 'intake.nav',
    icon: <CloudUploadOutlined />,
    page: lazy(() => import('./intake/IntakePage')),
    visible: (me) => holds(me, 'intake.run'),
  },
  {
    path: '/family',
    labelKey: 'family.nav',
    icon: <HeartOutlined />,
    page: lazy(() => import('./family/FamilyPage')),
    visible: (me) => me.principalType === 'family',
    children: [{ path: '/family/relatives/:id', page: lazy(() => import('./family/RelativePage')) }],
  },
  ...VISIT_SECTIONS,
];
