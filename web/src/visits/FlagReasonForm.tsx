import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { write } from '../people/shared/http';
import {
  OFF_SCHEDULE_FLAGS,
  OFF_SCHEDULE_REASONS,
  OFF_SITE_FLAGS,
  OFF_SITE_REASONS,
  paths,
  type Flag,
  type FlagReasonInput,
  type VisitRecord,
} from './api';
import { ReasonSelect } from './ReasonSelect';

/**
 * The reason for flags the server raised after the visit was sent (an offline phone could not know the visit was
 * far from the home or off its schedule). Asks only for the kinds of reason the visit's open flags need.
 */
export function FlagReasonForm({
  recordId,
  flags,
  onDone,
}: {
  recordId: number;
  flags: Flag[];
  onDone: (record: VisitRecord) => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FlagReasonInput>();
  const [saving, setSaving] = useState(false);
  const open = flags.filter((flag) => flag.reasonCode === null);
  const offSite = open.some((flag) => OFF_SITE_FLAGS.includes(flag.code));
  const offSchedule = open.some((flag) => OFF_SCHEDULE_FLAGS.includes(flag.code));
  const other =
    Form.useWatch('offSiteReason', form) === 'other' || Form.useWatch('offScheduleReason', form) === 'other';

  const submit = async (values: FlagReasonInput) => {
    setSaving(true);
    try {
      const record = await write.post<VisitRecord>(paths.flagReasons(recordId), {
        ...values,
        note: values.note?.trim() || undefined,
      });
      void message.success(t('visits.reasons.saved'));
      onDone(record);
    } catch (error) {
      void message.error(isApiError(error) ? pick(error.messages) : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => void submit(values)}
      className="visits-reason-form"
      data-testid={`visits-reason-form-${recordId}`}
    >
      {offSite && (
        <Form.Item
          name="offSiteReason"
          label={t('visits.reasons.offSite')}
          rules={[{ required: true, message: t('visits.form.reasonPlaceholder') }]}
        >
          <ReasonSelect codes={OFF_SITE_REASONS} prefix="visits.offSite" testId="visits-reason-off-site" />
        </Form.Item>
      )}
      {offSchedule && (
        <Form.Item
          name="offScheduleReason"
          label={t('visits.reasons.offSchedule')}
          rules={[{ required: true, message: t('visits.form.reasonPlaceholder') }]}
        >
          <ReasonSelect
            codes={OFF_SCHEDULE_REASONS}
            prefix="visits.offSchedule"
            testId="visits-reason-off-schedule"
          />
        </Form.Item>
      )}
      <Form.Item
        name="note"
        label={t('visits.reasons.note')}
        rules={[
          { required: other, whitespace: true, message: t('visits.reasons.noteRequired') },
          { min: 2, message: t('visits.reasons.noteRequired') },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="visits-reason-note" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        className="visits-big-button"
        loading={saving}
        data-testid="visits-reason-submit"
      >
        {t('visits.reasons.submit')}
      </Button>
    </Form>
  );
}
