import { Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RegionNode } from '../../api/types';
import { fetchChildren } from '../../regions/api';
import { ancestorCodeCandidates, useRegionScope } from '../../regions/scope';

// Region names are looked up through the parent's children (the same calls the sider tree makes), once per parent.
const childrenCache = new Map<string, Promise<RegionNode[]>>();

export function childrenOf(code: string): Promise<RegionNode[]> {
  let pending = childrenCache.get(code);
  if (!pending) {
    pending = fetchChildren(code);
    pending.catch(() => childrenCache.delete(code));
    childrenCache.set(code, pending);
  }
  return pending;
}

/** The name of a region code, or null while unknown (outside the caller's scope, or still loading). */
export function useRegionName(code: string | null | undefined): string | null {
  const { roots } = useRegionScope();
  const root = roots?.find((region) => region.code === code);
  const [found, setFound] = useState<{ code: string; name: string | null } | null>(null);

  useEffect(() => {
    // Wait for the scope roots: a root is named by them, and its parent lies outside the scope.
    if (!code || !roots || root) return;
    const parent = ancestorCodeCandidates(code).pop();
    if (!parent) return;
    let cancelled = false;
    childrenOf(parent).then(
      (children) => {
        if (!cancelled) setFound({ code, name: children.find((child) => child.code === code)?.name ?? null });
      },
      () => {
        if (!cancelled) setFound({ code, name: null });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [code, roots, root]);

  if (!code) return null;
  if (root) return root.name;
  return found?.code === code ? found.name : null;
}

/** A region shown by name (code on hover); the bare code when the name cannot be looked up. */
export function RegionName({ code }: { code: string | null | undefined }) {
  const name = useRegionName(code);
  if (!code) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={code}>
      <span data-region-code={code}>{name ?? code}</span>
    </Tooltip>
  );
}
