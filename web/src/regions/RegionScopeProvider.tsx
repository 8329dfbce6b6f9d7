import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RegionNode } from '../api/types';
import { fetchRoots } from './api';
import { RegionScopeContext, type RegionScopeValue } from './scope';

/** Loads the roots of the user's region scope once for the whole console. */
export function RegionScopeProvider({ children }: { children: ReactNode }) {
  const [roots, setRoots] = useState<RegionNode[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    fetchRoots(controller.signal).then(
      (regions) => setRoots(regions),
      (err: unknown) => {
        if (!controller.signal.aborted) setError(err as Error);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const value = useMemo<RegionScopeValue>(() => ({ roots, error, reload }), [roots, error, reload]);
  return <RegionScopeContext.Provider value={value}>{children}</RegionScopeContext.Provider>;
}
