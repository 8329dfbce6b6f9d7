import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import type { PlanTask, TaskStatus } from './api';
import { ProgressModal } from './ProgressModal';

const COLOURS: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  delayed: 'error',
};

/** The plan's key tasks with who leads them, the deadline and the latest dated progress report. */
export function TasksTable({
  planId,
  tasks,
  loading,
  canReport,
  onChanged,
}: {
  planId: number;
  tasks: PlanTask[];
  loading: boolean;
  canReport: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const [reporting, setReporting] = useState<PlanTask | null>(null);
  return (
    <>
      <Table<PlanTask>
        data-testid="plan-tasks-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={tasks}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('planTasks.col.number'), dataIndex: 'number', width: 56 },
          { title: t('planTasks.col.task'), dataIndex: 'title', ellipsis: { showTitle: true } },
          {
            title: t('planTasks.col.lead'),
            width: 200,
            render: (_, task) => (
              <Tooltip
                title={
                  task.participatingDepartments.length > 0
                    ? `${t('planTasks.col.participating')}：${task.participatingDepartments.join('、')}`
                    : undefined
                }
              >
                <Typography.Text ellipsis style={{ maxWidth: 190 }}>
                  {task.leadDepartments.join('、') || '—'}
                </Typography.Text>
              </Tooltip>
            ),
          },
          { title: t('planTasks.col.deadline'), dataIndex: 'deadline', width: 100, render: (d) => d ?? '—' },
          {
            title: t('planTasks.col.latest'),
            width: 280,
            render: (_, task) => {
              const latest = task.progress.at(-1);
              if (!latest)
                return <Typography.Text type="secondary">{t('planTasks.noProgress')}</Typography.Text>;
              return (
                <Tooltip title={t('planTasks.history', { count: task.progress.length })}>
                  <Tag color={COLOURS[latest.status]}>{t(`planTasks.status.${latest.status}`)}</Tag>
                  <Typography.Text ellipsis style={{ maxWidth: 180 }}>
                    {latest.reportedOn} {latest.report}
                  </Typography.Text>
                </Tooltip>
              );
            },
          },
          ...(canReport
            ? [
                {
                  title: t('planTasks.col.actions'),
                  width: 96,
                  render: (_: unknown, task: PlanTask) => (
                    <Button
                      size="small"
                      data-testid={`task-report-${task.number}`}
                      onClick={() => setReporting(task)}
                    >
                      {t('planTasks.report')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {reporting && (
        <ProgressModal
          planId={planId}
          task={reporting}
          onClose={() => setReporting(null)}
          onSaved={() => {
            setReporting(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
