/**
 * The visit being recorded, kept while the form is open so that a reload (or a phone that drops the tab) brings
 * back the same clientId and start time: one visit never gets two clientIds.
 */
import { newClientId } from './outbox';

export interface Draft {
  clientId: string;
  startedAt: string | null;
  values: Record<string, unknown>;
}

const keyOf = (accountId: number, taskId: number) => `laoyou.visits.draft.${accountId}.${taskId}`;

export function loadDraft(accountId: number, taskId: number): Draft {
  try {
    const raw = window.localStorage.getItem(keyOf(accountId, taskId));
    if (raw) {
      const parsed = JSON.parse(raw) as Draft;
      if (typeof parsed.clientId === 'string') return parsed;
    }
  } catch {
    // A broken draft starts over.
  }
  const draft: Draft = { clientId: newClientId(), startedAt: null, values: {} };
  saveDraft(accountId, taskId, draft);
  return draft;
}

export function saveDraft(accountId: number, taskId: number, draft: Draft): void {
  try {
    window.localStorage.setItem(keyOf(accountId, taskId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the form still works, only without surviving a reload.
  }
}

export function dropDraft(accountId: number, taskId: number): void {
  window.localStorage.removeItem(keyOf(accountId, taskId));
}
