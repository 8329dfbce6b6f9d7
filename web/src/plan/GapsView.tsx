import { Alert, Card, Col, Empty, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useT, type MessageKey, type Translate } from '../i18n';
import { LoadError } from '../people/shared/ErrorAlert';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import { planPaths, type GapsAnswer } from './api';
import { EChart, type ChartOption } from './EChart';
import { formatNumber } from './format';

type Schedule = GapsAnswer['schedules'][number];
const quantityLabel = (t: Translate, quantity: string) => t(`plan.quantity.${quantity}` as MessageKey);

/** What each region must still build to reach the plan's targets, and the plan's yearly additions. */
export function GapsView({
  planId,
  planRegion,
  region,
  date,
}: {
  planId: number;
  planRegion: string;
  region: string;
  date: string;
}) {
  const t = useT();
  const answer = useApi<GapsAnswer>(planPaths.gaps(planId, region, date));
  if (answer.error && !answer.data) return <LoadError error={answer.error} onRetry={answer.reload} />;
  const data = answer.data;
  // One column per indicator whose gap is a number of things to build (beds, places, facilities).
  const indicators = [
    ...new Map((data?.regions ?? []).flatMap((r) => r.gaps.map((gap) => [gap.key, gap] as const))).values(),
  ];
  type RegionRow = GapsAnswer['regions'][number];
  const columns: TableColumnsType<RegionRow> = [
    {
      title: t('plan.col.region'),
      key: 'region',
      fixed: 'left',
      width: 140,
      render: (_v, row) =>
        row.regionCode === region ? (
          <strong>
            <RegionName code={row.regionCode} />
          </strong>
        ) : (
          <RegionName code={row.regionCode} />
        ),
    },
    ...indicators.map((indicator) => ({
      title: (
        <div>
          <div>{quantityLabel(t, indicator.quantity)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {indicator.wording}
          </Typography.Text>
        </div>
      ),
      key: indicator.key,
      align: 'right' as const,
      render: (_v: unknown, row: RegionRow) => {
        const gap = row.gaps.find((g) => g.key === indicator.key);
        if (!gap) return <span className="plan-muted">—</span>;
        return (
          <div data-testid={`gap-${row.regionCode}-${indicator.key}`} data-value={gap.toAdd ?? ''}>
            <span className={gap.toAdd ? 'plan-big-number plan-gap-positive' : 'plan-big-number plan-muted'}>
              {formatNumber(gap.toAdd)}
            </span>
            <div className="plan-muted plan-small">
              {t('plan.gaps.current')} {formatNumber(gap.current)}
            </div>
          </div>
        );
      },
    })),
  ];
  return (
    <div data-testid="plan-gaps">
      <Typography.Title level={5}>{t('plan.gaps.byRegion', { date })}</Typography.Title>
      {data && indicators.length === 0 ? (
        <Empty description={t('plan.gaps.none')} />
      ) : (
        <Table<RegionRow>
          rowKey="regionCode"
          size="small"
          loading={answer.loading}
          columns={columns}
          dataSource={data?.regions ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(row) => (row.regionCode === region ? 'plan-own-row' : '')}
          data-testid="gaps-regions"
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('plan.gaps.schedule')}
      </Typography.Title>
      {region !== planRegion ? (
        <Alert
          type="info"
          showIcon
          message={t('plan.gaps.scheduleOnlyOwn', { region: '' })}
          description={<RegionName code={planRegion} />}
        />
      ) : data && data.schedules.length === 0 ? (
        <Empty description={t('plan.gaps.none')} />
      ) : (
        <Row gutter={[16, 16]}>
          {(data?.schedules ?? []).map((schedule) => (
            <Col key={schedule.quantity} xs={24} xl={data!.schedules.length > 1 ? 12 : 24}>
              <ScheduleCard schedule={schedule} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

function ScheduleCard({ schedule }: { schedule: Schedule }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: schedule.years.map((y) => String(y.year)) },
      yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
      series: [
        {
          name: t('plan.gaps.added'),
          type: 'bar',
          barMaxWidth: 40,
          data: schedule.years.map((y) => y.added),
          label: { show: true, position: 'top' },
          itemStyle: { color: '#69b1ff' },
        },
        {
          name: t('plan.gaps.planned'),
          type: 'line',
          yAxisIndex: 1,
          data: schedule.years.map((y) => y.planned),
          lineStyle: { type: 'dashed' },
          markLine:
            schedule.current === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { color: '#389e0d' },
                  label: { formatter: `${t('plan.gaps.current')} ${formatNumber(schedule.current)}` },
                  data: [{ yAxis: schedule.current }],
                },
        },
      ],
    }),
    [schedule, t],
  );
  return (
    <Card
      size="small"
      title={quantityLabel(t, schedule.quantity)}
      data-testid={`schedule-${schedule.quantity}`}
    >
      <Typography.Paragraph type="secondary">
        {t('plan.gaps.baseline', {
          value: formatNumber(schedule.baseline),
          date: schedule.baselineDate,
          current: formatNumber(schedule.current),
        })}
      </Typography.Paragraph>
      <EChart option={option} height={240} />
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={schedule.years}
        data-testid={`schedule-table-${schedule.quantity}`}
        columns={[
          { title: t('plan.gaps.year'), dataIndex: 'year', key: 'year' },
          {
            title: t('plan.gaps.added'),
            dataIndex: 'added',
            key: 'added',
            align: 'right',
            render: (v: number) => formatNumber(v),
          },
          {
            title: t('plan.gaps.planned'),
            dataIndex: 'planned',
            key: 'planned',
            align: 'right',
            render: (v: number) => formatNumber(v),
          },
          {
            title: t('plan.gaps.remaining'),
            dataIndex: 'toAdd',
            key: 'toAdd',
            align: 'right',
            render: (v: number) => (
              <strong className={v > 0 ? 'plan-gap-positive' : undefined}>{formatNumber(v)}</strong>
            ),
          },
        ]}
      />
    </Card>
  );
}
