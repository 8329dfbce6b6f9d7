import { CheckCircleFilled, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { useSelectedRegion } from '../regions/scope';
import { LoadError } from '../people/shared/ErrorAlert';
import { queryString } from '../people/shared/http';
import { today, useScopedHref } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { useApi } from '../people/shared/useApi';
import { useStoredState } from '../people/shared/useStoredState';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { FacilityName, OrganisationName } from '../providers/names';
import { readableDomains, type FacilityDomain } from '../providers/types';
import { StaffRecords } from './StaffRecords';
import { STAFF_ROLES, type Indicators, type StaffMember, type StaffRole } from './types';
import '../people/shared/registry.css';
import { listPagination } from '../registry/pagination';

interface Filters {
  region?: string | null;
  role?: StaffRole;
  domain?: FacilityDomain;
  /** Only staff employed on this date (default: today); null lists former staff too. */
  employedOn?: string | null;
  page: number;
  pageSize: number;
}

/** 从业人员: staff with their certificates and checks; childcare workers lacking a required check are flagged. */
export default function StaffListPage() {
  const t = useT();
  const me = useMe();
  const { code: region } = useSelectedRegion();
  const href = useScopedHref();
  const government = me.permissions.includes('staff.read');
  const prefix = government ? '/api' : '/api/provider';
  const domains = government ? readableDomains(me) : (['elderly_care', 'childcare'] as FacilityDomain[]);
  const [stored, setStored] = useStoredState<Filters>('staff.list', { page: 1, pageSize: 20 });
  const filters = stored.region === region ? stored : { ...stored, page: 1 };
  const employedOn = filters.employedOn === undefined ? today() : filters.employedOn;
  const path = !region
    ? null
    : `${prefix}/staff${queryString({
        region,
        role: filters.role,
        domain: filters.domain,
        employedOn,
        page: filters.page,
        pageSize: filters.pageSize,
      })}`;
  const { data, error, loading, reload } = useApi<{ staff: StaffMember[]; total: number }>(path);
  const indicators = useApi<Indicators>(
    government && region && me.permissions.includes('providers.read')
      ? `/api/staff/indicators${queryString({ region })}`
      : null,
  );
  const update = (patch: Partial<Filters>) =>
    setStored((prev) => ({ ...prev, ...patch, region, page: patch.page ?? 1 }));

  const columns: TableColumnsType<StaffMember> = [
    {
      title: t('staff.name'),
      dataIndex: 'name',
      key: 'name',
      width: 110,
      render: (name: string, member) => (
        <Space size={4}>
          {member.checksMissing.length > 0 && (
            <Tooltip title={t('staff.flagged')}>
              <WarningFilled style={{ color: '#d4380d' }} aria-label={t('staff.flagged')} />
            </Tooltip>
          )}
          <Link to={href(`/staff/${member.id}`)} data-testid={`staff-name-${member.id}`}>
            {name}
          </Link>
        </Space>
      ),
    },
    {
      title: t('staff.role'),
      dataIndex: 'role',
      key: 'role',
      width: 100,
      render: (role: StaffRole) => t(`staff.role.${role}`),
    },
    ...(domains.length > 1
      ? [
          {
            title: t('staff.domain'),
            dataIndex: 'domain',
            key: 'domain',
            width: 80,
            render: (domain: FacilityDomain) => (
              <Tag color={domain === 'childcare' ? 'green' : 'volcano'}>{t(`domain.${domain}`)}</Tag>
            ),
          },
        ]
      : []),
    {
      title: t('staff.workplace'),
      key: 'workplace',
      ellipsis: true,
      render: (_value, member) =>
        member.facilityId ? (
          <FacilityName id={member.facilityId} />
        ) : (
          <OrganisationName id={member.organisationId} />
        ),
    },
    {
      title: t('staff.employed'),
      key: 'employed',
      width: 150,
      render: (_value, member) =>
        member.employedTo
          ? `${member.employedFrom} ~ ${member.employedTo}`
          : t('staff.since', { date: member.employedFrom }),
    },
    {
      title: t('staff.certificates'),
      key: 'certificates',
      width: 140,
      render: (_value, member) => {
        const inForce = member.certificates.filter(
          (certificate) => certificate.inForce && certificate.certificateType !== 'health_certificate',
        );
        if (inForce.length === 0) return <Tag color="default">{t('staff.uncertified')}</Tag>;
        return inForce.map((certificate) => (
          <Tag key={certificate.id} color="blue">
            {t(`staff.cert.${certificate.certificateType}`)}
          </Tag>
        ));
      },
    },
    {
      title: t('staff.checks'),
      key: 'checks',
      width: 210,
      render: (_value, member) => {
        if (member.checksMissing.length > 0) {
          return (
            <Space size={[4, 4]} wrap data-testid={`staff-checks-missing-${member.id}`}>
              {member.checksMissing.map((kind) => (
                <Tag key={kind} color="red">
                  {t('staff.missing', { check: t(`staff.check.${kind}`) })}
                </Tag>
              ))}
            </Space>
          );
        }
        if (member.domain === 'childcare') {
          return (
            <Tag color="green" icon={<CheckCircleFilled />}>
              {t('staff.checksComplete')}
            </Tag>
          );
        }
        return <Typography.Text type="secondary">{t('staff.checksNotRequired')}</Typography.Text>;
      },
    },
  ];

  const flaggedOnPage = (data?.staff ?? []).filter((member) => member.checksMissing.length > 0).length;

  return (
    <div data-testid="staff-page">
      <PageHeading
        title={t('nav.staff')}
        region={region}
        extra={
          <>
            <Tooltip title={t('registry.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('registry.refresh')} />
            </Tooltip>
            {region && mayExport(me.permissions, government ? 'government' : 'provider', 'staff') && (
              <ExportButton
                path={`${prefix}/export/staff.xlsx`}
                params={{ region, role: filters.role, domain: filters.domain, employedOn }}
                data-testid="staff-export"
              />
            )}
          </>
        }
      />
      {indicators.data && indicators.data.regionCode === region && (
        <IndicatorCards indicators={indicators.data} />
      )}
      <Card className="registry-filters" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={t('staff.role')}>
            <Select
              allowClear
              value={filters.role}
              placeholder={t('registry.any')}
              onChange={(value?: StaffRole) => update({ role: value })}
              options={STAFF_ROLES.map((value) => ({ value, label: t(`staff.role.${value}`) }))}
              style={{ width: 140 }}
              data-testid="staff-filter-role"
            />
          </Form.Item>
          {domains.length > 1 && (
            <Form.Item label={t('staff.domain')}>
              <Select
                allowClear
                value={filters.domain}
                placeholder={t('registry.any')}
                onChange={(value?: FacilityDomain) => update({ domain: value })}
                options={domains.map((value) => ({ value, label: t(`domain.${value}`) }))}
                style={{ width: 110 }}
              />
            </Form.Item>
          )}
          <Form.Item label={t('staff.employedOn')}>
            <Space>
              <Switch
                checked={employedOn !== null}
                onChange={(checked) => update({ employedOn: checked ? today() : null })}
                aria-label={t('staff.onlyEmployed')}
              />
              {employedOn !== null ? (
                <DatePicker
                  allowClear={false}
                  value={dayjs(employedOn)}
                  onChange={(value) => value && update({ employedOn: value.format('YYYY-MM-DD') })}
                />
              ) : (
                <Typography.Text type="secondary">{t('staff.includingFormer')}</Typography.Text>
              )}
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card styles={{ body: { padding: error && !data ? undefined : 0 } }}>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <>
            {flaggedOnPage > 0 && (
              <div style={{ padding: '12px 16px 8px' }}>
                <Typography.Text type="danger" data-testid="staff-flagged-count">
                  <WarningFilled /> {t('staff.flaggedOnPage', { count: flaggedOnPage })}
                </Typography.Text>
              </div>
            )}
            <Table<StaffMember>
              className="registry-table"
              data-testid="staff-table"
              aria-busy={loading}
              rowKey="id"
              size="middle"
              loading={loading}
              columns={columns}
              dataSource={data?.staff ?? []}
              scroll={{ x: 860 }}
              rowClassName={(member) => (member.checksMissing.length > 0 ? 'registry-row-flagged' : '')}
              expandable={{
                expandedRowRender: (member) => <StaffRecords member={member} />,
              }}
              pagination={listPagination(t, {
                state: filters,
                total: data?.total,
                onChange: (next) => setStored((prev) => ({ ...prev, region, ...next })),
                style: { paddingInline: 16 },
              })}
            />
          </>
        )}
      </Card>
    </div>
  );
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function IndicatorCards({ indicators }: { indicators: Indicators }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="staff-indicators">
      {indicators.elderlyCare && (
        <>
          <Col flex="1 1 10rem">
            <Card className="registry-stat-card">
              <Statistic title={t('staff.ind.elderlyStaff')} value={indicators.elderlyCare.staff} />
            </Card>
          </Col>
          <Col flex="1 1 10rem">
            <Card className="registry-stat-card">
              <Statistic title={t('staff.ind.certifiedRate')} value={percent(indicators.elderlyCare.rate)} />
            </Card>
          </Col>
          <Col flex="1 1 10rem">
            <Card className="registry-stat-card">
              <Statistic
                title={t('staff.ind.certifiedCarers')}
                value={indicators.elderlyCare.certifiedCarers}
              />
            </Card>
          </Col>
          <Col flex="1 1 10rem">
            <Card className="registry-stat-card">
              <Statistic title={t('staff.ind.socialWorkers')} value={indicators.elderlyCare.socialWorkers} />
            </Card>
          </Col>
        </>
      )}
      {indicators.childcare && (
        <>
          <Col flex="1 1 10rem">
            <Card className="registry-stat-card">
              <Statistic title={t('staff.ind.childcareStaff')} value={indicators.childcare.staff} />
            </Card>
          </Col>
          <Col flex="1 1 10rem">
            <Card className="registry-stat-card">
              <Statistic
                title={t('staff.ind.childcareCertifiedRate')}
                value={percent(indicators.childcare.rate)}
              />
            </Card>
          </Col>
        </>
      )}
    </Row>
  );
}
