import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { RegionName } from '../people/shared/regionNames';
import type { FilingDetail, FilingEvent } from './api';
import { formatTime, StatusTag } from './parts';

/** The most recent event of the given actions (the correction request the provider must answer, the refusal). */
export function lastEvent(filing: FilingDetail, actions: FilingEvent['action'][]): FilingEvent | undefined {
  return [...filing.events].reverse().find((event) => actions.includes(event.action));
}

/** Title, status and key dates of a filing; with the department's reasons when it waits on the provider. */
export function FilingHeader({
  filing,
  backTo,
  backLabel,
  actions,
  side,
}: {
  filing: FilingDetail;
  backTo: string;
  backLabel: string;
  actions?: ReactNode;
  side: 'provider' | 'reviewer';
}) {
  const showRegion = side === 'reviewer';
  const t = useT();
  const correction =
    filing.status === 'correction_requested' ? lastEvent(filing, ['request_correction']) : undefined;
  const refusal =
    filing.status === 'rejected' ? lastEvent(filing, ['reject', 'notify_non_compliance']) : undefined;
  return (
    <>
      <div className="filing-page-header">
        <div>
          <div>
            <Link to={backTo}>
              <ArrowLeftOutlined /> {backLabel}
            </Link>
          </div>
          <Space size={12} align="center" style={{ marginTop: 8 }} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="filing-title">
              {filing.facility.name}
            </Typography.Title>
            <StatusTag status={filing.status} />
          </Space>
        </div>
        {actions && <Space wrap>{actions}</Space>}
      </div>
      {correction && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="correction-reasons"
          message={t(side === 'provider' ? 'filing.correctionRequested' : 'filing.correctionAwaited', {
            date: formatTime(correction.at),
          })}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{correction.reasons}</div>}
        />
      )}
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="refusal-reasons"
          message={t(`filing.action.${refusal.action}`)}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{refusal.reasons}</div>}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3, lg: 3, xl: 4, xxl: 4 }}
          items={[
            { key: 'kind', label: t('filing.column.kind'), children: t(`filing.kind.${filing.kind}`) },
            {
              key: 'type',
              label: t('filing.column.facilityType'),
              children: t(`filing.facilityType.${filing.facility.type}`),
            },
            {
              key: 'domain',
              label: t('filing.column.department'),
              children: t(`filing.department.${filing.domain}`),
            },
            ...(showRegion
              ? [
                  {
                    key: 'region',
                    label: t('filing.column.region'),
                    children: <RegionName code={filing.regionCode} />,
                  },
                ]
              : []),
            {
              key: 'number',
              label: t('filing.column.filingNumber'),
              children: <span data-testid="filing-number">{filing.filingNumber ?? '—'}</span>,
            },
            { key: 'created', label: t('filing.column.createdAt'), children: formatTime(filing.createdAt) },
            {
              key: 'submitted',
              label: t('filing.column.submittedAt'),
              children: formatTime(filing.submittedAt),
            },
            {
              key: 'received',
              label: t('filing.column.receivedAt'),
              children: formatTime(filing.receivedAt),
            },
            { key: 'decided', label: t('filing.column.decidedAt'), children: formatTime(filing.decidedAt) },
          ]}
        />
      </Card>
    </>
  );
}
