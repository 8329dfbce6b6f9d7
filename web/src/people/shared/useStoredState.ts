import { useCallback, useState } from 'react';

/**
 * State kept in sessionStorage under `laoyou.<key>`, so that a list's filters and page survive opening a record
 * and coming back, without leaking into other pages' URLs.
 */
export function useStoredState<T>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const storageKey = `laoyou.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.sessionStorage.getItem(storageKey);
      return stored ? { ...initial, ...(JSON.parse(stored) as T) } : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const resolved = typeof next === 'function' ? (next as (prev: T) => T)(prev) : next;
        try {
          window.sessionStorage.setItem(storageKey, JSON.stringify(resolved));
        } catch {
          // Not kept across pages, but the page still works.
        }
        return resolved;
      });
    },
    [storageKey],
  );
  return [value, set];
}
