import { App as AntdApp } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { SessionProvider } from './auth/SessionProvider';
import { I18nProvider } from './i18n';
import { FullPageSpin } from './layout/FullPageSpin';
import { SECTIONS } from './sections';

const LoginPage = lazy(() => import('./auth/LoginPage'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout'));
const PublicFilingsPage = lazy(() => import('./public/PublicFilingsPage'));

const router = createBrowserRouter(
  [
    {
      path: '/login',
      element: (
        <Suspense fallback={<FullPageSpin />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      // The public register of filed providers: no login.
      path: '/public/filings',
      element: (
        <Suspense fallback={<FullPageSpin />}>
          <PublicFilingsPage />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <Suspense fallback={<FullPageSpin />}>
            <ConsoleLayout />
          </Suspense>
        </RequireAuth>
      ),
      children: SECTIONS.flatMap((section) => [
        section.path === '/'
          ? { index: true, element: <section.page /> }
          : { path: section.path.slice(1), element: <section.page /> },
        ...(section.children ?? []).map((child) => ({ path: child.path.slice(1), element: <child.page /> })),
      ]),
    },
    { path: '*', element: <Navigate to="/" replace /> },
  ],
  {
    future: {
      v7_relativeSplatPath: true,
      v7_fetcherPersist: true,
      v7_normalizeFormMethod: true,
      v7_partialHydration: true,
      v7_skipActionErrorRevalidation: true,
    },
  },
);

const theme = {
  token: {
    colorPrimary: '#1f6feb',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

export function App() {
  return (
    <I18nProvider theme={theme}>
      <AntdApp>
        <SessionProvider>
          <RouterProvider router={router} future={{ v7_startTransition: true }} />
        </SessionProvider>
      </AntdApp>
    </I18nProvider>
  );
}
