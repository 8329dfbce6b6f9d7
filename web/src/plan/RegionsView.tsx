import { Alert, Empty, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../i18n';
import { LoadError } from '../people/shared/ErrorAlert';
import { useApi } from '../people/shared/useApi';
import { planPaths, type EvaluatedIndicator, type RegionsAnswer, type RegionValue } from './api';
import { EChart, type ChartOption } from './EChart';
import { decimalsOf, formatNumber, STATUS_COLORS } from './format';
import { StatusTag } from './StatusTag';

type Row = { regionCode: string; name: string; childCount: number; cell: RegionValue };

/**
 * The regions directly below, coloured by one indicator. Without offline county boundaries a map is not possible,
 * so a sorted bar chart (ECharts visualMap for values, status colours otherwise) and a table stand in for it.
 */
export function RegionsView({
  planId,
  region,
  date,
  indicators,
  selected,
  onSelect,
  onDrill,
}: {
  planId: number;
  region: string;
  date: string;
  indicators: EvaluatedIndicator[];
  selected: number | null;
  onSelect: (id: number) => void;
  onDrill: (indicator: EvaluatedIndicator, region: string) => void;
}) {
  const t = useT();
  const [colourBy, setColourBy] = useState<'value' | 'status'>('status');
  const answer = useApi<RegionsAnswer>(planPaths.regions(planId, region, date));
  const choices = indicators.filter((indicator) => indicator.method === 'computed');
  const indicator = choices.find((i) => i.planIndicatorId === selected) ?? choices[0];

  const rows: Row[] = useMemo(
    () =>
      (answer.data?.regions ?? [])
        .filter((entry) => !entry.own)
        .flatMap((entry) => {
          const cell = entry.indicators.find((value) => value.planIndicatorId === indicator?.planIndicatorId);
          return cell
            ? [{ regionCode: entry.regionCode, name: entry.name, childCount: entry.childCount, cell }]
            : [];
        })
        .sort((a, b) => (b.cell.value ?? -Infinity) - (a.cell.value ?? -Infinity)),
    [answer.data, indicator?.planIndicatorId],
  );
  const places = decimalsOf(indicator?.value, indicator?.target, ...rows.map((row) => row.cell.value));
  const valued = rows.filter((row) => row.cell.value !== null);

  const option = useMemo<ChartOption>(() => {
    const ordered = [...valued].reverse();
    const values = valued.map((row) => row.cell.value as number);
    const target = indicator?.target ?? null;
    return {
      grid: { left: 8, right: 72, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: ordered.map((row) => row.name), axisLabel: { fontSize: 13 } },
      ...(colourBy === 'value' && values.length > 0
        ? {
            visualMap: {
              type: 'continuous',
              min: Math.min(...values),
              max: Math.max(...values, Math.min(...values) + 1e-9),
              dimension: 0,
              orient: 'horizontal',
              right: 0,
              top: 0,
              itemHeight: 120,
              precision: places,
              inRange: { color: ['#fff1b8', '#ffa940', '#d4380d'] },
              show: false,
            },
          }
        : {}),
      series: [
        {
          type: 'bar',
          barMaxWidth: 26,
          data: ordered.map((row) => ({
            value: row.cell.value as number,
            name: row.name,
            ...(colourBy === 'status' ? { itemStyle: { color: STATUS_COLORS[row.cell.status] } } : {}),
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (params) => formatNumber(params.value as number, places),
          },
          markLine:
            target === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#cf1322' },
                  label: { formatter: `${t('plan.col.target')} ${formatNumber(target)}` },
                  data: [{ xAxis: target }],
                },
        },
      ],
    };
  }, [valued, colourBy, indicator?.target, places, t]);

  if (!indicator) return <Empty />;
  const columns: TableColumnsType<Row> = [
    {
      title: t('plan.col.region'),
      key: 'name',
      render: (_v, row) => (
        <a onClick={() => onDrill(indicator, row.regionCode)} data-testid={`regions-row-${row.regionCode}`}>
          {row.name}
        </a>
      ),
    },
    {
      title: t('plan.col.numerator'),
      key: 'numerator',
      align: 'right',
      render: (_v, row) => formatNumber(row.cell.numerator),
    },
    ...(indicator.denominator !== null
      ? ([
          {
            title: t('plan.col.denominator'),
            key: 'denominator',
            align: 'right',
            render: (_v: unknown, row: Row) => formatNumber(row.cell.denominator),
          },
        ] as TableColumnsType<Row>)
      : []),
    {
      title: `${t('plan.col.value')}（${indicator.unit}）`,
      key: 'value',
      align: 'right',
      render: (_v, row) => <strong>{formatNumber(row.cell.value, places)}</strong>,
    },
    {
      title: t('plan.col.gap'),
      key: 'gap',
      align: 'right',
      render: (_v, row) => formatNumber(row.cell.gap, places),
    },
    {
      title: t('plan.col.status'),
      key: 'status',
      render: (_v, row) => <StatusTag status={row.cell.status} />,
    },
  ];

  return (
    <div data-testid="plan-regions">
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <Space>
          <Typography.Text type="secondary">{t('plan.regions.indicator')}</Typography.Text>
          <Select
            data-testid="regions-indicator"
            style={{ width: 360 }}
            value={indicator.planIndicatorId}
            onChange={onSelect}
            showSearch
            optionFilterProp="label"
            options={choices.map((choice) => ({ value: choice.planIndicatorId, label: choice.wording }))}
          />
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('plan.regions.colourBy')}</Typography.Text>
          <Segmented
            value={colourBy}
            onChange={(value) => setColourBy(value as 'value' | 'status')}
            options={[
              { value: 'status', label: t('plan.regions.byStatus') },
              { value: 'value', label: t('plan.regions.byValue') },
            ]}
          />
        </Space>
      </Space>
      {answer.error && <LoadError error={answer.error} onRetry={answer.reload} />}
      {answer.data && rows.length === 0 ? (
        <Empty description={t('plan.regions.noChildren')} />
      ) : (
        <div className="plan-regions-grid">
          <div>
            {valued.length > 0 ? (
              <EChart
                option={option}
                height={Math.max(220, valued.length * 34 + 40)}
                testId="regions-chart"
                onClick={(index) => {
                  const row = [...valued].reverse()[index];
                  if (row) onDrill(indicator, row.regionCode);
                }}
              />
            ) : (
              answer.data && <Empty description={t('plan.regions.noValues')} />
            )}
            <Alert type="info" showIcon message={t('plan.regions.note')} style={{ marginTop: 8 }} />
          </div>
          <Table<Row>
            rowKey="regionCode"
            size="small"
            loading={answer.loading}
            columns={columns}
            dataSource={rows}
            pagination={false}
            data-testid="regions-table"
          />
        </div>
      )}
    </div>
  );
}
