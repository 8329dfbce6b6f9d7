/**
 * Visits recorded on a phone are written here first and sent from here, so a visit made without network survives
 * until the network returns (the `online` event, the next page load, or a periodic retry) and is sent then.
 * Every entry keeps the clientId made when its form opened; the server answers a repeated clientId with the record
 * it already has, so a retry after a lost answer can never make a second record.
 * localStorage (not IndexedDB): a visit is a few kilobytes and the synchronous API keeps the write-ahead simple.
 */
import { apiRequest, isApiError } from '../api/client';
import type { LocalizedText } from '../api/types';
import { paths, type RecordInput, type VisitRecord } from './api';

export interface OutboxEntry {
  input: RecordInput;
  personName: string;
  queuedAt: string;
  attempts: number;
  /** Set when the server refused the visit (a 4xx other than 401): it stays until the worker discards it. */
  refused: LocalizedText | null;
}

/** `record` is null when an earlier flush already delivered this visit. */
export type SendResult = { sent: true; record: VisitRecord | null } | { sent: false; entry: OutboxEntry };

const RETRY_MS = 30_000;
const keyOf = (accountId: number) => `laoyou.visits.outbox.${accountId}`;
const listeners = new Set<() => void>();
let snapshots = new Map<number, OutboxEntry[]>();

function load(accountId: number): OutboxEntry[] {
  try {
    const raw = window.localStorage.getItem(keyOf(accountId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
  } catch {
    return [];
  }
}

function save(accountId: number, entries: OutboxEntry[]): void {
  if (entries.length === 0) window.localStorage.removeItem(keyOf(accountId));
  else window.localStorage.setItem(keyOf(accountId), JSON.stringify(entries));
  snapshots.set(accountId, entries);
  listeners.forEach((listener) => listener());
}

/** The waiting visits of this account (a stable array between changes, for useSyncExternalStore). */
export function outboxEntries(accountId: number): OutboxEntry[] {
  let entries = snapshots.get(accountId);
  if (!entries) {
    entries = load(accountId);
    snapshots.set(accountId, entries);
  }
  return entries;
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab of the same browser may send or queue visits.
window.addEventListener('storage', (event) => {
  if (event.key?.startsWith('laoyou.visits.outbox.')) {
    snapshots = new Map();
    listeners.forEach((listener) => listener());
  }
});

function put(accountId: number, entry: OutboxEntry): void {
  const others = load(accountId).filter((e) => e.input.clientId !== entry.input.clientId);
  save(accountId, [...others, entry]);
}

export function discard(accountId: number, clientId: string): void {
  save(
    accountId,
    load(accountId).filter((e) => e.input.clientId !== clientId),
  );
}

function isNetworkFailure(error: unknown): boolean {
  return isApiError(error) && (error.status === 0 || error.status >= 500 || error.status === 401);
}

// All sends run one after another: the `online` event, a page load and a submit can never post the same visit
// at the same time.
let chain: Promise<unknown> = Promise.resolve();
function serially<T>(task: () => Promise<T>): Promise<T> {
  const next = chain.then(task, task);
  chain = next.catch(() => undefined);
  return next;
}

async function sendOne(accountId: number, clientId: string): Promise<SendResult | null> {
  const entry = load(accountId).find((e) => e.input.clientId === clientId);
  if (!entry) return null;
  try {
    const record = await apiRequest<VisitRecord>(paths.records(), {
      method: 'POST',
      body: entry.input,
      allowUnauthenticated: true,
    });
    discard(accountId, clientId);
    return { sent: true, record };
  } catch (error) {
    const still = load(accountId).find((e) => e.input.clientId === clientId);
    if (!still) return null;
    const updated: OutboxEntry = {
      ...still,
      attempts: still.attempts + 1,
      refused: isNetworkFailure(error) ? null : isApiError(error) ? error.messages : null,
    };
    put(accountId, updated);
    if (isNetworkFailure(error)) return { sent: false, entry: updated };
    throw error;
  }
}

/**
 * Keeps the visit in the outbox, then tries to send it. Resolves `sent: false` when the network (or server) is
 * unavailable: the visit waits and is sent later. Rejects with the server's ApiError when it refuses the visit.
 */
export function submitVisit(accountId: number, input: RecordInput, personName: string): Promise<SendResult> {
  const existing = load(accountId).find((e) => e.input.clientId === input.clientId);
  put(accountId, {
    input,
    personName,
    queuedAt: existing?.queuedAt ?? new Date().toISOString(),
    attempts: existing?.attempts ?? 0,
    refused: null,
  });
  return serially(async () => {
    try {
      return (await sendOne(accountId, input.clientId)) ?? { sent: true, record: null };
    } catch (error) {
      // Refused while the worker is still on the form: they correct it and send it again themselves.
      discard(accountId, input.clientId);
      throw error;
    }
  });
}

/** Sends every waiting visit that the server has not refused; stops at the first network failure. */
export function flushOutbox(accountId: number): Promise<VisitRecord[]> {
  return serially(async () => {
    const sent: VisitRecord[] = [];
    for (const entry of load(accountId)) {
      if (entry.refused) continue;
      try {
        const result = await sendOne(accountId, entry.input.clientId);
        if (result?.sent && result.record) sent.push(result.record);
        else if (result && !result.sent) break;
      } catch {
        // Refused: kept with the server's message for the worker to see.
      }
    }
    return sent;
  });
}

/** Sends waiting visits now, whenever the browser comes back online, and every half minute while any wait. */
export function startOutboxSync(accountId: number, onSent: (records: VisitRecord[]) => void): () => void {
  const flush = () => {
    if (!navigator.onLine) return;
    if (!load(accountId).some((e) => !e.refused)) return;
    void flushOutbox(accountId).then((records) => {
      if (records.length > 0) onSent(records);
    });
  };
  flush();
  window.addEventListener('online', flush);
  const timer = window.setInterval(flush, RETRY_MS);
  return () => {
    window.removeEventListener('online', flush);
    window.clearInterval(timer);
  };
}

/** A version-4 UUID; crypto.randomUUID exists only on https pages, getRandomValues everywhere. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
