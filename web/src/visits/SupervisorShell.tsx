import { Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { PageHeading } from '../people/shared/PageHeading';
import { useSelectedRegion } from '../regions/scope';
import './console.css';

const TABS = [
  { path: '/visits', key: 'visits.nav.review' },
  { path: '/visits/roster', key: 'visits.nav.roster' },
  { path: '/visits/tasks', key: 'visits.nav.tasks' },
  { path: '/visits/rate', key: 'visits.nav.rate' },
] as const;

/** Heading and the four supervisor views of caring visits, keeping the selected region across them. */
export function SupervisorShell({ children, testId }: { children: ReactNode; testId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const { code } = useSelectedRegion();
  return (
    <div className="visits-console" data-testid={testId}>
      <PageHeading
        title={t('visits.nav.supervise')}
        region={code}
        extra={
          <Segmented
            value={location.pathname}
            onChange={(path) => navigate(`${path}${location.search}`)}
            options={TABS.map((tab) => ({ value: tab.path, label: t(tab.key) }))}
            data-testid="visits-tabs"
          />
        }
      />
      {children}
    </div>
  );
}
