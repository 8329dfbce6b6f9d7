import { Card, Col, Row, Statistic } from 'antd';
import { useT } from '../i18n';
import type { EvaluatedIndicator, Status } from './api';
import { STATUS_COLORS } from './format';

const SHOWN: Status[] = ['met', 'on_track', 'at_risk', 'off_track', 'no_data'];

/** How many of the plan's indicators stand at each status: the first thing a mayor asks. */
export function StatusSummary({
  indicators,
  loading,
}: {
  indicators: EvaluatedIndicator[];
  loading: boolean;
}) {
  const t = useT();
  return (
    <Row gutter={[12, 12]} className="plan-summary" data-testid="plan-summary">
      {SHOWN.map((status) => (
        <Col key={status} flex="1 1 0">
          <Card size="small" loading={loading} style={{ borderTop: `3px solid ${STATUS_COLORS[status]}` }}>
            <Statistic
              title={t(`plan.status.${status}`)}
              value={indicators.filter((indicator) => indicator.status === status).length}
              suffix={<span className="plan-summary-of">/ {indicators.length}</span>}
              valueStyle={{ color: STATUS_COLORS[status], fontWeight: 600 }}
              data-testid={`plan-summary-${status}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
