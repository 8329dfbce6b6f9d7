import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../i18n';
import { HistoryTimeline, type HistoryEvent } from '../registry/HistoryTimeline';
import { capabilityKey } from './PeopleListPage';
import { RegionName } from './shared/regionNames';
import { useApi } from './shared/useApi';
import type { LivingSituation, Sex } from './types';

type Field =
  | 'regionCode'
  | 'name'
  | 'sex'
  | 'birthDate'
  | 'address'
  | 'registeredRegionCode'
  | 'livingSituation'
  | 'capabilityLevel'
  | 'capabilityAssessedOn';

interface PersonHistory {
  registeredAt: string;
  changes: {
    changedAt: string;
    changedBy: { accountId: number; displayName: string } | null;
    field: Field;
    oldValue: string | null;
    newValue: string | null;
  }[];
}

const LABELS: Record<Field, MessageKey> = {
  regionCode: 'people.region',
  name: 'people.name',
  sex: 'people.sex',
  birthDate: 'people.birthDate',
  address: 'people.address',
  registeredRegionCode: 'people.registeredRegion',
  livingSituation: 'people.livingSituation',
  capabilityLevel: 'people.capabilityLevel',
  capabilityAssessedOn: 'people.capabilityAssessedOn',
};

/** 变更记录 of a person: GET /api/people/:id/history, one timeline entry per edit. */
export function PersonHistoryCard({ personId }: { personId: number }) {
  const t = useT();
  // Edits happen on the form page, which comes back here: a fresh mount loads the new history.
  const { data, loading } = useApi<PersonHistory>(`/api/people/${personId}/history`);

  const shown = (field: Field, value: string | null): ReactNode => {
    if (value === null) return null;
    switch (field) {
      case 'regionCode':
      case 'registeredRegionCode':
        return <RegionName code={value} />;
      case 'sex':
        return t(`people.sex.${value as Sex}`);
      case 'livingSituation':
        return t(`people.living.${value as LivingSituation}`);
      case 'capabilityLevel':
        return t(capabilityKey(Number(value)));
      default:
        return value;
    }
  };

  // One edit writes all its fields at the same moment by the same account: they make one entry.
  const events: HistoryEvent[] = [];
  for (const change of data?.changes ?? []) {
    const key = `${change.changedAt}:${change.changedBy?.accountId ?? 'system'}`;
    let event = events[events.length - 1];
    if (event?.key !== key) {
      event = { key, at: change.changedAt, by: change.changedBy?.displayName ?? null, changes: [] };
      events.push(event);
    }
    event.changes!.push({
      label: t(LABELS[change.field]),
      from: shown(change.field, change.oldValue),
      to: shown(change.field, change.newValue),
    });
  }
  if (data) {
    events.push({ key: 'registered', at: data.registeredAt, title: t('history.registered'), color: 'green' });
  }
  return <HistoryTimeline events={events} loading={!data && loading} testId="person-history" />;
}
