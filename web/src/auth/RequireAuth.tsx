import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { FullPageSpin } from '../layout/FullPageSpin';
import { useSession } from './session';

/** Renders children only with a session; otherwise redirects to /login?next=<current page>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  const t = useT();
  const { pick } = useLocale();

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error') {
    return (
      <Result
        status="warning"
        title={t('app.loadFailed')}
        subTitle={isApiError(state.error) ? pick(state.error.messages) : state.error.message}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  if (state.status === 'anonymous') {
    const next = location.pathname + location.search;
    const target = next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
    return <Navigate to={target} replace />;
  }
  return <>{children}</>;
}
