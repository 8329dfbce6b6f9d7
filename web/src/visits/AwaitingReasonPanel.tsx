import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useApi } from '../people/shared/useApi';
import { paths, type List, type VisitRecord } from './api';
import { FlagReasonForm } from './FlagReasonForm';
import { momentText } from './parts';

/**
 * The worker's visits the server flagged with no reason yet (most were sent from the outbox after the network came
 * back), each answerable here until the supervisor has reviewed it. Shown only when there are some.
 */
export function AwaitingReasonPanel({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const { data, reload } = useApi<List<VisitRecord>>(paths.awaitingReason({ pageSize: 50 }));
  const [answering, setAnswering] = useState<number | null>(null);
  useEffect(() => {
    if (refreshKey > 0) reload();
  }, [refreshKey, reload]);

  if (!data || data.items.length === 0) return null;
  return (
    <section
      className="visits-awaiting"
      data-testid="visits-awaiting-reason"
      aria-label={t('visits.reasons.title', { count: data.items.length })}
    >
      <h2>
        <ExclamationCircleOutlined /> {t('visits.reasons.title', { count: data.items.length })}
      </h2>
      <p className="visits-muted">{t('visits.reasons.help')}</p>
      <ul>
        {data.items.map((record) => (
          <li key={record.id} data-testid={`visits-awaiting-${record.id}`}>
            <div className="visits-task-top">
              <span className="visits-task-name">{record.personName}</span>
              <span className="visits-muted">{momentText(t, record.startedAt)}</span>
            </div>
            <p className="visits-task-line">
              {record.flags
                .filter((flag) => flag.reasonCode === null)
                .map((flag) => (
                  <span key={flag.code} className="visits-chip visits-chip-overdue">
                    {t(`visits.flag.${flag.code}`)}
                  </span>
                ))}
            </p>
            {answering === record.id ? (
              <FlagReasonForm
                recordId={record.id}
                flags={record.flags}
                onDone={() => {
                  setAnswering(null);
                  reload();
                }}
              />
            ) : (
              <Button
                size="large"
                block
                className="visits-big-button"
                onClick={() => setAnswering(record.id)}
                data-testid={`visits-answer-${record.id}`}
              >
                {t('visits.reasons.answer')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
