import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export type SessionState =
  | { status: 'loading'; me: null; error: null }
  | { status: 'authenticated'; me: Me; error: null }
  | { status: 'anonymous'; me: null; error: null }
  | { status: 'error'; me: null; error: Error };

export interface SessionContextValue {
  state: SessionState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() must be used inside <SessionProvider>');
  return value;
}

/** The signed-in account; only call below <RequireAuth>. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe() called without a session');
  return state.me;
}
