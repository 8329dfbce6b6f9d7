import { useCallback } from 'react';
import { useLocation } from 'react-router-dom';
import { REGION_PARAM } from '../../regions/scope';

/** Links within the console that keep the selected region (`?region=`), so the sider tree stays where it was. */
export function useScopedHref(): (path: string) => string {
  const location = useLocation();
  return useCallback(
    (path: string) => {
      const region = new URLSearchParams(location.search).get(REGION_PARAM);
      return region ? `${path}?${REGION_PARAM}=${encodeURIComponent(region)}` : path;
    },
    [location.search],
  );
}

export const today = (): string => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};
