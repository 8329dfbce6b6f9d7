import { App as AntdApp } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { SessionProvider } from './auth/SessionProvider';
import { I18nProvider } from './i18n';
import { FullPageSpin } from './layout/FullPageSpin';

const LoginPage = lazy(() => import('./auth/LoginPage'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout'));
const HomePage = lazy(() => import('./regions/HomePage'));

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
      path: '/',
      element: (
        <RequireAuth>
          <Suspense fallback={<FullPageSpin />}>
            <ConsoleLayout />
          </Suspense>
        </RequireAuth>
      ),
      children: [{ index: true, element: <HomePage /> }],
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
