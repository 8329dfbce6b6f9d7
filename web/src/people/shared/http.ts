import { apiRequest } from '../../api/client';

/** Query string from a record, leaving out undefined, null and empty values: `?region=3406&page=2`. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The write verbs the registry pages need, on top of the shared client's `api.get` / `api.post`. */
export const write = {
  post<T>(path: string, body?: unknown): Promise<T> {
    return apiRequest<T>(path, { method: 'POST', body });
  },
  put<T>(path: string, body: unknown): Promise<T> {
    return apiRequest<T>(path, { method: 'PUT', body });
  },
  patch<T>(path: string, body: unknown): Promise<T> {
    return apiRequest<T>(path, { method: 'PATCH', body });
  },
  delete<T>(path: string): Promise<T> {
    return apiRequest<T>(path, { method: 'DELETE' });
  },
};
