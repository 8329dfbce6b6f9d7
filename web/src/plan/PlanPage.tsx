import { FileExcelOutlined, FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Select, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useLocale, useT } from '../i18n';
import { LoadError } from '../people/shared/ErrorAlert';
import { today as todayOf } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { useApi } from '../people/shared/useApi';
import { useSelectedRegion } from '../regions/scope';
import {
  planPaths,
  type Evaluation,
  type EvaluatedIndicator,
  type IndicatorDefinition,
  type PlanSummary,
} from './api';
import { DrillDrawer } from './DrillDrawer';
import { GapsView } from './GapsView';
import { IndicatorTable } from './IndicatorTable';
import { RegionsView } from './RegionsView';
import { SeriesView } from './SeriesView';
import { StatusSummary } from './StatusSummary';
import { yearEnd } from './format';
import './plan.css';

type Tab = 'indicators' | 'regions' | 'series' | 'gaps';
const TABS: Tab[] = ['indicators', 'regions', 'series', 'gaps'];

/** The plan nearest above the region (a county's own plan before its city's), else the first. */
function defaultPlan(plans: PlanSummary[], region: string | null): PlanSummary | undefined {
  const containing = plans
    .filter((plan) => region !== null && region.startsWith(plan.regionCode))
    .sort((a, b) => b.regionCode.length - a.regionCode.length);
  return containing[0] ?? plans[0];
}

/**
 * 规划监测: a plan's indicators for a region and date — computed from the records beside the published figures, with
 * targets, gaps and statuses — and from any number down to the regions and the records behind it.
 */
