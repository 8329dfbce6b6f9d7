import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../i18n';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import { fieldHistoryEvents, type FieldHistory } from '../registry/fieldHistory';
import { HistoryTimeline } from '../registry/HistoryTimeline';
import type { OrganisationType, Ownership } from './types';

type Field =
  | 'regionCode'
  | 'uscc'
  | 'name'
  | 'organisationType'
  | 'ownership'
  | 'legalPerson'
  | 'contactName'
  | 'contactPhone'
  | 'address';

const LABELS: Record<Field, MessageKey> = {
  regionCode: 'people.region',
  uscc: 'providers.uscc',
  name: 'providers.organisationName',
  organisationType: 'providers.organisationType',
  ownership: 'providers.ownership',
  legalPerson: 'providers.legalPerson',
  contactName: 'providers.contactName',
  contactPhone: 'providers.contactPhone',
  address: 'providers.address',
};

/** 变更记录 of an organisation: GET {prefix}/organisations/:id/history, one timeline entry per edit. */
export function OrganisationHistoryCard({
  prefix,
  organisationId,
}: {
  prefix: string;
  organisationId: number;
}) {
  const t = useT();
  const { data, loading } = useApi<FieldHistory<Field>>(`${prefix}/organisations/${organisationId}/history`);
  const shown = (field: Field, value: string): ReactNode => {
    switch (field) {
      case 'regionCode':
        return <RegionName code={value} />;
      case 'organisationType':
        return t(`providers.orgType.${value as OrganisationType}`);
      case 'ownership':
        return t(`providers.ownership.${value as Ownership}`);
      default:
        return value;
    }
  };
  const events = fieldHistoryEvents(data, (field) => t(LABELS[field]), shown, t('history.registered'));
  return <HistoryTimeline events={events} loading={!data && loading} testId="organisation-history" />;
}
