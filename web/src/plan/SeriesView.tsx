import { Alert, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useT } from '../i18n';
import { LoadError } from '../people/shared/ErrorAlert';
import { useApi } from '../people/shared/useApi';
import { planPaths, type EvaluatedIndicator, type SeriesAnswer } from './api';
import { EChart, type ChartOption } from './EChart';
import { decimalsOf, formatNumber } from './format';

/** One indicator over the years: recomputed at each year end, entered values at their dates, the plan's path. */
export function SeriesView({
  planId,
  region,
  date,
  indicators,
  selected,
  onSelect,
}: {
  planId: number;
  region: string;
  date: string;
  indicators: EvaluatedIndicator[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const t = useT();
  const answer = useApi<SeriesAnswer>(planPaths.series(planId, region, date));
  const indicator =
    indicators.find((i) => i.planIndicatorId === selected) ??
    indicators.find((i) => i.method === 'computed') ??
    indicators[0];

  const model = useMemo(() => {
    if (!answer.data || !indicator) return null;
    const computed = answer.data.points.map((point) => ({
      year: Number(point.date.slice(0, 4)),
      date: point.date,
      value: point.values.find((v) => v.planIndicatorId === indicator.planIndicatorId)?.computed ?? null,
    }));
    const entered = answer.data.entered
      .filter((value) => value.indicatorKey === indicator.key)
      .map((value) => ({ year: Number(value.asOf.slice(0, 4)), ...value }));
    const first = Math.min(2020, indicator.baselineYear ?? 2020, ...entered.map((e) => e.year));
    const last = Math.max(indicator.targetYear, ...computed.map((c) => c.year));
    const years: number[] = [];
    for (let year = first; year <= last; year++) years.push(year);
    return { computed, entered, years };
  }, [answer.data, indicator]);

  const places = decimalsOf(
    indicator?.value,
    indicator?.target,
    indicator?.baseline,
    ...(model?.computed.map((c) => c.value) ?? []),
  );

  const option = useMemo<ChartOption | null>(() => {
    if (!model || !indicator) return null;
    const at = (year: number) => model.years.indexOf(year);
    const path: [number, number][] = [];
    if (indicator.baselineYear !== null && indicator.baseline !== null)
      path.push([at(indicator.baselineYear), indicator.baseline]);
    if (indicator.midYear !== null && indicator.mid !== null)
      path.push([at(indicator.midYear), indicator.mid]);
    if (indicator.target !== null) path.push([at(indicator.targetYear), indicator.target]);
    const byYear = new Map(model.computed.map((c) => [c.year, c.value]));
    const label = (value: unknown) => formatNumber(value as number, places);
    return {
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: model.years.map(String), boundaryGap: false },
      yAxis: { type: 'value', scale: true },
      series: [
        {
          name: t('plan.series.computed'),
          type: 'line',
          data: model.years.map((year) => byYear.get(year) ?? null),
          connectNulls: false,
          symbolSize: 8,
          lineStyle: { width: 3 },
          label: { show: true, formatter: (params) => label(params.value) },
        },
        ...(model.entered.length > 0
          ? [
              {
                name: t('plan.series.entered'),
                type: 'line' as const,
                data: model.years.map(
                  (year) => model.entered.filter((e) => e.year === year).pop()?.value ?? null,
                ),
                symbol: 'diamond',
                symbolSize: 12,
                lineStyle: { opacity: 0 },
              },
            ]
          : []),
        ...(path.length > 0
          ? [
              {
                name:
                  indicator.target === null
                    ? t('plan.col.baseline')
                    : t('plan.series.target', { year: indicator.targetYear }),
                type: 'line' as const,
                data: path,
                symbol: 'rect',
                symbolSize: 10,
                lineStyle: { type: 'dashed' as const, color: '#cf1322' },
                itemStyle: { color: '#cf1322' },
                label: {
                  show: true,
                  position: 'top' as const,
                  formatter: (params: { value: unknown }) => label((params.value as number[])[1]),
                },
              },
            ]
          : []),
      ],
    };
  }, [model, indicator, places, t]);

  if (!indicator) return <Empty />;
  const hasValues = model && (model.computed.some((c) => c.value !== null) || model.entered.length > 0);
  return (
    <div data-testid="plan-series">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('plan.series.indicator')}</Typography.Text>
        <Select
          data-testid="series-indicator"
          style={{ width: 360 }}
          value={indicator.planIndicatorId}
          onChange={onSelect}
          showSearch
          optionFilterProp="label"
          options={indicators.map((choice) => ({ value: choice.planIndicatorId, label: choice.wording }))}
        />
        <Typography.Text type="secondary">{indicator.unit}</Typography.Text>
      </Space>
      {answer.error && <LoadError error={answer.error} onRetry={answer.reload} />}
      {answer.data && !hasValues ? (
        <Empty description={t('plan.series.empty')} />
      ) : (
        option && <EChart option={option} height={340} testId="series-chart" />
      )}
      {model && hasValues && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="date"
          pagination={false}
          data-testid="series-table"
          dataSource={model.computed}
          columns={[
            { title: t('plan.date'), dataIndex: 'date', key: 'date' },
            {
              title: `${t('plan.series.computed')}（${indicator.unit}）`,
              key: 'value',
              align: 'right',
              render: (_v, row) => formatNumber(row.value, places),
            },
          ]}
        />
      )}
      <Alert type="info" showIcon message={t('plan.series.note')} style={{ marginTop: 8 }} />
    </div>
  );
}
