import { ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { queryString } from '../people/shared/http';
import { RegionName } from '../people/shared/regionNames';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { useApi } from '../people/shared/useApi';
import { useSelectedRegion } from '../regions/scope';
import {
  FILING_STATUSES,
  type FilingDomain,
  type FilingList,
  type FilingStatus,
  type FilingSummary,
} from './api';
import { AlertsPanel } from './AlertsPanel';
import { formatTime, PressingDeadlineCell, StatusTag } from './parts';
import './filing.css';
import { ErrorAlert } from '../people/shared/ErrorAlert';

const PAGE_SIZE = 20;
const INBOX_STATUSES = FILING_STATUSES.filter((status) => status !== 'draft');

/** 备案审查: the department's inbox of submitted filings in the selected region, with deadlines and overdue alerts. */
export default function FilingInboxPage() {
  const t = useT();
  const me = useMe();
  const { code: region } = useSelectedRegion();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as FilingStatus | null) ?? undefined;
  const domain = (params.get('domain') as FilingDomain | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const { data, error, loading, reload } = useApi<FilingList>(
    region ? `/api/filings${queryString({ region, status, domain, page, pageSize: PAGE_SIZE })}` : null,
  );
  const domains = [
    ...new Set(
      me.roles
        .filter((role) => role.domain === 'elderly_care' || role.domain === 'childcare')
        .map((role) => role.domain as FilingDomain),
    ),
  ];

  const setParam = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  const linkTo = (id: number) => (region ? `/filings/${id}?region=${region}` : `/filings/${id}`);

  const columns: TableColumnsType<FilingSummary> = [
    {
      title: t('filing.column.facility'),
      key: 'facility',
      render: (_value, row) => (
        <div>
          <Link to={linkTo(row.id)} data-testid={`inbox-link-${row.id}`}>
            {row.facility.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`filing.facilityType.${row.facility.type}`)} · {t(`filing.kind.${row.kind}`)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('filing.column.region'),
      dataIndex: 'regionCode',
      width: 110,
      render: (code: string) => <RegionName code={code} />,
    },
    {
      title: t('filing.column.status'),
      dataIndex: 'status',
      width: 100,
      render: (value: FilingStatus) => <StatusTag status={value} />,
    },
    { title: t('filing.column.submittedAt'), dataIndex: 'submittedAt', width: 140, render: formatTime },
    {
      title: t('filing.column.deadline'),
      key: 'deadline',
      width: 190,
      render: (_value, row) => <PressingDeadlineCell filing={row} testId="inbox-deadline" />,
    },
    {
      title: t('filing.column.overdue'),
      dataIndex: 'overdue',
      width: 90,
      render: (overdue: boolean) =>
        overdue ? (
          <Tag color="red" icon={<WarningFilled />} data-testid="overdue-tag">
            {t('filing.overdue')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('filing.onTime')}</Typography.Text>
        ),
    },
    {
      title: t('filing.column.actions'),
      key: 'actions',
      width: 90,
      render: (_value, row) => (
        <Link to={linkTo(row.id)}>{row.actions.length > 0 ? t('filing.handle') : t('filing.view')}</Link>
      ),
    },
  ];

  if (!region) return <Empty style={{ marginTop: 96 }} description={t('filing.noRegion')} />;

  return (
    <div data-testid="filing-inbox-page" data-region={region}>
      <div className="filing-page-header">
        <div>
          <Typography.Title level={3}>{t('filing.review.title')}</Typography.Title>
          <Typography.Text type="secondary">
            <RegionName code={region} /> · {t('filing.review.subtitle')}
          </Typography.Text>
        </div>
      </div>
      <AlertsPanel region={region} linkTo={linkTo} />
      <Card>
        <div className="filing-toolbar">
          <Space>
            <span>{t('filing.column.status')}</span>
            <Select<FilingStatus>
              allowClear
              style={{ width: 160 }}
              placeholder={t('filing.filter.open')}
              value={status}
              onChange={(value) => setParam({ status: value ?? null, page: null })}
              options={INBOX_STATUSES.map((value) => ({ value, label: t(`filing.status.${value}`) }))}
              data-testid="inbox-status-filter"
            />
          </Space>
          {domains.length !== 1 && (
            <Space>
              <span>{t('filing.column.department')}</span>
              <Select<FilingDomain>
                allowClear
                style={{ width: 160 }}
                placeholder={t('filing.filter.allDomains')}
                value={domain}
                onChange={(value) => setParam({ domain: value ?? null, page: null })}
                options={(['elderly_care', 'childcare'] as const).map((value) => ({
                  value,
                  label: t(`filing.department.${value}`),
                }))}
              />
            </Space>
          )}
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('filing.refresh')}
          </Button>
          {mayExport(me.permissions, 'government', 'filings') && (
            <ExportButton
              path="/api/export/filings.xlsx"
              params={{ region, status, domain }}
              data-testid="filings-export"
            />
          )}
        </div>
        {error && <ErrorAlert error={error} onRetry={reload} testId="filing-load-error" />}
        <Table<FilingSummary>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.filings ?? []}
          rowClassName={(row) => (row.overdue ? 'filing-row-overdue' : '')}
          data-testid="inbox-table"
          locale={{ emptyText: t('filing.review.empty') }}
          scroll={{ x: 940 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('table.total', { total }),
            onChange: (next) => setParam({ page: String(next) }),
          }}
        />
      </Card>
    </div>
  );
}
