import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { queryString } from '../people/shared/http';
import { useApi } from '../people/shared/useApi';
import { FILING_STATUSES, type FilingList, type FilingStatus, type FilingSummary } from './api';
import { formatTime, PressingDeadlineCell, StatusTag } from './parts';
import './filing.css';
import { ErrorAlert } from '../people/shared/ErrorAlert';

const PAGE_SIZE = 20;

/** 备案申报: the provider's own filings, newest first, with a button to start one. */
export default function MyFilingsPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as FilingStatus | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const { data, error, loading, reload } = useApi<FilingList>(
    `/api/provider/filings${queryString({ status, page, pageSize: PAGE_SIZE })}`,
  );

  const setParam = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  const keep = (path: string) => {
    const region = params.get('region');
    return region ? `${path}?region=${region}` : path;
  };

  const columns: TableColumnsType<FilingSummary> = [
    {
      title: t('filing.column.facility'),
      key: 'facility',
      render: (_value, row) => (
        <div>
          <Link to={keep(`/my-filings/${row.id}`)} data-testid={`filing-link-${row.id}`}>
            {row.facility.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`filing.facilityType.${row.facility.type}`)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('filing.column.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: FilingSummary['kind']) => t(`filing.kind.${kind}`),
    },
    {
      title: t('filing.column.status'),
      dataIndex: 'status',
      width: 110,
      render: (value: FilingStatus) => <StatusTag status={value} />,
    },
    { title: t('filing.column.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
    { title: t('filing.column.submittedAt'), dataIndex: 'submittedAt', width: 150, render: formatTime },
    {
      title: t('filing.column.deadline'),
      key: 'deadline',
      width: 190,
      render: (_value, row) => <PressingDeadlineCell filing={row} />,
    },
    {
      title: t('filing.column.actions'),
      key: 'actions',
      width: 120,
      render: (_value, row) => (
        <Link to={keep(`/my-filings/${row.id}`)}>
          {row.status === 'draft' || row.status === 'correction_requested'
            ? t('filing.continue')
            : t('filing.view')}
        </Link>
      ),
    },
  ];

  return (
    <div data-testid="my-filings-page">
      <div className="filing-page-header">
        <div>
          <Typography.Title level={3}>{t('filing.provider.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('filing.provider.subtitle')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate(keep('/my-filings/new'))}
          data-testid="filing-new"
        >
          {t('filing.new')}
        </Button>
      </div>
      <Card>
        <div className="filing-toolbar">
          <Space>
            <span>{t('filing.column.status')}</span>
            <Select<FilingStatus>
              allowClear
              style={{ width: 160 }}
              placeholder={t('filing.filter.allStatuses')}
              value={status}
              onChange={(value) => setParam({ status: value ?? null, page: null })}
              options={FILING_STATUSES.map((value) => ({ value, label: t(`filing.status.${value}`) }))}
              data-testid="filing-status-filter"
            />
          </Space>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('filing.refresh')}
          </Button>
          {mayExport(me.permissions, 'provider', 'filings') && (
            <ExportButton
              path="/api/provider/export/filings.xlsx"
              params={{ status }}
              data-testid="my-filings-export"
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
          data-testid="my-filings-table"
          locale={{ emptyText: t('filing.provider.empty') }}
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
