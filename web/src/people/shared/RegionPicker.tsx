import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { RegionNode } from '../../api/types';
import { useT } from '../../i18n';
import { ancestorCodeCandidates, useRegionScope } from '../../regions/scope';
import { childrenOf } from './regionNames';

interface TreeNode {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: TreeNode[];
}

function build(regions: RegionNode[], loaded: Map<string, RegionNode[]>): TreeNode[] {
  return regions.map((region) => {
    const children = loaded.get(region.code);
    return {
      value: region.code,
      title: region.name,
      isLeaf: region.childCount === 0,
      children: children ? build(children, loaded) : undefined,
    };
  });
}

/**
 * Picks a region of the caller's scope from a lazily loaded tree (a form control: value / onChange). The ancestors of
 * the current value are loaded up front so that it shows by name.
 */
export function RegionPicker({
  value,
  onChange,
  id,
  placeholder,
  allowClear,
  testId,
  disabled,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const { roots } = useRegionScope();
  const [loaded, setLoaded] = useState<Map<string, RegionNode[]>>(() => new Map());

  const load = async (code: string) => {
    const children = await childrenOf(code);
    setLoaded((prev) => (prev.has(code) ? prev : new Map(prev).set(code, children)));
  };

  useEffect(() => {
    if (!value || !roots) return;
    const inScope = roots.some((root) => value.startsWith(root.code));
    if (!inScope) return;
    const chain = ancestorCodeCandidates(value).filter((code) =>
      roots.some((root) => code.startsWith(root.code)),
    );
    void (async () => {
      for (const code of chain) {
        try {
          await load(code);
        } catch {
          return;
        }
      }
    })();
  }, [value, roots]);

  const treeData = useMemo(() => build(roots ?? [], loaded), [roots, loaded]);

  return (
    <TreeSelect<string>
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      treeLoadedKeys={[...loaded.keys()]}
      loadData={async (node) => {
        await load(String(node.value));
      }}
      placeholder={placeholder ?? t('registry.pickRegion')}
      allowClear={allowClear}
      disabled={disabled}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxHeight: '24rem', overflow: 'auto', minWidth: '18rem' } } }}
    />
  );
}
