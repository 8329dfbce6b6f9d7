import { Alert, Button, Empty, Skeleton, Tree, type TreeDataNode } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type Key } from 'react';
import type { RegionNode } from '../api/types';
import { useT } from '../i18n';
import { fetchChildren } from './api';
import { ancestorCodeCandidates, useRegionScope, useSelectedRegion } from './scope';
import './regions.css';

interface RegionTreeNode extends TreeDataNode {
  key: string;
  region: RegionNode;
  children?: RegionTreeNode[];
}

function buildNodes(regions: RegionNode[], childrenOf: Map<string, RegionNode[]>): RegionTreeNode[] {
  return regions.map((region) => {
    const loaded = childrenOf.get(region.code);
    return {
      key: region.code,
      region,
      title: region.name,
      isLeaf: region.childCount === 0,
      children: loaded ? buildNodes(loaded, childrenOf) : undefined,
    };
  });
}

/**
 * Region tree of the user's scope. Starts at the scope roots (the first one expanded), loads children lazily
 * on expand, and mirrors the page's selected region (`?region=`), expanding its ancestors when needed.
 */
export function RegionTree() {
  const t = useT();
  const { roots, error, reload } = useRegionScope();
  const { code: selected, select } = useSelectedRegion();
  const [childrenOf, setChildrenOf] = useState<Map<string, RegionNode[]>>(() => new Map());
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const childrenRef = useRef(childrenOf);
  const inflight = useRef(new Map<string, Promise<RegionNode[]>>());
  const containerRef = useRef<HTMLDivElement>(null);

  const known = useMemo(() => {
    const nodes = new Map<string, RegionNode>();
    for (const root of roots ?? []) nodes.set(root.code, root);
    for (const list of childrenOf.values()) for (const node of list) nodes.set(node.code, node);
    return nodes;
  }, [roots, childrenOf]);

  const ensureChildren = useCallback(async (code: string): Promise<RegionNode[]> => {
    const cached = childrenRef.current.get(code);
    if (cached) return cached;
    let pending = inflight.current.get(code);
    if (!pending) {
      pending = fetchChildren(code);
      inflight.current.set(code, pending);
    }
    try {
      const regions = await pending;
      if (!childrenRef.current.has(code)) {
        const next = new Map(childrenRef.current);
        next.set(code, regions);
        childrenRef.current = next;
        setChildrenOf(next);
      }
      return regions;
    } catch (err) {
      setLoadError(err as Error);
      throw err;
    } finally {
      inflight.current.delete(code);
    }
  }, []);

  // Expand the first root once the roots arrive.
  const firstRoot = roots?.[0];
  useEffect(() => {
    if (firstRoot && firstRoot.childCount > 0) {
      setExpandedKeys((keys) => (keys.includes(firstRoot.code) ? keys : [...keys, firstRoot.code]));
      ensureChildren(firstRoot.code).catch(() => undefined);
    }
  }, [firstRoot, ensureChildren]);

  // Make sure the selected region is visible: load and expand its ancestors that are within scope.
  useEffect(() => {
    if (!selected || !roots) return;
    let cancelled = false;
    const isKnown = (code: string) =>
      roots.some((root) => root.code === code) ||
      Array.from(childrenRef.current.values()).some((list) => list.some((node) => node.code === code));
    void (async () => {
      const opened: string[] = [];
      for (const ancestor of ancestorCodeCandidates(selected)) {
        if (cancelled) return;
        if (!isKnown(ancestor)) continue;
        try {
          await ensureChildren(ancestor);
        } catch {
          return;
        }
        opened.push(ancestor);
      }
      if (!cancelled && opened.length > 0) {
        setExpandedKeys((keys) => Array.from(new Set([...keys, ...opened])));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [selected, roots, ensureChildren]);

  // Scroll the selected node into view after it is rendered.
  useEffect(() => {
    const element = containerRef.current?.querySelector('.ant-tree-treenode-selected');
    element?.scrollIntoView({ block: 'nearest' });
  }, [selected, childrenOf]);

  const treeData = useMemo(() => buildNodes(roots ?? [], childrenOf), [roots, childrenOf]);
  const loadedKeys = useMemo(() => Array.from(childrenOf.keys()), [childrenOf]);

  if (error) {
    return (
      <div className="region-tree-message">
        <Alert
          type="error"
          showIcon
          message={t('regions.loadFailed')}
          action={
            <Button size="small" onClick={reload}>
              {t('app.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (!roots) {
    return (
      <div className="region-tree-message">
        <Skeleton active title={false} paragraph={{ rows: 6 }} />
      </div>
    );
  }
  if (roots.length === 0) {
    return (
      <div className="region-tree-message">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.treeEmpty')} />
      </div>
    );
  }

  return (
    <div className="region-tree" data-testid="region-tree" ref={containerRef}>
      {loadError && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setLoadError(null)}
          message={t('regions.loadFailed')}
          style={{ margin: '0 8px 8px' }}
        />
      )}
      <Tree<RegionTreeNode>
        blockNode
        treeData={treeData}
        expandedKeys={expandedKeys}
        loadedKeys={loadedKeys}
        selectedKeys={selected ? [selected] : []}
        loadData={async (node) => {
          await ensureChildren(node.key);
        }}
        onExpand={(keys) => setExpandedKeys(keys)}
        onSelect={(_keys, info) => {
          const code = info.node.key;
          select(code);
          const region = known.get(code);
          if (region && region.childCount > 0 && !expandedKeys.includes(code)) {
            setExpandedKeys([...expandedKeys, code]);
          }
        }}
        titleRender={(node) => (
          <span data-testid={`region-node-${node.key}`} title={`${node.region.name} · ${node.region.code}`}>
            {node.region.name}
          </span>
        )}
      />
    </div>
  );
}
