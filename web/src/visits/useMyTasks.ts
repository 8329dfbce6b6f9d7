import { useCallback, useEffect, useState } from 'react';
import { api, isApiError } from '../api/client';
import { paths, type List, type TaskItem } from './api';

const RANK: Record<TaskItem['status'], number> = { overdue: 0, open: 1, done: 2 };

/** Overdue first, then open extra visits by deadline, then the rest by due date; done last. */
export function sortTasks(tasks: TaskItem[]): TaskItem[] {
  const deadline = (task: TaskItem) => task.dueAt ?? `${task.dueOn}T23:59:59`;
  return [...tasks].sort(
    (a, b) =>
      RANK[a.status] - RANK[b.status] ||
      Number(b.kind === 'extra') - Number(a.kind === 'extra') ||
      deadline(a).localeCompare(deadline(b)) ||
      a.id - b.id,
  );
}

const cacheKey = (accountId: number) => `laoyou.visits.tasks.${accountId}`;

/** The tasks last loaded, so the list and the form still work when the phone has no network. */
export function cachedTask(accountId: number, taskId: number): TaskItem | null {
  return readCache(accountId)?.items.find((task) => task.id === taskId) ?? null;
}

function readCache(accountId: number): { loadedAt: string; items: TaskItem[] } | null {
  try {
    const raw = window.localStorage.getItem(cacheKey(accountId));
    return raw ? (JSON.parse(raw) as { loadedAt: string; items: TaskItem[] }) : null;
  } catch {
    return null;
  }
}

export interface MyTasks {
  tasks: TaskItem[] | null;
  /** When the list shown is the one kept from an earlier load (no network now). */
  cachedAt: string | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

export function useMyTasks(accountId: number): MyTasks {
  const [state, setState] = useState<Omit<MyTasks, 'reload'>>(() => {
    const cache = readCache(accountId);
    return { tasks: cache?.items ?? null, cachedAt: cache?.loadedAt ?? null, error: null, loading: true };
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => ({ ...prev, loading: true }));
    // The server's default is this Monday–Sunday in China time, plus every earlier task still open.
    api.get<List<TaskItem>>(paths.myTasks({}), { signal: controller.signal }).then(
      (data) => {
        const loadedAt = new Date().toISOString();
        try {
          window.localStorage.setItem(cacheKey(accountId), JSON.stringify({ loadedAt, items: data.items }));
        } catch {
          // Not kept for offline use; the list still shows.
        }
        setState({ tasks: data.items, cachedAt: null, error: null, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const offline = isApiError(error) && error.status === 0;
        setState((prev) => ({
          ...prev,
          cachedAt: offline ? (readCache(accountId)?.loadedAt ?? null) : null,
          error: error as Error,
          loading: false,
        }));
      },
    );
    return () => controller.abort();
  }, [accountId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
