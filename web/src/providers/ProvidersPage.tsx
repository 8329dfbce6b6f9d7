import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { useSelectedRegion } from '../regions/scope';
import { LoadError } from '../people/shared/ErrorAlert';
import { queryString } from '../people/shared/http';
import { useScopedHref } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import { useStoredState } from '../people/shared/useStoredState';
import { CapacitySummaryCard } from './CapacitySummaryCard';
import { OrganisationName } from './names';
import {
  CHILDCARE_FACILITY_TYPES,
  ELDERLY_CARE_FACILITY_TYPES,
  headline,
  OPERATING_STATUSES,
  ORGANISATION_TYPES,
  OWNERSHIPS,
  providerSide,
  readableDomains,
  STATUS_COLORS,
  type Facility,
  type FacilityType,
  type OperatingStatus,
  type Organisation,
  type OrganisationType,
  type Ownership,
} from './types';
import '../people/shared/registry.css';
import { listPagination } from '../registry/pagination';

type Tab = 'facilities' | 'organisations';

/** 机构与设施: facilities (with today's capacity and a region summary as of a date) and provider organisations. */
export default function ProvidersPage() {
  const t = useT();
  const me = useMe();
  const { code: region } = useSelectedRegion();
  const { government } = providerSide(me);
  const [tab, setTab] = useStoredState<{ tab: Tab }>('providers.tab', { tab: 'facilities' });

  return (
    <div data-testid="providers-page">
      <PageHeading title={t('nav.providers')} region={region} />
      {government && region && <CapacitySummaryCard region={region} />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab.tab}
          onChange={(key) => setTab({ tab: key as Tab })}
          items={[
            {
              key: 'facilities',
              label: t('providers.facilities'),
              children: <FacilitiesTab region={region} />,
            },
            {
              key: 'organisations',
              label: t('providers.organisations'),
              children: <OrganisationsTab region={region} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}

interface FacilityFilters {
  region?: string | null;
  name?: string;
  type?: FacilityType;
  ownership?: Ownership;
  status?: OperatingStatus;
  page: number;
  pageSize: number;
}

function FacilitiesTab({ region }: { region: string | null }) {
  const t = useT();
  const me = useMe();
  const href = useScopedHref();
  const { government, prefix } = providerSide(me);
  const canExport = mayExport(me.permissions, government ? 'government' : 'provider', 'facilities');
  const canExportCapacity = !government && mayExport(me.permissions, 'provider', 'capacity');
  const domains = government ? readableDomains(me) : (['elderly_care', 'childcare'] as const);
  const types: FacilityType[] = [
    ...(domains.includes('elderly_care') ? ELDERLY_CARE_FACILITY_TYPES : []),
    ...(domains.includes('childcare') ? CHILDCARE_FACILITY_TYPES : []),
  ];
  const [stored, setStored] = useStoredState<FacilityFilters>('providers.facilities', {
    page: 1,
    pageSize: 20,
  });
  const filters = stored.region === region ? stored : { ...stored, page: 1 };
  const [nameDraft, setNameDraft] = useState(filters.name ?? '');
  const path = !region
    ? null
    : `${prefix}/facilities${queryString({
        region,
        name: filters.name,
        type: filters.type,
        ownership: filters.ownership,
        status: filters.status,
        page: filters.page,
        pageSize: filters.pageSize,
      })}`;
  const { data, error, loading, reload } = useApi<{ facilities: Facility[]; total: number }>(path);
  const update = (patch: Partial<FacilityFilters>) =>
    setStored((prev) => ({ ...prev, ...patch, region, page: patch.page ?? 1 }));

  const columns: TableColumnsType<Facility> = [
    {
      title: t('providers.facilityName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, facility) => (
        <Link to={href(`/providers/facilities/${facility.id}`)} data-testid={`facility-link-${facility.id}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('providers.facilityType'),
      dataIndex: 'facilityType',
      key: 'facilityType',
      width: 150,
      render: (type: FacilityType, facility) => (
        <Tag color={facility.domain === 'childcare' ? 'green' : 'volcano'} data-testid="facility-type">
          {t(`providers.type.${type}`)}
        </Tag>
      ),
    },
    {
      title: t('providers.ownership'),
      dataIndex: 'ownership',
      key: 'ownership',
      width: 100,
      render: (value: Ownership) => t(`providers.ownership.${value}`),
    },
    {
      title: t('people.region'),
      dataIndex: 'regionCode',
      key: 'regionCode',
      width: 100,
      render: (code: string) => <RegionName code={code} />,
    },
    {
      title: t('providers.organisation'),
      dataIndex: 'organisationId',
      key: 'organisationId',
      ellipsis: true,
      render: (id: number) => <OrganisationName id={id} />,
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
          <Typography.Text type="secondary">{t('providers.noCapacity')}</Typography.Text>
        ),
    },
    {
      title: t('providers.capacityToday'),
      key: 'capacity',
      width: 110,
      align: 'right',
      render: (_value, facility) =>
        facility.current ? (
          <span>
            {headline(facility.domain, facility.current).toLocaleString()}{' '}
            <Typography.Text type="secondary">
              {t(facility.domain === 'childcare' ? 'providers.unit.places' : 'providers.unit.beds')}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Form layout="inline" className="registry-filters" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('providers.facilityName')}>
          <Input.Search
            allowClear
            value={nameDraft}
            onChange={(event) => setNameDraft(event.target.value)}
            onSearch={(value) => update({ name: value.trim() || undefined })}
            style={{ width: 170 }}
            data-testid="facility-filter-name"
          />
        </Form.Item>
        <Form.Item label={t('providers.facilityType')}>
          <Select
            allowClear
            value={filters.type}
            placeholder={t('registry.any')}
            onChange={(value?: FacilityType) => update({ type: value })}
            options={types.map((value) => ({ value, label: t(`providers.type.${value}`) }))}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            data-testid="facility-filter-type"
          />
        </Form.Item>
        <Form.Item label={t('providers.ownership')}>
          <Select
            allowClear
            value={filters.ownership}
            placeholder={t('registry.any')}
            onChange={(value?: Ownership) => update({ ownership: value })}
            options={OWNERSHIPS.map((value) => ({ value, label: t(`providers.ownership.${value}`) }))}
            style={{ width: 120 }}
            popupMatchSelectWidth={false}
            data-testid="facility-filter-ownership"
          />
        </Form.Item>
        <Form.Item label={t('providers.statusToday')}>
          <Select
            allowClear
            value={filters.status}
            placeholder={t('registry.any')}
            onChange={(value?: OperatingStatus) => update({ status: value })}
            options={OPERATING_STATUSES.map((value) => ({ value, label: t(`providers.status.${value}`) }))}
            style={{ width: 110 }}
            data-testid="facility-filter-status"
          />
        </Form.Item>
        <Form.Item style={{ marginInlineStart: 'auto', marginInlineEnd: 0 }}>
          <Space>
            {canExport && region && (
              <ExportButton
                path={`${prefix}/export/facilities.xlsx`}
                params={{
                  region,
                  name: filters.name,
                  type: filters.type,
                  ownership: filters.ownership,
                  status: filters.status,
                }}
                data-testid="facilities-export"
              />
            )}
            {canExportCapacity && (
              <ExportButton
                path="/api/provider/export/capacity.xlsx"
                label={t('providers.exportCapacityHistory')}
                data-testid="capacity-export"
              />
            )}
            <Tooltip title={t('registry.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('registry.refresh')} />
            </Tooltip>
          </Space>
        </Form.Item>
      </Form>
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<Facility>
          className="registry-table"
          data-testid="facilities-table"
          aria-busy={loading}
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.facilities ?? []}
          scroll={{ x: 900 }}
          pagination={listPagination(t, {
            state: filters,
            total: data?.total,
            onChange: (next) => setStored((prev) => ({ ...prev, region, ...next })),
          })}
        />
      )}
    </>
  );
}

interface OrganisationFilters {
  region?: string | null;
  name?: string;
  type?: OrganisationType;
  ownership?: Ownership;
  page: number;
  pageSize: number;
}

function OrganisationsTab({ region }: { region: string | null }) {
  const t = useT();
  const me = useMe();
  const href = useScopedHref();
  const { government } = providerSide(me);
  const canExport = government && mayExport(me.permissions, 'government', 'organisations');
  const [stored, setStored] = useStoredState<OrganisationFilters>('providers.organisations', {
    page: 1,
    pageSize: 20,
  });
  const filters = stored.region === region ? stored : { ...stored, page: 1 };
  const [nameDraft, setNameDraft] = useState(filters.name ?? '');
  const path = government
    ? region
      ? `/api/organisations${queryString({
          region,
          name: filters.name,
          type: filters.type,
          ownership: filters.ownership,
          page: filters.page,
          pageSize: filters.pageSize,
        })}`
      : null
    : '/api/provider/organisations';
  const { data, error, loading, reload } = useApi<{ organisations: Organisation[]; total?: number }>(path);
  const update = (patch: Partial<OrganisationFilters>) =>
    setStored((prev) => ({ ...prev, ...patch, region, page: patch.page ?? 1 }));

  const columns: TableColumnsType<Organisation> = [
    {
      title: t('providers.organisationName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, organisation) => (
        <Link to={href(`/providers/organisations/${organisation.id}`)}>{name}</Link>
      ),
    },
    {
      title: t('providers.uscc'),
      dataIndex: 'uscc',
      key: 'uscc',
      width: 190,
      render: (value: string) => <span className="registry-id">{value}</span>,
    },
    {
      title: t('providers.organisationType'),
      dataIndex: 'organisationType',
      key: 'organisationType',
      width: 120,
      render: (value: OrganisationType | null) => (value ? t(`providers.orgType.${value}`) : '—'),
    },
    {
      title: t('providers.ownership'),
      dataIndex: 'ownership',
      key: 'ownership',
      width: 100,
      render: (value: Ownership | null) => (value ? t(`providers.ownership.${value}`) : '—'),
    },
    {
      title: t('people.region'),
      dataIndex: 'regionCode',
      key: 'regionCode',
      width: 100,
      render: (code: string) => <RegionName code={code} />,
    },
    {
      title: t('providers.contact'),
      key: 'contact',
      width: 180,
      render: (_value, organisation) =>
        organisation.contactName || organisation.contactPhone
          ? [organisation.contactName, organisation.contactPhone].filter(Boolean).join(' · ')
          : '—',
    },
  ];

  return (
    <>
      {government && (
        <Form layout="inline" className="registry-filters" style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item label={t('providers.organisationName')}>
            <Input.Search
              allowClear
              value={nameDraft}
              onChange={(event) => setNameDraft(event.target.value)}
              onSearch={(value) => update({ name: value.trim() || undefined })}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item label={t('providers.organisationType')}>
            <Select
              allowClear
              value={filters.type}
              placeholder={t('registry.any')}
              onChange={(value?: OrganisationType) => update({ type: value })}
              options={ORGANISATION_TYPES.map((value) => ({ value, label: t(`providers.orgType.${value}`) }))}
              style={{ width: 140 }}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('providers.ownership')}>
            <Select
              allowClear
              value={filters.ownership}
              placeholder={t('registry.any')}
              onChange={(value?: Ownership) => update({ ownership: value })}
              options={OWNERSHIPS.map((value) => ({ value, label: t(`providers.ownership.${value}`) }))}
              style={{ width: 120 }}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          {canExport && region && (
            <Form.Item style={{ marginInlineStart: 'auto', marginInlineEnd: 0 }}>
              <ExportButton
                path="/api/export/organisations.xlsx"
                params={{ region, name: filters.name, type: filters.type, ownership: filters.ownership }}
                data-testid="organisations-export"
              />
            </Form.Item>
          )}
        </Form>
      )}
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<Organisation>
          className="registry-table"
          data-testid="organisations-table"
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.organisations ?? []}
          scroll={{ x: 900 }}
          pagination={
            government
              ? {
                  current: filters.page,
                  pageSize: filters.pageSize,
                  total: data?.total ?? 0,
                  showSizeChanger: true,
                  showTotal: (total) => t('table.total', { total: total.toLocaleString() }),
                  onChange: (page, pageSize) =>
                    setStored((prev) => ({
                      ...prev,
                      region,
                      page: pageSize === prev.pageSize ? page : 1,
                      pageSize,
                    })),
                }
              : false
          }
        />
      )}
    </>
  );
}
