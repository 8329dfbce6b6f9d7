import { Card, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type { SchedulerRun, SchedulerRunList } from '../../../src/domains/visits/scheduler-schemas';
import { useT, type MessageKey } from '../i18n';
import { ErrorAlert } from '../people/shared/ErrorAlert';
import { queryString } from '../people/shared/http';
import { useApi } from '../people/shared/useApi';

type Run = z.infer<typeof SchedulerRun>;

/** Runs are per district: a community selected in the console shows its district's runs. */
const DISTRICT_CODE_LENGTH = 6;

/** The scheduler's latest runs for the selected region's districts: when, what, how many, and that the system did it. */
export function SchedulerRunsCard({ region }: { region: string | null }) {
  const t = useT();
  const regionCode = region ? region.slice(0, DISTRICT_CODE_LENGTH) : null;
  const runs = useApi<z.infer<typeof SchedulerRunList>>(
    regionCode ? `/api/visits/scheduler/runs${queryString({ regionCode, limit: 8 })}` : null,
  );
  const counts = (run: Run) =>
    run.outcome === 'failed'
      ? (run.error ?? '')
      : t(`visits.scheduler.counts.${run.job}` as MessageKey, {
          entered: run.counts.entered ?? 0,
          left: run.counts.left ?? 0,
          retiered: run.counts.retiered ?? 0,
          created: run.counts.created ?? 0,
        });
  return (
    <Card
      size="small"
      title={t('visits.scheduler.title')}
      style={{ marginTop: 16 }}
      data-testid="visits-scheduler-runs"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('visits.scheduler.hint')}
      </Typography.Paragraph>
      {runs.error && <ErrorAlert error={runs.error} />}
      <Table<Run>
        size="small"
        rowKey="id"
        pagination={false}
        loading={runs.loading}
        dataSource={runs.data?.items ?? []}
        locale={{ emptyText: t('visits.scheduler.empty') }}
        columns={[
          { title: t('visits.scheduler.region'), dataIndex: 'regionName', width: 110 },
          {
            title: t('visits.scheduler.job'),
            dataIndex: 'job',
            width: 130,
            render: (_, run) => t(`visits.scheduler.job.${run.job}`),
          },
          {
            title: t('visits.scheduler.period'),
            dataIndex: 'period',
            width: 110,
            render: (_, run) => (run.job === 'task_generation' ? run.period.slice(0, 7) : run.period),
          },
          {
            title: t('visits.scheduler.finishedAt'),
            dataIndex: 'finishedAt',
            width: 150,
            render: (_, run) => dayjs(run.finishedAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('visits.scheduler.counts'),
            key: 'counts',
            render: (_, run) => (
              <>
                <Tag color={run.outcome === 'done' ? 'green' : 'red'}>
                  {t(`visits.scheduler.outcome.${run.outcome}`)}
                </Tag>
                {counts(run)}
              </>
            ),
          },
          {
            title: t('visits.scheduler.by'),
            key: 'by',
            width: 80,
            render: (_, run) =>
              run.runByAccountId === null ? t('visits.scheduler.system') : run.runByAccountId,
          },
        ]}
      />
    </Card>
  );
}
