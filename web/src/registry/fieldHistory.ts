import type { ReactNode } from 'react';
import type { HistoryEvent } from './HistoryTimeline';

/** The answer of a record's GET …/:id/history: when it was registered, and its field changes newest first. */
export interface FieldHistory<F extends string> {
  registeredAt: string;
  changes: {
    changedAt: string;
    changedBy: { accountId: number; displayName: string } | null;
    field: F;
    oldValue: string | null;
    newValue: string | null;
  }[];
}

/**
 * Timeline events of a field history: the fields one edit changed (same moment, same account) make one entry, and
 * the registration closes the timeline. `label` and `shown` render a field's name and a value of it.
 */
export function fieldHistoryEvents<F extends string>(
  history: FieldHistory<F> | null,
  label: (field: F) => ReactNode,
  shown: (field: F, value: string) => ReactNode,
  registered: ReactNode,
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const change of history?.changes ?? []) {
    const key = `${change.changedAt}:${change.changedBy?.accountId ?? 'system'}`;
    let event = events[events.length - 1];
    if (event?.key !== key) {
      event = { key, at: change.changedAt, by: change.changedBy?.displayName ?? null, changes: [] };
      events.push(event);
    }
    event.changes!.push({
      label: label(change.field),
      from: change.oldValue === null ? null : shown(change.field, change.oldValue),
      to: change.newValue === null ? null : shown(change.field, change.newValue),
    });
  }
  if (history)
    events.push({ key: 'registered', at: history.registeredAt, title: registered, color: 'green' });
  return events;
}
