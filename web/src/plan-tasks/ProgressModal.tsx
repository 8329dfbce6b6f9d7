import { Alert, DatePicker, Form, Input, Modal, Select, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { useLocale, useT } from '../i18n';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';
import { tasksPaths, type PlanTask, type TaskStatus } from './api';

const STATUSES: TaskStatus[] = ['not_started', 'in_progress', 'done', 'delayed'];

interface Values {
  reportedOn: Dayjs;
  status: TaskStatus;
  report: string;
}

/** A dated progress report on one key task; the server checks the officer's region and records it in the audit. */
export function ProgressModal({
  planId,
  task,
  onClose,
  onSaved,
}: {
  planId: number;
  task: PlanTask;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<UnplacedErrors | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setFailure(null);
    try {
      await api.post(tasksPaths.progress(planId, task.number), {
        reportedOn: values.reportedOn.format('YYYY-MM-DD'),
        status: values.status,
        report: values.report,
      });
      void message.success(t('planTasks.form.saved'));
      onSaved();
    } catch (error) {
      setFailure(applyServerErrors(form, error, pick));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('planTasks.form.title', { number: task.number })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      destroyOnHidden
      data-testid="task-progress-modal"
    >
      <p style={{ color: '#555' }}>{task.title}</p>
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={failure.error.message}
          description={failure.unplaced.join('；') || undefined}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reportedOn: dayjs(), status: task.progress.at(-1)?.status ?? 'in_progress' }}
      >
        <Form.Item
          name="reportedOn"
          label={t('planTasks.form.reportedOn')}
          rules={[{ required: true, message: t('planTasks.form.required') }]}
        >
          <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="status"
          label={t('planTasks.form.status')}
          rules={[{ required: true, message: t('planTasks.form.required') }]}
        >
          <Select
            data-testid="task-progress-status"
            options={STATUSES.map((status) => ({ value: status, label: t(`planTasks.status.${status}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="report"
          label={t('planTasks.form.report')}
          rules={[{ required: true, whitespace: true, message: t('planTasks.form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="task-progress-report" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
