import { ArrowLeftOutlined, ClockCircleOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError, type ApiError } from '../api/client';
import { useMe } from '../auth/session';
import { useLocale, useT } from '../i18n';
import {
  CHECKLIST_ITEMS,
  OFF_SCHEDULE_REASONS,
  OFF_SITE_REASONS,
  VISIT_MODES,
  type Checklist,
  type OffScheduleReason,
  type OffSiteReason,
  type RecordInput,
  type TaskItem,
  type VisitMode,
  type VisitRecord,
} from './api';
import { FlagReasonForm } from './FlagReasonForm';
import { ChecklistInput } from './ChecklistInput';
import { ReasonSelect } from './ReasonSelect';
import { dropDraft, loadDraft, saveDraft, type Draft } from './drafts';
import { locationOnce } from './location';
import { submitVisit } from './outbox';
import { cachedTask } from './useMyTasks';
import { dayText, momentText } from './parts';
import './worker.css';

interface FormValues {
  mode: VisitMode;
  checklist: Partial<Checklist>;
  risks?: string[];
  referrals?: string[];
  notes?: string;
  nextDueOn?: string;
  offScheduleReason?: OffScheduleReason;
  offSiteReason?: OffSiteReason;
}

const RISK_SUGGESTIONS = [
  'fall',
  'medication',
  'nutrition',
  'loneliness',
  'gas',
  'electricity',
  'cold_heat',
] as const;
const REFERRAL_SUGGESTIONS = ['doctor', 'meals', 'cleaning', 'assistance', 'family', 'repair'] as const;

/** Whether now lies outside the task's period (or past a 24-hour deadline): the server will flag the visit. */
function offSchedule(task: TaskItem, now = dayjs()): boolean {
  const today = now.format('YYYY-MM-DD');
  const lateExtra = task.dueAt !== null && now.isAfter(dayjs(task.dueAt));
  return today < task.periodStart || today > task.dueOn || lateExtra;
}

/** The visit form on the worker's phone: one task, its clientId made when the form first opened. */
export default function VisitFormPage() {
  const { taskId: taskParam } = useParams();
  const taskId = Number(taskParam);
  const me = useMe();
  const t = useT();
  const navigate = useNavigate();
  const task = useMemo(() => cachedTask(me.id, taskId), [me.id, taskId]);

  if (!task) {
    return (
      <main className="visits-phone" data-testid="visits-form-missing">
        <p className="visits-banner visits-banner-error">{t('visits.form.noTask')}</p>
        <Button size="large" block icon={<ArrowLeftOutlined />} onClick={() => navigate('/my-visits')}>
          {t('visits.form.back')}
        </Button>
      </main>
    );
  }
  return <VisitForm key={task.id} task={task} accountId={me.id} />;
}

