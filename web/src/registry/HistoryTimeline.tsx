import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import './registry.css';

/** One field changed from one value to another; `from`/`to` already rendered (null: the field was empty). */
export interface FieldChangeView {
  label: ReactNode;
  from: ReactNode | null;
  to: ReactNode | null;
}

/** One moment in a record's history: when, by whom, and the fields it changed (or a line saying what happened). */
export interface HistoryEvent {
  key: string;
  at: string;
  by?: string | null;
  title?: ReactNode;
  changes?: FieldChangeView[];
  color?: string;
}

/**
 * 变更记录: a record's history as a timeline, newest first, each change as "field: old → new". Shared by the
 * registry detail pages so that every record's history reads the same way.
 */
export function HistoryTimeline({
  events,
  loading,
  testId = 'history',
  extra,
}: {
  events: HistoryEvent[];
  loading?: boolean;
  testId?: string;
  extra?: ReactNode;
}) {
  const t = useT();
  const empty = <Typography.Text type="secondary">{t('history.cleared')}</Typography.Text>;
  return (
    <Card title={t('history.title')} loading={loading} data-testid={testId} extra={extra}>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
      ) : (
        <Timeline
          className="registry-history"
          items={events.map((event) => ({
            key: event.key,
            color: event.color ?? 'blue',
            children: (
              <div data-testid={`${testId}-event`}>
                <div className="registry-history-head">
                  <Typography.Text strong>{dayjs(event.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                  {event.by !== undefined && (
                    <Typography.Text type="secondary">
                      {event.by === null ? t('history.bySystem') : t('history.by', { name: event.by })}
                    </Typography.Text>
                  )}
                </div>
                {event.title && <div>{event.title}</div>}
                {event.changes?.map((change, index) => (
                  <div key={index} className="registry-history-change" data-testid={`${testId}-change`}>
                    <Typography.Text type="secondary">{change.label}：</Typography.Text>
                    {change.from === null ? (
                      empty
                    ) : (
                      <span className="registry-history-old">{change.from}</span>
                    )}
                    <ArrowRightOutlined className="registry-history-arrow" />
                    <span>{change.to ?? empty}</span>
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