export default function PlanPage() {
  const t = useT();
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const { code: selected } = useSelectedRegion();
  const today = todayOf();
  const date = params.get('date') ?? today;
  const tab = (TABS as string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'indicators';
  const setParam = useCallback(
    (key: string, value: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === null) next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const plans = useApi<{ plans: PlanSummary[] }>(planPaths.plans());
  const list = plans.data?.plans ?? [];
  const plan = list.find((p) => String(p.id) === params.get('plan')) ?? defaultPlan(list, selected);
  // A region above the plan's own (a province officer opening a city plan) is evaluated at the plan's region.
  const region = plan && selected?.startsWith(plan.regionCode) ? selected : (plan?.regionCode ?? null);
  const evaluation = useApi<Evaluation>(plan && region ? planPaths.evaluation(plan.id, region, date) : null);
  // In English the table names each indicator as the catalogue does, the plan's Chinese wording beneath.
  const catalogue = useApi<{ indicators: IndicatorDefinition[] }>(
    locale === 'en-US' ? planPaths.indicators() : null,
  );
  const englishNames = useMemo(
    () =>
      locale === 'en-US'
        ? Object.fromEntries((catalogue.data?.indicators ?? []).map((d) => [d.key, d.nameEn]))
        : undefined,
    [catalogue.data, locale],
  );
  const [drill, setDrill] = useState<{ indicator: EvaluatedIndicator; region: string } | null>(null);
  const [seriesIndicator, setSeriesIndicator] = useState<number | null>(null);
  const [regionsIndicator, setRegionsIndicator] = useState<number | null>(null);

  const presets = useMemo(() => {
    const years: number[] = [];
    for (let year = Number(today.slice(0, 4)) - 1; year >= 2020; year--) years.push(year);
    return [
      { label: t('plan.today'), value: dayjs(today) },
      ...years.map((year) => ({ label: t('plan.yearEndOf', { year }), value: dayjs(yearEnd(year, today)) })),
    ];
  }, [t, today]);

  if (plans.error && !plans.data) return <LoadError error={plans.error} onRetry={plans.reload} />;

  const indicators = evaluation.data?.indicators ?? [];
  const openDrill = (indicator: EvaluatedIndicator) => region && setDrill({ indicator, region });

  return (
    <div data-testid="plan-page" className="plan-page">
      <PageHeading
        title={t('plan.title')}
        region={region}
        extra={
          plan &&
          region && (
            <Space wrap>
              <Button
                icon={<FilePdfOutlined />}
                href={planPaths.report(plan.id, 'pdf', region, date, locale)}
                target="_blank"
                data-testid="plan-report-pdf"
              >
                {t('plan.reportPdf')}
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                href={planPaths.report(plan.id, 'xlsx', region, date, locale)}
                data-testid="plan-report-xlsx"
              >
                {t('plan.reportExcel')}
              </Button>
            </Space>
          )
        }
      />
      {plans.data && list.length === 0 ? (
        <Card>
          <Empty description={t('plan.none')} />
        </Card>
      ) : (
        <>
          <Card className="plan-controls" size="small">
            <Space wrap size={[16, 8]}>
              <Space>
                <Typography.Text type="secondary">{t('plan.plan')}</Typography.Text>
                <Select
                  data-testid="plan-select"
                  style={{ width: 380 }}
                  loading={!plans.data}
                  value={plan?.id}
                  onChange={(id: number) => setParam('plan', String(id))}
                  options={list.map((p) => ({
                    value: p.id,
                    label: `${p.name}（${t('plan.period', { from: p.periodFrom, to: p.periodTo })}）`,
                  }))}
                />
              </Space>
              <Space>
                <Typography.Text type="secondary">{t('plan.date')}</Typography.Text>
                <DatePicker
                  data-testid="plan-date"
                  allowClear={false}
                  value={dayjs(date)}
                  presets={presets}
                  disabledDate={(day) => day.isAfter(dayjs(today), 'day')}
                  onChange={(value) => value && setParam('date', value.format('YYYY-MM-DD'))}
                />
              </Space>
              <Button
                icon={<ReloadOutlined />}
                onClick={evaluation.reload}
                loading={evaluation.loading}
                data-testid="plan-reload"
              />
            </Space>
          </Card>
          {evaluation.error && <LoadError error={evaluation.error} onRetry={evaluation.reload} />}
          {plan && region && (
            <>
              <StatusSummary indicators={indicators} loading={!evaluation.data} />
              <Card styles={{ body: { paddingTop: 4 } }}>
                <Tabs
                  activeKey={tab}
                  onChange={(key) => setParam('tab', key)}
                  items={[
                    {
                      key: 'indicators',
                      label: t('plan.tab.indicators'),
                      children: (
                        <IndicatorTable
                          indicators={indicators}
                          englishNames={englishNames}
                          loading={evaluation.loading}
                          onDrill={openDrill}
                          onSeries={(indicator) => {
                            setSeriesIndicator(indicator.planIndicatorId);
                            setParam('tab', 'series');
                          }}
                        />
                      ),
                    },
                    {
                      key: 'regions',
                      label: t('plan.tab.regions'),
                      children: (
                        <RegionsView
                          planId={plan.id}
                          region={region}
                          date={date}
                          indicators={indicators}
                          selected={regionsIndicator}
                          onSelect={setRegionsIndicator}
                          onDrill={(indicator, code) => setDrill({ indicator, region: code })}
                        />
                      ),
                    },
                    {
                      key: 'series',
                      label: t('plan.tab.series'),
                      children: (
                        <SeriesView
                          planId={plan.id}
                          region={region}
                          date={date}
                          indicators={indicators}
                          selected={seriesIndicator}
                          onSelect={setSeriesIndicator}
                        />
                      ),
                    },
                    {
                      key: 'gaps',
                      label: t('plan.tab.gaps'),
                      children: (
                        <GapsView planId={plan.id} planRegion={plan.regionCode} region={region} date={date} />
                      ),
                    },
                  ]}
                />
              </Card>
            </>
          )}
        </>
      )}
      {drill && plan && (
        <DrillDrawer
          planId={plan.id}
          date={date}
          indicator={drill.indicator}
          region={drill.region}
          onRegion={(code) => setDrill({ ...drill, region: code })}
          onClose={() => setDrill(null)}
        />
      )}
    </div>
  );
}
