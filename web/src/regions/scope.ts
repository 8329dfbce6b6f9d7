import { createContext, useCallback, useContext } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import type { RegionNode } from '../api/types';

export interface RegionScopeValue {
  /** Roots of the signed-in user's scope (null while loading). */
  roots: RegionNode[] | null;
  error: Error | null;
  reload: () => void;
}

export const RegionScopeContext = createContext<RegionScopeValue | null>(null);

export function useRegionScope(): RegionScopeValue {
  const value = useContext(RegionScopeContext);
  if (!value) throw new Error('useRegionScope() must be used inside <RegionScopeProvider>');
  return value;
}

export const REGION_PARAM = 'region';

/**
 * The region the page is about: `?region=CODE` from the URL, else the first scope root.
 * `select()` writes the choice back into the URL (keeping other query parameters).
 */
export function useSelectedRegion(): { code: string | null; select: (code: string) => void } {
  const { roots } = useRegionScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const fromUrl = searchParams.get(REGION_PARAM);
  const code = fromUrl || roots?.[0]?.code || null;
  const select = useCallback(
    (next: string) => {
      setSearchParams((prev) => {
        const params = new URLSearchParams(prev);
        params.set(REGION_PARAM, next);
        return params;
      });
    },
    [setSearchParams],
  );
  return { code, select };
}

/** Builds links to the current page for another region (for real anchors: middle-click, copy link). */
export function useRegionHref(): (code: string) => string {
  const location = useLocation();
  return useCallback(
    (code: string) => {
      const params = new URLSearchParams(location.search);
      params.set(REGION_PARAM, code);
      return `${location.pathname}?${params.toString()}`;
    },
    [location.pathname, location.search],
  );
}

const CODE_PREFIX_LENGTHS = [2, 4, 6, 9];

/**
 * Candidate ancestor codes of an administrative division code (GB/T 2260 + township/village extensions):
 * 340603001 → 34, 3406, 340603. Only used to pre-expand the tree; codes that are not loaded are ignored.
 */
export function ancestorCodeCandidates(code: string): string[] {
  return CODE_PREFIX_LENGTHS.filter((length) => length < code.length).map((length) => code.slice(0, length));
}
