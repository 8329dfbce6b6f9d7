import { CloudUploadOutlined, DeleteOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useLocale, useT } from '../i18n';
import type { TaskItem } from './api';
import { AwaitingReasonPanel } from './AwaitingReasonPanel';
import { discard, startOutboxSync, type OutboxEntry } from './outbox';
import { sortTasks, useMyTasks } from './useMyTasks';
import { useOutbox } from './useOutbox';
// The form is imported here, not only lazily by its route, so that it is already loaded when the network is gone.
import './VisitFormPage';
import { dayText, momentText } from './parts';
import './worker.css';

/** 本周探访: the community worker's visits this week on a phone, overdue and 24-hour visits first. */
export default function WorkerVisitsPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const { tasks, cachedAt, error, loading, reload } = useMyTasks(me.id);
  const waiting = useOutbox(me.id);
  // Visits the outbox just sent may come back flagged: the reasons panel then asks again.
  const [uploads, setUploads] = useState(0);

  useEffect(
    () =>
      startOutboxSync(me.id, (records) => {
        void message.success(t('visits.worker.uploaded', { count: records.length }));
        reload();
        setUploads((n) => n + 1);
      }),
    [me.id, message, reload, t],
  );

  const waitingByTask = new Map(waiting.map((entry) => [entry.input.taskId, entry]));
  const sorted = tasks ? sortTasks(tasks) : null;

  return (
    <main className="visits-phone" data-testid="visits-worker-page">
      <header className="visits-phone-head">
        <h1>{t('visits.worker.title')}</h1>
        <Button
          size="large"
          icon={<ReloadOutlined />}
          onClick={reload}
          loading={loading}
          aria-label={t('app.retry')}
          data-testid="visits-reload"
        />
      </header>

      {waiting.length > 0 && <WaitingPanel entries={waiting} accountId={me.id} />}
      <AwaitingReasonPanel refreshKey={uploads} />

      {cachedAt && (
        <p className="visits-banner visits-banner-offline" data-testid="visits-offline-banner">
          {t('visits.worker.offlineList', { time: dayjs(cachedAt).format('M/D HH:mm') })}
        </p>
      )}
      {error && !cachedAt && (
        <p className="visits-banner visits-banner-error" role="alert">
          {t('visits.worker.loadFailed')}
        </p>
      )}
      {!sorted && !error && <p className="visits-muted">{t('app.loading')}</p>}
      {sorted && sorted.length === 0 && (
        <p className="visits-empty" data-testid="visits-none">
          {t('visits.worker.none')}
        </p>
      )}
      {sorted && sorted.length > 0 && (
        <ul className="visits-task-list" aria-label={t('visits.worker.title')}>
          {sorted.map((task) => (
            <TaskCard key={task.id} task={task} waiting={waitingByTask.get(task.id) ?? null} />
          ))}
        </ul>
      )}
    </main>
  );
}

function TaskCard({ task, waiting }: { task: TaskItem; waiting: OutboxEntry | null }) {
  const t = useT();
  const navigate = useNavigate();
  const extra = task.kind === 'extra';
  const classes = ['visits-task', `visits-task-${task.status}`, extra ? 'visits-task-extra' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} data-testid={`visits-task-${task.id}`} data-status={task.status}>
      <div className="visits-task-top">
        <span className="visits-task-name">{task.personName}</span>
        <span className={`visits-chip visits-chip-${task.tier}`}>{t(`visits.tier.${task.tier}`)}</span>
        {extra && <span className="visits-chip visits-chip-extra">{t('visits.worker.extra')}</span>}
        {task.status === 'overdue' && (
          <span className="visits-chip visits-chip-overdue">{t('visits.taskStatus.overdue')}</span>
        )}
        {task.status === 'done' && (
          <span className="visits-chip visits-chip-done">{t('visits.taskStatus.done')}</span>
        )}
      </div>
      {task.address && <p className="visits-task-line">{task.address}</p>}
      {extra && (
        <p className="visits-task-deadline" data-testid="visits-task-deadline">
          {t('visits.worker.deadline', {
            time: momentText(t, task.dueAt ?? task.dueOn),
          })}
          {task.reason && ` · ${t(`visits.event.${task.reason as 'alarm'}`)}`}
        </p>
      )}
      {!extra && (
        <p className="visits-task-line">{t('visits.worker.dueOn', { date: dayText(t, task.dueOn) })}</p>
      )}
      <p className="visits-task-line visits-muted">
        {task.lastVisitOn
          ? t('visits.worker.lastVisit', { date: dayText(t, task.lastVisitOn) })
          : t('visits.worker.neverVisited')}
      </p>
      {waiting ? (
        <p className="visits-waiting-tag" data-testid="visits-task-waiting">
          <CloudUploadOutlined /> {t('visits.worker.waiting')}
        </p>
      ) : (
        task.status !== 'done' && (
          <Button
            type="primary"
            size="large"
            block
            className="visits-big-button"
            onClick={() => navigate(`/my-visits/${task.id}`)}
            data-testid={`visits-open-${task.id}`}
          >
            {t('visits.worker.record')}
            <RightOutlined />
          </Button>
        )
      )}
    </li>
  );
}

function WaitingPanel({ entries, accountId }: { entries: OutboxEntry[]; accountId: number }) {
  const t = useT();
  const { pick } = useLocale();
  return (
    <section className="visits-waiting" data-testid="visits-waiting" aria-label={t('visits.worker.waiting')}>
      <h2>
        <CloudUploadOutlined /> {t('visits.worker.waitingTitle', { count: entries.length })}
      </h2>
      <p className="visits-muted">{t('visits.worker.waitingHelp')}</p>
      <ul>
        {entries.map((entry) => (
          <li key={entry.input.clientId} data-testid="visits-waiting-entry">
            <span className="visits-task-name">{entry.personName}</span>{' '}
            <span className="visits-muted">{momentText(t, entry.input.endedAt)}</span>
            {entry.refused && (
              <div className="visits-refused" role="alert">
                {t('visits.worker.refused')}: {pick(entry.refused)}
                <Button
                  danger
                  size="large"
                  icon={<DeleteOutlined />}
                  onClick={() => discard(accountId, entry.input.clientId)}
                >
                  {t('visits.worker.discard')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
