import assert from 'node:assert/strict';
import type { App } from '../../src/server/app.ts';

export interface Session {
  cookie: string;
  /** Sends a request as this session through the real routing, hooks and serialisers (no socket). */
  request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function logIn(app: App, username: string, password = 'laoyou2026'): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0];
  return {
    cookie,
    request: async (method, url, body) => {
      const reply = await app.inject({
        method: method as 'GET',
        url,
        headers: { cookie },
        ...(body !== undefined && { payload: body as object }),
      });
      return { status: reply.statusCode, body: reply.body ? safeJson(reply.body) : null };
    },
  };
}

/** A POST that must create (201, or the test fails showing the reply); the created record as the reply has it. */
export async function create(session: Session, url: string, body: unknown): Promise<any> {
  const reply = await session.request('POST', url, body);
  assert.equal(reply.status, 201, `POST ${url}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Several users logged in at once, in the order named. */
export function logInAll(app: App, usernames: string[]): Promise<Session[]> {
  return Promise.all(usernames.map((username) => logIn(app, username)));
}

export function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
