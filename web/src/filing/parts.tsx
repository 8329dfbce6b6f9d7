import { DeleteOutlined, DownloadOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { App, Button, Empty, List, Popconfirm, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import {
  deleteDocument,
  fetchDocument,
  NEEDS_REASONS,
  pressingDeadline,
  type Deadline,
  type FilingDetail,
  type FilingDocument,
  type FilingEvent,
  type FilingStatus,
  type FilingSummary,
  type Side,
} from './api';
import { formatBytes, saveBase64 } from './files';

export const STATUS_COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  received: 'cyan',
  correction_requested: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: FilingStatus }) {
  const t = useT();
  return (
    <Tag
      color={STATUS_COLORS[status]}
      data-testid="filing-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {t(`filing.status.${status}`)}
    </Tag>
  );
}

export function formatTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatDay(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

/** A due date as a cell: red with the working days late when overdue, green when done in time. */
export function DeadlineText({ deadline }: { deadline: Deadline | undefined }) {
  const t = useT();
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const provisional = deadline.provisional ? (
    <Tooltip title={t('filing.deadline.provisionalHint')}>
      <Typography.Text type="secondary"> {t('filing.deadline.provisional')}</Typography.Text>
    </Tooltip>
  ) : null;
  switch (deadline.state) {
    case 'overdue':
      return (
        <span className="filing-overdue" data-testid="deadline-overdue" data-state="overdue">
          <ExclamationCircleFilled /> {deadline.dueOn}
          <br />
          <span style={{ fontSize: 12 }}>
            {t('filing.deadline.late', { days: deadline.workingDaysLate })}
          </span>
          {provisional}
        </span>
      );
    case 'done':
      return (
        <span data-state="done">
          <Typography.Text type="success">
            {t('filing.deadline.doneOn', { date: deadline.doneOn ?? '' })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('filing.deadline.due', { date: deadline.dueOn })}
          </Typography.Text>
        </span>
      );
    case 'done_late':
      return (
        <span data-state="done_late">
          <Typography.Text type="warning">
            {t('filing.deadline.doneLate', { date: deadline.doneOn ?? '', days: deadline.workingDaysLate })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('filing.deadline.due', { date: deadline.dueOn })}
          </Typography.Text>
        </span>
      );
    case 'closed':
      return (
        <Typography.Text type="secondary" data-state="closed">
          {t('filing.deadline.closed')}
        </Typography.Text>
      );
    default:
      return (
        <span data-state="pending">
          {deadline.dueOn}
          {provisional}
        </span>
      );
  }
}

/** A list row's most pressing deadline: its step above the date (or a dash when nothing is due). */
export function PressingDeadlineCell({ filing, testId }: { filing: FilingSummary; testId?: string }) {
  const t = useT();
  const deadline = pressingDeadline(filing);
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid={testId} data-step={testId ? deadline.step : undefined}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`filing.step.${deadline.step}`)}
      </Typography.Text>
      <div>
        <DeadlineText deadline={deadline} />
      </div>
    </div>
  );
}

/** All deadlines of a filing: the step, from when it counts and its limit, and where it stands. */
export function DeadlineList({ deadlines }: { deadlines: Deadline[] }) {
  const t = useT();
  if (deadlines.length === 0)
    return <Typography.Text type="secondary">{t('filing.deadline.none')}</Typography.Text>;
  return (
    <List<Deadline>
      size="small"
      split
      dataSource={deadlines}
      data-testid="filing-deadlines"
      renderItem={(deadline) => (
        <List.Item
          key={deadline.step}
          style={{ paddingInline: 0, alignItems: 'flex-start' }}
          data-step={deadline.step}
        >
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{t(`filing.step.${deadline.step}`)}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('filing.deadline.rule', { from: deadline.from, days: deadline.workingDays })}
              </Typography.Text>
            </div>
          </div>
          <div style={{ textAlign: 'right', flex: 'none', marginInlineStart: 12 }}>
            <DeadlineText deadline={deadline} />
          </div>
        </List.Item>
      )}
    />
  );
}

/** The filing's history: who moved it where and why, newest last. */
export function FilingHistory({ events }: { events: FilingEvent[] }) {
  const t = useT();
  if (events.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filing.history.empty')} />;
  return (
    <Timeline
      data-testid="filing-history"
      items={events.map((event) => ({
        key: event.id,
        color:
          event.toStatus === 'rejected'
            ? 'red'
            : event.toStatus === 'correction_requested'
              ? 'orange'
              : 'blue',
        children: (
          <div data-testid="filing-event" data-action={event.action}>
            <Space size={8} wrap>
              <Typography.Text strong>{t(`filing.action.${event.action}`)}</Typography.Text>
              <Typography.Text type="secondary">{formatTime(event.at)}</Typography.Text>
              {event.published && <Tag color="red">{t('filing.history.published')}</Tag>}
            </Space>
            <div>
              <Typography.Text type="secondary">
                {t(`filing.status.${event.fromStatus}`)} → {t(`filing.status.${event.toStatus}`)}
              </Typography.Text>
            </div>
            {event.reasons && (
              <div
                className={NEEDS_REASONS.has(event.action) ? 'filing-reasons' : undefined}
                data-testid="event-reasons"
              >
                {t('filing.history.reasons')}
                {event.reasons}
              </div>
            )}
            {event.deadline && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('filing.history.nextDeadline', { date: event.deadline })}
              </Typography.Text>
            )}
          </div>
        ),
      }))}
    />
  );
}

/** The filing's documents with download (both sides) and removal (provider, while editable). */
export function DocumentTable({
  side,
  filing,
  editable,
  onChanged,
}: {
  side: Side;
  filing: FilingDetail;
  editable: boolean;
  onChanged?: () => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);

  const showError = (error: unknown) =>
    void message.error(isApiError(error) ? pick(error.messages) : String(error));

  const download = async (document: FilingDocument) => {
    setBusy(document.id);
    try {
      const file = await fetchDocument(side, filing.id, document.id);
      saveBase64(file.content, file.fileName, file.contentType);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (document: FilingDocument) => {
    setBusy(document.id);
    try {
      await deleteDocument(filing.id, document.id);
      void message.success(t('filing.documents.removed'));
      onChanged?.();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Table<FilingDocument>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={filing.documents}
      data-testid="filing-documents"
      locale={{ emptyText: t('filing.documents.empty') }}
      columns={[
        {
          title: t('filing.documents.type'),
          dataIndex: 'type',
          width: 150,
          render: (type: FilingDocument['type']) => t(`filing.doc.${type}`),
        },
        {
          title: t('filing.documents.fileName'),
          dataIndex: 'fileName',
          ellipsis: { showTitle: true },
        },
        { title: t('filing.documents.size'), dataIndex: 'sizeBytes', width: 80, render: formatBytes },
        { title: t('filing.documents.uploadedAt'), dataIndex: 'uploadedAt', width: 140, render: formatTime },
        {
          title: t('filing.column.actions'),
          key: 'actions',
          width: editable ? 150 : 80,
          render: (_value, document) => (
            <Space size={0}>
              <Button
                size="small"
                type="link"
                icon={<DownloadOutlined />}
                loading={busy === document.id}
                onClick={() => void download(document)}
                data-testid={`document-download-${document.type}`}
              >
                {t('filing.documents.download')}
              </Button>
              {editable && (
                <Popconfirm title={t('filing.documents.removeConfirm')} onConfirm={() => remove(document)}>
                  <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                    {t('filing.documents.remove')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
