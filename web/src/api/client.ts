import type { ApiErrorBody, LocalizedText } from './types';

/** A failed API call. `messages` holds the server's message in every supported locale. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messages: LocalizedText;
  readonly fields: Array<{ path: string; message: LocalizedText }>;
  readonly requestId: string | undefined;

  constructor(init: {
    code: string;
    status: number;
    messages: LocalizedText;
    fields?: Array<{ path: string; message: LocalizedText }>;
    requestId?: string;
  }) {
    super(init.messages['en-US'] || init.code);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.messages = init.messages;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type UnauthorizedHandler = () => void;

let unauthorizedHandler: UnauthorizedHandler = () => {
  if (window.location.pathname !== '/login') {
    const next = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(next)}`);
  }
};

/** Replace what happens when an API call answers 401 (default: full page load of /login). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): () => void {
  const previous = unauthorizedHandler;
  unauthorizedHandler = handler;
  return () => {
    unauthorizedHandler = previous;
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** When true a 401 is only thrown, without redirecting to the login page (login and session probes). */
  allowUnauthenticated?: boolean;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    typeof code === 'string' &&
    typeof message === 'object' &&
    message !== null &&
    typeof (message as Record<string, unknown>)['zh-CN'] === 'string' &&
    typeof (message as Record<string, unknown>)['en-US'] === 'string'
  );
}

function fallbackError(status: number): ApiError {
  if (status === 0) {
    return new ApiError({
      code: 'network_error',
      status,
      messages: {
        'zh-CN': '无法连接服务器，请检查网络后重试。',
        'en-US': 'Could not reach the server. Check your connection and try again.',
      },
    });
  }
  return new ApiError({
    code: `http_${status}`,
    status,
    messages: {
      'zh-CN': `服务器返回错误（HTTP ${status}），请稍后重试。`,
      'en-US': `The server answered with an error (HTTP ${status}). Please try again later.`,
    },
  });
}

/** Calls the laoyou API. Resolves with the parsed JSON body (undefined for 204), rejects with ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'include',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw fallbackError(0);
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const error = isErrorBody(parsed)
      ? new ApiError({
          code: parsed.error.code,
          status: response.status,
          messages: parsed.error.message,
          fields: parsed.error.fields,
          requestId: parsed.error.requestId,
        })
      : fallbackError(response.status);
    if (response.status === 401 && !options.allowUnauthenticated) unauthorizedHandler();
    throw error;
  }

  return parsed as T;
}

export const api = {
  get<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return apiRequest<T>(path, { ...options, method: 'GET' });
  },
  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return apiRequest<T>(path, { ...options, method: 'POST', body });
  },
};
