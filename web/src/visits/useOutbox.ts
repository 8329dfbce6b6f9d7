import { useSyncExternalStore } from 'react';
import { outboxEntries, subscribeOutbox, type OutboxEntry } from './outbox';

/** The visits of this account still waiting to be sent, re-rendering whenever one is queued or sent. */
export function useOutbox(accountId: number): OutboxEntry[] {
  return useSyncExternalStore(subscribeOutbox, () => outboxEntries(accountId));
}
