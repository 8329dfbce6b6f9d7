import { api } from '../api/client';
import type { Me } from '../api/types';

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return api.get<Me>('/api/auth/me', { signal, allowUnauthenticated: true });
}

export async function login(username: string, password: string): Promise<Me> {
  const result = await api.post<{ account: Me }>(
    '/api/auth/login',
    { username, password },
    { allowUnauthenticated: true },
  );
  return result.account;
}

export function logout(): Promise<void> {
  return api.post<void>('/api/auth/logout', undefined, { allowUnauthenticated: true });
}
