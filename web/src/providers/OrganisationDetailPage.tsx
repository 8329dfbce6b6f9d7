import {
  Button,
  Card,
  Descriptions,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { useRegionScope } from '../regions/scope';
import { LoadError } from '../people/shared/ErrorAlert';
import { queryString } from '../people/shared/http';
import { useScopedHref } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import {
  headline,
  providerSide,
  STATUS_COLORS,
  type Facility,
  type FacilityType,
  type Organisation,
} from './types';
import { useEffect, useState } from 'react';
import type { Me } from '../api/types';
import { OrganisationEditDrawer } from './OrganisationEditDrawer';
import { OrganisationHistoryCard } from './OrganisationHistoryCard';

/**
 * Whether the user's roles allow the organisation's PATCH (the server decides; this only hides a button that would
 * be refused): a government department that changes providers in the organisation's region (planning never), or an
 * administrator of the organisation itself.
 */
function canEdit(me: Me, government: boolean, organisation: Organisation): boolean {
  if (!government) {
    return me.roles.some((role) => role.role === 'provider_admin' && role.organisationId === organisation.id);
  }
  return (
    me.permissions.includes('providers.write') &&
    me.roles.some(
      (role) =>
        role.role === 'platform_admin' ||
        (role.role === 'officer' &&
          role.domain !== 'planning' &&
          (role.regionCode === null || organisation.regionCode.startsWith(role.regionCode))),
    )
  );
}

/** 机构详情: registration and contacts, and the organisation's facilities the user may see. */
export default function OrganisationDetailPage() {
  const { id } = useParams();
  const t = useT();
  const me = useMe();
  const href = useScopedHref();
  const { roots } = useRegionScope();
  const { government } = providerSide(me);
  const single = useApi<Organisation>(government ? `/api/organisations/${id}` : null);
  const [own, setOwn] = useState<{ organisation: Organisation | null; error: Error | null } | null>(null);
  useEffect(() => {
    if (government) return;
    api.get<{ organisations: Organisation[] }>('/api/provider/organisations').then(
      ({ organisations }) =>
        setOwn({ organisation: organisations.find((entry) => String(entry.id) === id) ?? null, error: null }),
      (error: unknown) => setOwn({ organisation: null, error: error as Error }),
    );
  }, [government, id]);
  const [editing, setEditing] = useState(false);
  // Bumped by each save, so the history card reads the new entries.
  const [saves, setSaves] = useState(0);
  const organisation = government ? single.data : (own?.organisation ?? null);
  const error = government ? single.error : own?.error;
  const root = roots?.[0]?.code;
  const facilities = useApi<{ facilities: Facility[]; total: number }>(
    organisation
      ? government
        ? root
          ? `/api/facilities${queryString({ region: root, organisationId: organisation.id, pageSize: 200 })}`
          : null
        : `/api/provider/facilities${queryString({ organisationId: organisation.id, pageSize: 200 })}`
      : null,
  );

  if (error && !organisation) return <LoadError error={error} onRetry={single.reload} />;
  if (!organisation) {
    if (!government && own && !own.organisation)
      return <LoadError error={new Error(t('registry.notFound'))} />;
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const columns: TableColumnsType<Facility> = [
    {
      title: t('providers.facilityName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, facility) => (
        <Link to={href(`/providers/facilities/${facility.id}`)}>{name}</Link>
      ),
    },
    {
      title: t('providers.facilityType'),
      dataIndex: 'facilityType',
      key: 'type',
      width: 160,
      render: (type: FacilityType, facility) => (
        <Tag color={facility.domain === 'childcare' ? 'green' : 'volcano'}>{t(`providers.type.${type}`)}</Tag>
      ),
    },
    {
      title: t('people.region'),
      dataIndex: 'regionCode',
      key: 'region',
      width: 110,
      render: (code: string) => <RegionName code={code} />,
    },
    {
      title: t('providers.statusToday'),
      key: 'status',
      width: 100,
      render: (_value, facility) =>
        facility.current ? (
          <Tag color={STATUS_COLORS[facility.current.operatingStatus]}>
            {t(`providers.status.${facility.current.operatingStatus}`)}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('providers.capacityToday'),
      key: 'capacity',
      width: 110,
      align: 'right',
      render: (_value, facility) =>
        facility.current
          ? `${headline(facility.domain, facility.current).toLocaleString()} ${t(facility.domain === 'childcare' ? 'providers.unit.places' : 'providers.unit.beds')}`
          : '—',
    },
  ];

  return (
    <div data-testid="organisation-detail">
      <PageHeading title={organisation.name} crumbs={[{ label: t('nav.providers'), to: '/providers' }]} />
      <Card
        title={t('providers.organisationInfo')}
        style={{ marginBottom: 16 }}
        extra={
          canEdit(me, government, organisation) && (
            <Button size="small" onClick={() => setEditing(true)} data-testid="organisation-edit-open">
              {t('registry.edit')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('providers.uscc')}>
            <span className="registry-id">{organisation.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('providers.organisationType')}>
            {organisation.organisationType ? t(`providers.orgType.${organisation.organisationType}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('providers.ownership')}>
            {organisation.ownership ? t(`providers.ownership.${organisation.ownership}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('people.region')}>
            <RegionName code={organisation.regionCode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('providers.legalPerson')}>
            {organisation.legalPerson ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('providers.contact')}>
            {[organisation.contactName, organisation.contactPhone].filter(Boolean).join(' · ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('providers.address')} span={3}>
            {organisation.address ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('providers.organisationFacilities')}
        extra={
          <Space>
            {government && (
              <Typography.Text type="secondary">{t('providers.onlyYourDomains')}</Typography.Text>
            )}
            {mayExport(me.permissions, government ? 'government' : 'provider', 'facilities') &&
              (government ? root : true) && (
                <ExportButton
                  size="small"
                  path={government ? '/api/export/facilities.xlsx' : '/api/provider/export/facilities.xlsx'}
                  params={{ region: government ? root : undefined, organisationId: organisation.id }}
                  data-testid="organisation-facilities-export"
                />
              )}
          </Space>
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<Facility>
          data-testid="organisation-facilities"
          rowKey="id"
          size="middle"
          loading={facilities.loading}
          columns={columns}
          dataSource={facilities.data?.facilities ?? []}
          pagination={false}
        />
      </Card>
      <div style={{ marginTop: 16 }}>
        <OrganisationHistoryCard
          key={saves}
          prefix={government ? '/api' : '/api/provider'}
          organisationId={organisation.id}
        />
      </div>
      {editing && (
        <OrganisationEditDrawer
          organisation={organisation}
          government={government}
          onClose={(saved) => {
            setEditing(false);
            if (!saved) return;
            if (government) single.reload();
            else setOwn({ organisation: saved, error: null });
            setSaves((count) => count + 1);
          }}
        />
      )}
    </div>
  );
}
