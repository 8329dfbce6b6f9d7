import { api } from '../api/client';
import type { RegionNode, RegionSummary } from '../api/types';

export async function fetchRoots(signal?: AbortSignal): Promise<RegionNode[]> {
  return (await api.get<{ regions: RegionNode[] }>('/api/regions/roots', { signal })).regions;
}

export async function fetchChildren(code: string, signal?: AbortSignal): Promise<RegionNode[]> {
  const path = `/api/regions/${encodeURIComponent(code)}/children`;
  return (await api.get<{ regions: RegionNode[] }>(path, { signal })).regions;
}

export function fetchSummary(code: string, signal?: AbortSignal): Promise<RegionSummary> {
  return api.get<RegionSummary>(`/api/regions/${encodeURIComponent(code)}/summary`, { signal });
}