function VisitForm({ task, accountId }: { task: TaskItem; accountId: number }) {
  const t = useT();
  const { pick } = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(accountId, task.id));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** A sent visit the server flagged with no reason: the worker is asked for it right away. */
  const [flagged, setFlagged] = useState<VisitRecord | null>(null);
  const mode = Form.useWatch('mode', form) ?? (draft.values.mode as VisitMode | undefined) ?? 'door';
  const lateOrEarly = offSchedule(task);

  const keep = (next: Draft) => {
    setDraft(next);
    saveDraft(accountId, task.id, next);
  };
  const start = () => keep({ ...draft, startedAt: new Date().toISOString() });

  const send = async (values: FormValues) => {
    if (!draft.startedAt) return;
    setSending(true);
    setError(null);
    try {
      // Asked once, at submit, and only for a door visit; the server keeps only the distance to the home.
      const location = values.mode === 'door' ? await locationOnce() : null;
      const input: RecordInput = {
        clientId: draft.clientId,
        taskId: task.id,
        personId: task.personId,
        mode: values.mode,
        startedAt: draft.startedAt,
        endedAt: new Date().toISOString(),
        ...(location ? { location } : {}),
        checklist: values.checklist as Checklist,
        notes: values.notes?.trim() || undefined,
        risks: values.risks ?? [],
        referrals: values.referrals ?? [],
        nextDueOn: values.nextDueOn || undefined,
        offScheduleReason: values.offScheduleReason,
        offSiteReason: values.offSiteReason,
      };
      const result = await submitVisit(accountId, input, task.personName);
      if (!result.sent) {
        dropDraft(accountId, task.id);
        void message.info(t('visits.form.queued'));
        navigate('/my-visits');
        return;
      }
      dropDraft(accountId, task.id);
      if (result.record && result.record.flags.some((flag) => flag.reasonCode === null)) {
        setFlagged(result.record);
        return;
      }
      void message.success(t('visits.form.sent'));
      navigate('/my-visits');
    } catch (cause) {
      setError(
        isApiError(cause)
          ? cause
          : ({ messages: { 'zh-CN': String(cause), 'en-US': String(cause) } } as ApiError),
      );
    } finally {
      setSending(false);
    }
  };

  return (
    <main className="visits-phone" data-testid="visits-form-page">
      <Button
        type="link"
        size="large"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/my-visits')}
        className="visits-back"
      >
        {t('visits.form.back')}
      </Button>
      <section className="visits-person">
        <h1>{task.personName}</h1>
        <p>
          <span className={`visits-chip visits-chip-${task.tier}`}>{t(`visits.tier.${task.tier}`)}</span>{' '}
          {task.kind === 'extra'
            ? t('visits.worker.deadline', {
                time: momentText(t, task.dueAt ?? task.dueOn),
              })
            : t('visits.worker.dueOn', { date: dayText(t, task.dueOn) })}
        </p>
        {task.address && <p className="visits-muted">{task.address}</p>}
        {task.phoneMasked && <p className="visits-muted">{task.phoneMasked}</p>}
      </section>

      {flagged && <FlagNotice record={flagged} onDone={() => navigate('/my-visits')} />}

      {!flagged && !draft.startedAt && (
        <Button
          type="primary"
          size="large"
          block
          className="visits-big-button"
          icon={<ClockCircleOutlined />}
          onClick={start}
          data-testid="visits-start"
        >
          {t('visits.form.start')}
        </Button>
      )}
      {!flagged && draft.startedAt && (
        <p className="visits-started" data-testid="visits-started">
          <ClockCircleOutlined />{' '}
          {t('visits.form.startedAt', { time: dayjs(draft.startedAt).format('HH:mm') })}
        </p>
      )}

      {!flagged && draft.startedAt && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          className="visits-form"
          initialValues={{ mode: 'door', checklist: {}, ...draft.values }}
          onValuesChange={(_changed, all) => keep({ ...draft, values: { ...draft.values, ...all } })}
          onFinish={(values) => void send(values)}
          scrollToFirstError
        >
          <Form.Item name="mode" label={t('visits.form.mode')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              className="visits-check"
              data-testid="visits-mode"
            >
              {VISIT_MODES.map((option) => (
                <Radio.Button key={option} value={option} data-testid={`visits-mode-${option}`}>
                  {t(`visits.mode.${option}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>

          <h2>{t('visits.form.checklist')}</h2>
          {CHECKLIST_ITEMS.map((item) => (
            <Form.Item
              key={item}
              name={['checklist', item]}
              label={t(`visits.checklist.${item}`)}
              rules={[{ required: true, message: t('visits.form.checkRequired') }]}
            >
              <ChecklistInput item={item} />
            </Form.Item>
          ))}

          <Form.Item name="risks" label={t('visits.form.risks')}>
            <Select
              mode="tags"
              placeholder={t('visits.form.risksHint')}
              options={RISK_SUGGESTIONS.map((key) => ({
                value: t(`visits.risk.${key}`),
                label: t(`visits.risk.${key}`),
              }))}
              data-testid="visits-risks"
            />
          </Form.Item>
          <Form.Item name="referrals" label={t('visits.form.referrals')}>
            <Select
              mode="tags"
              placeholder={t('visits.form.referralsHint')}
              options={REFERRAL_SUGGESTIONS.map((key) => ({
                value: t(`visits.referral.${key}`),
                label: t(`visits.referral.${key}`),
              }))}
              data-testid="visits-referrals"
            />
          </Form.Item>
          <Form.Item name="notes" label={t('visits.form.notes')}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              data-testid="visits-notes"
            />
          </Form.Item>
          <Form.Item name="nextDueOn" label={t('visits.form.nextDueOn')}>
            <Input type="date" min={dayjs().format('YYYY-MM-DD')} data-testid="visits-next-due" />
          </Form.Item>
          {lateOrEarly && (
            <Form.Item
              name="offScheduleReason"
              label={t('visits.form.offScheduleReason')}
              extra={t('visits.form.offScheduleHelp')}
            >
              <ReasonSelect codes={OFF_SCHEDULE_REASONS} prefix="visits.offSchedule" />
            </Form.Item>
          )}
          {mode === 'door' && (
            <Form.Item
              name="offSiteReason"
              label={t('visits.form.offSiteReason')}
              extra={t('visits.form.locationHelp')}
            >
              <ReasonSelect codes={OFF_SITE_REASONS} prefix="visits.offSite" allowClear />
            </Form.Item>
          )}

          {error && (
            <Alert
              type="error"
              showIcon
              message={pick(error.messages)}
              className="visits-alert"
              role="alert"
            />
          )}
          {!navigator.onLine && (
            <p className="visits-banner visits-banner-offline">
              <CloudUploadOutlined /> {t('visits.form.offlineNote')}
            </p>
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            className="visits-big-button"
            loading={sending}
            data-testid="visits-submit"
          >
            {t('visits.form.submit')}
          </Button>
        </Form>
      )}
    </main>
  );
}

/**
 * The server flagged the visit without a reason (it could not be known before sending, e.g. far from the home).
 * The record stays as sent (a resend under the same clientId is the same record); the worker gives the reason now
 * or later from the list, and the supervisor sees it.
 */
function FlagNotice({ record, onDone }: { record: VisitRecord; onDone: () => void }) {
  const t = useT();
  const open = record.flags.filter((flag) => flag.reasonCode === null);
  return (
    <section className="visits-flags" role="alert" data-testid="visits-flags">
      <h2>{t('visits.flags.title')}</h2>
      <p>{t('visits.flags.help')}</p>
      <ul>
        {open.map((flag) => (
          <li key={flag.code}>{t(`visits.flag.${flag.code}`)}</li>
        ))}
      </ul>
      <FlagReasonForm recordId={record.id} flags={record.flags} onDone={onDone} />
      <Button
        size="large"
        block
        className="visits-big-button"
        onClick={onDone}
        data-testid="visits-flags-later"
      >
        {t('visits.reasons.later')}
      </Button>
    </section>
  );
}
