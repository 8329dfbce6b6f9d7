import { Button, Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { LoadError } from '../people/shared/ErrorAlert';
import { PageHeading } from '../people/shared/PageHeading';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import { FacilityName, OrganisationName } from '../providers/names';
import { StaffEditDrawer } from './StaffEditDrawer';
import { StaffHistoryCard } from './StaffHistoryCard';
import { StaffRecords } from './StaffRecords';
import type { StaffMember } from './types';

/** 人员详情: a staff member's post, certificates and checks, and the history of their record. */
export default function StaffDetailPage() {
  const { id } = useParams();
  const t = useT();
  const me = useMe();
  const prefix = me.permissions.includes('staff.read') ? '/api' : '/api/provider';
  const { data: member, error, reload } = useApi<StaffMember>(`${prefix}/staff/${id}`);
  const [editing, setEditing] = useState(false);
  // Bumped by each save, so the history card reads the new entries.
  const [saves, setSaves] = useState(0);

  if (error && !member) return <LoadError error={error} onRetry={reload} />;
  if (!member) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  // Only the organisation's administrators change its staff (PATCH /api/provider/staff/:id); the server decides.
  const canEdit =
    prefix === '/api/provider' &&
    me.roles.some((role) => role.role === 'provider_admin' && role.organisationId === member.organisationId);
  return (
    <div data-testid="staff-detail">
      <PageHeading
        title={member.name}
        crumbs={[{ label: t('nav.staff'), to: '/staff' }]}
        tags={
          <Space size={4}>
            <Tag color={member.domain === 'childcare' ? 'green' : 'volcano'}>
              {t(`domain.${member.domain}`)}
            </Tag>
            <Tag>{t(`staff.role.${member.role}`)}</Tag>
          </Space>
        }
      />
      <Card
        title={t('staff.detail')}
        style={{ marginBottom: 16 }}
        extra={
          canEdit && (
            <Button size="small" onClick={() => setEditing(true)} data-testid="staff-edit-open">
              {t('registry.edit')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('providers.organisation')}>
            <OrganisationName id={member.organisationId} />
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.facility')}>
            {member.facilityId ? <FacilityName id={member.facilityId} /> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.regionCode')}>
            <RegionName code={member.regionCode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.employedFrom')}>{member.employedFrom}</Descriptions.Item>
          <Descriptions.Item label={t('staff.employedTo')}>
            {member.employedTo ?? t('staff.stillEmployed')}
          </Descriptions.Item>
        </Descriptions>
        <StaffRecords member={member} />
      </Card>
      <StaffHistoryCard key={saves} prefix={prefix} staffId={member.id} />
      {editing && (
        <StaffEditDrawer
          member={member}
          onClose={(saved) => {
            setEditing(false);
            if (!saved) return;
            reload();
            setSaves((count) => count + 1);
          }}
        />
      )}
    </div>
  );
}
