import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Form, Modal, Radio, Tag } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { api, isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { write } from '../people/shared/http';
import { useSelectedRegion } from '../regions/scope';
import { paths, type List, type TaskItem, type TaskStatus } from './api';
import {
  actionsColumn,
  lastVisitColumn,
  regionColumn,
  regionListProps,
  taskStatusColumn,
  tierColumn,
  workerColumn,
} from './columns';
import { SchedulerRunsCard } from './SchedulerRunsCard';
import { SupervisorShell } from './SupervisorShell';
import { WorkerSelect } from './WorkerSelect';

const STATUSES: TaskStatus[] = ['overdue', 'open', 'done'];

/** 探访任务: tasks in the region, overdue ones first, with reassignment to another worker. */
export default function TasksPage() {
  const t = useT();
  const { code: region } = useSelectedRegion();
  const [status, setStatus] = useState<TaskStatus>('overdue');
  const [reassigning, setReassigning] = useState<TaskItem | null>(null);
  const table = useRef<ActionType>();

  const columns: ProColumns<TaskItem>[] = [
    { title: t('visits.column.person'), dataIndex: 'personName', width: 100 },
    regionColumn(t),
    tierColumn(t, { width: 90 }),
    {
      title: t('visits.tasks.kind'),
      dataIndex: 'kind',
      render: (_, row) =>
        row.kind === 'extra' ? (
          <Tag color="orange">
            {t('visits.worker.extra')}
            {row.reason && ` · ${t(`visits.event.${row.reason as 'alarm'}`)}`}
          </Tag>
        ) : (
          t('visits.tasks.regular')
        ),
    },
    {
      title: t('visits.tasks.due'),
      dataIndex: 'dueOn',
      render: (_, row) => (row.dueAt ? dayjs(row.dueAt).format('YYYY-MM-DD HH:mm') : row.dueOn),
    },
    taskStatusColumn(t),
    workerColumn(t),
    lastVisitColumn(t),
    actionsColumn(t, (row) =>
      row.status === 'done'
        ? []
        : [
            <a key="reassign" onClick={() => setReassigning(row)}>
              {t('visits.tasks.reassign')}
            </a>,
          ],
    ),
  ];

  return (
    <SupervisorShell testId="visits-tasks-page">
      <ProTable<TaskItem, { region: string | null; status: TaskStatus }>
        rowKey="id"
        actionRef={table}
        columns={columns}
        params={{ region, status }}
        {...regionListProps<TaskItem, { region: string | null; status: TaskStatus }>(
          (regionCode, { current, pageSize, status: wanted }) =>
            api.get<List<TaskItem>>(paths.tasks({ regionCode, status: wanted, page: current, pageSize })),
        )}
        headerTitle={
          <Radio.Group
            value={status}
            onChange={(event) => setStatus(event.target.value as TaskStatus)}
            optionType="button"
            options={STATUSES.map((value) => ({ value, label: t(`visits.taskStatus.${value}`) }))}
            data-testid="visits-tasks-status"
          />
        }
        data-testid="visits-tasks-table"
      />
      <SchedulerRunsCard region={region} />
      {reassigning && (
        <ReassignModal
          task={reassigning}
          onClose={(changed) => {
            setReassigning(null);
            if (changed) void table.current?.reload();
          }}
        />
      )}
    </SupervisorShell>
  );
}

function ReassignModal({ task, onClose }: { task: TaskItem; onClose: (changed: boolean) => void }) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ workerAccountId: number | null }>();
  const [saving, setSaving] = useState(false);
  const submit = async ({ workerAccountId }: { workerAccountId: number | null }) => {
    if (!workerAccountId) return;
    setSaving(true);
    try {
      await write.post(paths.reassign(task.id), { workerAccountId });
      void message.success(t('visits.saved'));
      onClose(true);
    } catch (error) {
      void message.error(isApiError(error) ? pick(error.messages) : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('visits.tasks.reassignTitle', { name: task.personName })}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      onCancel={() => onClose(false)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ workerAccountId: task.workerAccountId }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="workerAccountId"
          label={t('visits.column.worker')}
          rules={[{ required: true, message: t('visits.roster.chooseWorker') }]}
        >
          <WorkerSelect regionCode={task.regionCode} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
