import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../i18n';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import { FacilityName } from '../providers/names';
import type { FacilityDomain } from '../providers/types';
import { fieldHistoryEvents, type FieldHistory } from '../registry/fieldHistory';
import { HistoryTimeline } from '../registry/HistoryTimeline';
import type { StaffRole } from './types';

type Field = 'regionCode' | 'facilityId' | 'domain' | 'name' | 'role' | 'employedFrom' | 'employedTo';

const LABELS: Record<Field, MessageKey> = {
  regionCode: 'staff.regionCode',
  facilityId: 'staff.facility',
  domain: 'staff.domain',
  name: 'staff.name',
  role: 'staff.role',
  employedFrom: 'staff.employedFrom',
  employedTo: 'staff.employedTo',
};

/** 变更记录 of a staff member: GET {prefix}/staff/:id/history, one timeline entry per edit. */
export function StaffHistoryCard({ prefix, staffId }: { prefix: string; staffId: number }) {
  const t = useT();
  const { data, loading } = useApi<FieldHistory<Field>>(`${prefix}/staff/${staffId}/history`);
  const shown = (field: Field, value: string): ReactNode => {
    switch (field) {
      case 'regionCode':
        return <RegionName code={value} />;
      case 'facilityId':
        return <FacilityName id={Number(value)} />;
      case 'domain':
        return t(`domain.${value as FacilityDomain}`);
      case 'role':
        return t(`staff.role.${value as StaffRole}`);
      default:
        return value;
    }
  };
  const events = fieldHistoryEvents(data, (field) => t(LABELS[field]), shown, t('history.registered'));
  return <HistoryTimeline events={events} loading={!data && loading} testId="staff-history" />;
}
