import { AlertOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { queryString } from '../people/shared/http';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import type { FilingAlert } from './api';

const COLLAPSED = 4;

/** 逾期提醒: steps past their legal deadline in the selected region (GET /api/filings/alerts). */
export function AlertsPanel({ region, linkTo }: { region: string; linkTo: (filingId: number) => string }) {
  const t = useT();
  const { pick } = useLocale();
  const [expanded, setExpanded] = useState(false);
  const { data, error, loading } = useApi<{ asOf: string; alerts: FilingAlert[] }>(
    `/api/filings/alerts${queryString({ region })}`,
  );
  const alerts = data?.alerts ?? [];
  const shown = expanded ? alerts : alerts.slice(0, COLLAPSED);

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="filing-alerts"
      data-count={data ? alerts.length : undefined}
      title={
        <Space>
          <AlertOutlined style={{ color: alerts.length > 0 ? '#cf1322' : undefined }} />
          {t('filing.alerts.title')}
          <Badge count={alerts.length} showZero={false} />
        </Space>
      }
      extra={
        data && (
          <Typography.Text type="secondary">{t('filing.alerts.asOf', { date: data.asOf })}</Typography.Text>
        )
      }
      loading={loading && !data}
    >
      {error && (
        <Alert type="error" showIcon message={isApiError(error) ? pick(error.messages) : error.message} />
      )}
      {data && alerts.length === 0 && (
        <Typography.Text type="success">
          <CheckCircleOutlined /> {t('filing.alerts.none')}
        </Typography.Text>
      )}
      {alerts.length > 0 && (
        <List<FilingAlert>
          size="small"
          dataSource={shown}
          renderItem={(alert) => (
            <List.Item
              data-testid="filing-alert"
              actions={[
                alert.filingId !== null ? (
                  <Link key="open" to={linkTo(alert.filingId)}>
                    {t('filing.view')}
                  </Link>
                ) : (
                  <Typography.Text key="none" type="secondary">
                    {t('filing.alerts.notSubmitted')}
                  </Typography.Text>
                ),
              ]}
            >
              <Space size={8} wrap>
                <Tag color="red">{t(`filing.step.${alert.step}`)}</Tag>
                <Typography.Text strong>{alert.facility.name}</Typography.Text>
                <Typography.Text type="secondary">
                  <RegionName code={alert.regionCode} />
                </Typography.Text>
                <span className="filing-overdue">
                  {t('filing.alerts.due', { date: alert.dueOn, days: alert.workingDaysLate })}
                </span>
                {alert.provisional && (
                  <Typography.Text type="secondary">{t('filing.deadline.provisional')}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {alerts.length > COLLAPSED && (
        <Button type="link" onClick={() => setExpanded((value) => !value)} style={{ paddingInline: 0 }}>
          {expanded ? t('filing.alerts.collapse') : t('filing.alerts.showAll', { count: alerts.length })}
        </Button>
      )}
    </Card>
  );
}
