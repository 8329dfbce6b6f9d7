import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError, setUnauthorizedHandler } from '../api/client';
import * as authApi from './api';
import { SessionContext, type SessionContextValue, type SessionState } from './session';

const ANONYMOUS: SessionState = { status: 'anonymous', me: null, error: null };

/** Loads the session from GET /api/auth/me and keeps it current across login/logout and 401s. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading', me: null, error: null });

  const refresh = useCallback(async () => {
    try {
      const me = await authApi.fetchMe();
      setState({ status: 'authenticated', me, error: null });
    } catch (error) {
      if (isApiError(error) && error.status === 401) setState(ANONYMOUS);
      else setState({ status: 'error', me: null, error: error as Error });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any API call that answers 401 (expired session) drops the session; <RequireAuth> then shows the login page.
  useEffect(() => setUnauthorizedHandler(() => setState(ANONYMOUS)), []);

  const login = useCallback(async (username: string, password: string) => {
    const me = await authApi.login(username, password);
    setState({ status: 'authenticated', me, error: null });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // Already signed out on the server: treat as success.
      if (!(isApiError(error) && error.status === 401)) throw error;
    }
    setState(ANONYMOUS);
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({ state, login, logout, refresh }),
    [state, login, logout, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
