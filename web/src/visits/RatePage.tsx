import { ProTable, type ProColumns } from '@ant-design/pro-components';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  List as AntList,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { useT } from '../i18n';
import { ErrorAlert } from '../people/shared/ErrorAlert';
import { useApi } from '../people/shared/useApi';
import { useSelectedRegion } from '../regions/scope';
import { paths, type Alerts, type Rate, type RateChild, type UnvisitedItem, type UnvisitedList } from './api';
import { lastVisitColumn, tierColumn, workerColumn } from './columns';
import { currentMonth, formatRate } from './parts';
import { RateChart } from './RateChart';
import { SupervisorShell } from './SupervisorShell';

/** 月探访率: targets visited (verified) this month ÷ targets on the roster, by sub-region, with the unvisited. */
export default function RatePage() {
  return (
    <SupervisorShell testId="visits-rate-page">
      <RateView persons />
    </SupervisorShell>
  );
}

/**
 * The rate by region; with `persons` also the alerts and the drill-down to the elders not visited, which planning
 * (发改, aggregates only) never sees.
 */
export function RateView({ persons }: { persons: boolean }) {
  const t = useT();
  const { code: region } = useSelectedRegion();
  const [month, setMonth] = useState(currentMonth());
  const [drill, setDrill] = useState<{ code: string; name: string } | null>(null);
  const rate = useApi<Rate>(region ? paths.rate({ regionCode: region, month }) : null);
  const alerts = useApi<Alerts>(region && persons ? paths.alerts({ regionCode: region }) : null);
  const data = rate.data && rate.data.regionCode === region ? rate.data : null;
  const target = alerts.data?.targetRate ?? null;
  const drillTo = persons ? (drill ?? (data ? { code: data.regionCode, name: data.name } : null)) : null;

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('visits.rate.month')}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(value) => value && setMonth(value.format('YYYY-MM'))}
          data-testid="visits-rate-month"
        />
      </Space>
      {rate.error && !data && <ErrorAlert error={rate.error} />}
      {data && (
        <div className="visits-rate-head">
          <Card size="small">
            <Statistic
              title={t('visits.rate.rate', { month: data.month })}
              value={formatRate(data.rate)}
              valueStyle={
                target === null ? undefined : { color: (data.rate ?? 0) < target ? '#d4380d' : '#389e0d' }
              }
            />
            <span data-testid="visits-rate-value" data-rate={data.rate ?? ''} data-visited={data.visited}>
              {t('visits.rate.counts', { visited: data.visited, targets: data.targets })}
            </span>
          </Card>
          <Card size="small">
            <Statistic title={t('visits.rate.unvisited')} value={data.targets - data.visited} />
          </Card>
          {alerts.data && (
            <Card size="small">
              <Statistic
                title={t('visits.rate.daysLeft')}
                value={alerts.data.daysLeft}
                suffix={t('visits.rate.days')}
              />
            </Card>
          )}
        </div>
      )}
      <div className={persons ? 'visits-rate-grid' : undefined}>
        <Card size="small" title={t('visits.rate.byRegion')}>
          {data && data.children.length > 0 ? (
            <>
              <RateChart
                children={data.children}
                target={target}
                targetLabel={t('visits.rate.target')}
                onPick={(child) => persons && setDrill({ code: child.regionCode, name: child.name })}
              />
              <Table<RateChild>
                rowKey="regionCode"
                size="small"
                pagination={false}
                dataSource={data.children}
                columns={[
                  { title: t('visits.column.region'), dataIndex: 'name' },
                  { title: t('visits.rate.targets'), dataIndex: 'targets', align: 'right' },
                  { title: t('visits.rate.visited'), dataIndex: 'visited', align: 'right' },
                  {
                    title: t('visits.rate.rateShort'),
                    dataIndex: 'rate',
                    align: 'right',
                    render: (value: number | null) => formatRate(value),
                  },
                  {
                    key: 'drill',
                    hidden: !persons,
                    render: (_, child) => (
                      <Button
                        size="small"
                        onClick={() => setDrill({ code: child.regionCode, name: child.name })}
                      >
                        {t('visits.rate.showUnvisited')}
                      </Button>
                    ),
                  },
                ]}
              />
            </>
          ) : (
            <Empty description={t('visits.rate.noChildren')} />
          )}
        </Card>
        {persons && <AlertsCard alerts={alerts.data} />}
      </div>
      {drillTo && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={t('visits.rate.unvisitedIn', { name: drillTo.name, month })}
          extra={drill && <a onClick={() => setDrill(null)}>{t('visits.rate.backToAll')}</a>}
        >
          <UnvisitedTable regionCode={drillTo.code} month={month} />
        </Card>
      )}
    </>
  );
}

function UnvisitedTable({ regionCode, month }: { regionCode: string; month: string }) {
  const t = useT();
  const columns: ProColumns<UnvisitedItem>[] = [
    { title: t('visits.column.person'), dataIndex: 'name' },
    tierColumn(t),
    { title: t('visits.roster.address'), dataIndex: 'address', ellipsis: true },
    workerColumn(t),
    lastVisitColumn(t),
  ];
  return (
    <ProTable<UnvisitedItem, { regionCode: string; month: string }>
      rowKey="personId"
      columns={columns}
      search={false}
      options={false}
      params={{ regionCode, month }}
      request={async ({ current, pageSize, regionCode: code, month: wanted }) => {
        const list = await api.get<UnvisitedList>(
          paths.unvisited(code, { month: wanted, page: current, pageSize }),
        );
        return { data: list.items, total: list.total, success: true };
      }}
      pagination={{ pageSize: 10, showSizeChanger: false }}
      size="small"
      data-testid="visits-unvisited-table"
    />
  );
}

function AlertsCard({ alerts }: { alerts: Alerts | null }) {
  const t = useT();
  return (
    <Card size="small" title={t('visits.alerts.title')} data-testid="visits-alerts">
      {!alerts && <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>}
      {alerts && alerts.belowTarget.length === 0 && alerts.unvisited.length === 0 && (
        <Alert type="success" showIcon message={t('visits.alerts.none')} />
      )}
      {alerts && alerts.belowTarget.length > 0 && (
        <>
          <Typography.Title level={5}>
            {t('visits.alerts.belowTarget', { target: alerts.targetRate })}
          </Typography.Title>
          <AntList
            className="visits-alert-list"
            size="small"
            dataSource={alerts.belowTarget}
            renderItem={(child) => (
              <AntList.Item>
                <span>{child.name}</span>
                <Typography.Text type="danger">{formatRate(child.rate)}</Typography.Text>
              </AntList.Item>
            )}
          />
        </>
      )}
      {alerts && alerts.unvisited.length > 0 && (
        <>
          <Typography.Title level={5}>
            {t('visits.alerts.unvisited', { days: alerts.daysLeft, count: alerts.unvisited.length })}
          </Typography.Title>
          <AntList
            className="visits-alert-list"
            size="small"
            dataSource={alerts.unvisited}
            renderItem={(person) => (
              <AntList.Item>
                <span>{person.name}</span>
                <Typography.Text type="secondary">{person.workerName ?? '—'}</Typography.Text>
              </AntList.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
