import { Card, DatePicker, Empty, Select, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { LoadError } from '../people/shared/ErrorAlert';
import { today as todayOf } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { useApi } from '../people/shared/useApi';
import { useSelectedRegion } from '../regions/scope';
import { tasksPaths, type PlanWithTasks, type StandardsRegion } from './api';
import { StandardsTable } from './StandardsTable';
import { TasksTable } from './TasksTable';

interface PlanSummary {
  id: number;
  regionCode: string;
  name: string;
}

/**
 * 重点任务与设施配建标准: a plan's key tasks with lead departments, deadlines and dated progress (officers of the
 * plan's region report it here), and the facility standards checked for the region and each region below it.
 */
export default function PlanTasksPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const { code: selected } = useSelectedRegion();
  const today = todayOf();
  const date = params.get('date') ?? today;
  const tab = params.get('tab') === 'standards' ? 'standards' : 'tasks';
  const setParam = useCallback(
    (key: string, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const plans = useApi<{ plans: PlanSummary[] }>(tasksPaths.plans());
  const list = plans.data?.plans ?? [];
  const plan =
    list.find((p) => String(p.id) === params.get('plan')) ??
    [...list]
      .filter((p) => selected?.startsWith(p.regionCode))
      .sort((a, b) => b.regionCode.length - a.regionCode.length)[0] ??
    list[0];
  const region = plan && selected?.startsWith(plan.regionCode) ? selected : (plan?.regionCode ?? null);
  const detail = useApi<PlanWithTasks>(plan ? tasksPaths.plan(plan.id) : null);
  const standards = useApi<{ regions: StandardsRegion[] }>(
    plan && region && tab === 'standards' ? tasksPaths.standards(plan.id, region, date) : null,
  );
  // Progress is reported by officers whose write scope covers the plan's region; the server decides.
  const canReport =
    me.principalType === 'government' &&
    me.permissions.includes('population.write') &&
    region === plan?.regionCode;

  if (plans.error && !plans.data) return <LoadError error={plans.error} onRetry={plans.reload} />;

  return (
    <div data-testid="plan-tasks-page">
      <PageHeading title={t('planTasks.title')} region={region} />
      {plans.data && list.length === 0 ? (
        <Card>
          <Empty description={t('planTasks.none')} />
        </Card>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space wrap size={[16, 8]}>
              <Space>
                <Typography.Text type="secondary">{t('planTasks.plan')}</Typography.Text>
                <Select
                  data-testid="plan-tasks-plan"
                  style={{ width: 380 }}
                  loading={!plans.data}
                  value={plan?.id}
                  onChange={(id: number) => setParam('plan', String(id))}
                  options={list.map((p) => ({ value: p.id, label: p.name }))}
                />
              </Space>
              {tab === 'standards' && (
                <Space>
                  <Typography.Text type="secondary">{t('planTasks.date')}</Typography.Text>
                  <DatePicker
                    allowClear={false}
                    value={dayjs(date)}
                    disabledDate={(day) => day.isAfter(dayjs(today), 'day')}
                    onChange={(value) => value && setParam('date', value.format('YYYY-MM-DD'))}
                  />
                </Space>
              )}
            </Space>
          </Card>
          {detail.error && <LoadError error={detail.error} onRetry={detail.reload} />}
          {standards.error && <LoadError error={standards.error} onRetry={standards.reload} />}
          {plan && (
            <Card styles={{ body: { paddingTop: 4 } }}>
              <Tabs
                activeKey={tab}
                onChange={(key) => setParam('tab', key)}
                items={[
                  {
                    key: 'tasks',
                    label: t('planTasks.tab.tasks', { count: detail.data?.tasks.length ?? 0 }),
                    children: (
                      <TasksTable
                        planId={plan.id}
                        tasks={detail.data?.tasks ?? []}
                        loading={detail.loading}
                        canReport={canReport}
                        onChanged={detail.reload}
                      />
                    ),
                  },
                  {
                    key: 'standards',
                    label: t('planTasks.tab.standards'),
                    children: (
                      <StandardsTable regions={standards.data?.regions ?? []} loading={standards.loading} />
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
