import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface ApiState<T> {
  data: T | null;
  error: Error | null;
  /** True while the current path is loading; the previous data stays shown (dimmed) meanwhile. */
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` whenever it changes (null: nothing to load yet). Keeps the previous answer while the next one loads,
 * so that paging and filtering do not flash an empty table.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: Error | null }>({
    key: null,
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const key = path === null ? null : `${attempt}:${path}`;

  useEffect(() => {
    if (path === null || key === null) return;
    const controller = new AbortController();
    api.get<T>(path, { signal: controller.signal }).then(
      (data) => setState({ key, data, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState((prev) => ({ key, data: prev.data, error: error as Error }));
      },
    );
    return () => controller.abort();
  }, [path, key]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const loading = key !== null && state.key !== key;
  return { data: state.data, error: loading ? null : state.error, loading, reload };
}
