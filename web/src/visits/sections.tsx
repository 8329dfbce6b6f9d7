import { CarryOutOutlined, HeartOutlined, LineChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Me } from '../api/types';
import type { Section } from '../sections';

const holds = (me: Me, permission: string) => me.permissions.includes(permission);
/** A community worker (社区探访员) records visits on a phone; officers may record too but verify and manage. */
export const isVisitWorker = (me: Me) =>
  me.roles.some((role) => (role.role as string) === 'community_worker') && !holds(me, 'visits.manage');

// The list imports the form statically, so the form is loaded before the network can go away.
const WorkerVisitsPage = lazy(() => import('./WorkerVisitsPage'));
const VisitFormPage = lazy(() => import('./VisitFormPage'));

export const VISIT_SECTIONS: Section[] = [
  {
    path: '/my-visits',
    labelKey: 'visits.nav.worker',
    icon: <CarryOutOutlined />,
    page: WorkerVisitsPage,
    visible: isVisitWorker,
    children: [{ path: '/my-visits/:taskId', page: VisitFormPage }],
  },
  {
    path: '/visits',
    labelKey: 'visits.nav.supervise',
    icon: <HeartOutlined />,
    page: lazy(() => import('./ReviewPage')),
    visible: (me) => holds(me, 'visits.verify') || holds(me, 'visits.manage'),
    children: [
      { path: '/visits/roster', page: lazy(() => import('./RosterPage')) },
      { path: '/visits/tasks', page: lazy(() => import('./TasksPage')) },
      { path: '/visits/rate', page: lazy(() => import('./RatePage')) },
    ],
  },
  {
    path: '/visit-rate',
    labelKey: 'visits.nav.rate',
    icon: <LineChartOutlined />,
    page: lazy(() => import('./RateOnlyPage')),
    visible: (me) => holds(me, 'visits.rate') && !holds(me, 'visits.read'),
  },
];
