import { Card, Col, DatePicker, Empty, Progress, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { LoadError } from '../people/shared/ErrorAlert';
import { queryString } from '../people/shared/http';
import { today } from '../people/shared/links';
import { useApi } from '../people/shared/useApi';
import type { CapacitySummary } from './types';

/**
 * Beds, places and facilities of the region's subtree as they stood on a chosen date (GET /api/providers/capacity),
 * and every facility's figures of that date as a workbook.
 */
export function CapacitySummaryCard({ region }: { region: string }) {
  const t = useT();
  const canExport = mayExport(useMe().permissions, 'government', 'capacity');
  const [asOf, setAsOf] = useState(today());
  const { data, error, loading, reload } = useApi<CapacitySummary>(
    `/api/providers/capacity${queryString({ region, asOf })}`,
  );
  const shown = data?.regionCode === region ? data : null;
  const elderly = shown?.domains.includes('elderly_care') ?? false;
  const childcare = shown?.domains.includes('childcare') ?? false;
  const byType = (shown?.byType ?? []).filter((row) => row.facilities > 0);
  const maxOf = (row: CapacitySummary['byType'][number]) =>
    row.domain === 'childcare' ? row.places : row.bedsTotal;
  const max = Math.max(1, ...byType.map(maxOf));

  return (
    <Card
      title={t('providers.summaryTitle')}
      style={{ marginBottom: 16 }}
      styles={{ body: { paddingBlock: 14 } }}
      data-testid="capacity-summary"
      aria-busy={loading}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('providers.asOf')}</Typography.Text>
          <DatePicker
            allowClear={false}
            value={dayjs(asOf)}
            onChange={(value) => value && setAsOf(value.format('YYYY-MM-DD'))}
            data-testid="capacity-summary-asof"
          />
          {canExport && (
            <ExportButton
              path="/api/export/capacity.xlsx"
              params={{ region, asOf }}
              label={t('providers.exportCapacityAsOf')}
              data-testid="capacity-asof-export"
            />
          )}
        </Space>
      }
    >
      {error && !shown ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Row gutter={[24, 12]} style={{ opacity: loading ? 0.6 : 1 }}>
          <Col xs={24} lg={10}>
            <Row gutter={[16, 12]}>
              <Col span={8}>
                <Statistic
                  title={t('providers.facilitiesCount')}
                  value={shown?.totals.facilities ?? '—'}
                  data-testid="summary-facilities"
                />
              </Col>
              {elderly && (
                <Col span={8}>
                  <Statistic
                    title={t('providers.bedsTotal')}
                    value={shown?.totals.bedsTotal ?? '—'}
                    valueStyle={{ color: '#c2410c' }}
                    data-testid="summary-beds"
                  />
                  <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                    {t('providers.bedsBreakdown', {
                      nursing: (shown?.totals.bedsNursing ?? 0).toLocaleString(),
                      inclusive: (shown?.totals.bedsInclusive ?? 0).toLocaleString(),
                    })}
                  </Typography.Text>
                </Col>
              )}
              {childcare && (
                <Col span={8}>
                  <Statistic
                    title={t('providers.placesTotal')}
                    value={shown?.totals.places ?? '—'}
                    valueStyle={{ color: '#0e8f8f' }}
                    data-testid="summary-places"
                  />
                  <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                    {t('providers.placesBreakdown', {
                      inclusive: (shown?.totals.placesInclusive ?? 0).toLocaleString(),
                    })}
                  </Typography.Text>
                </Col>
              )}
            </Row>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: '0.85em' }}>
              {t('providers.summaryHint')}
            </Typography.Paragraph>
          </Col>
          <Col xs={24} lg={14}>
            {byType.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('providers.noFacilitiesOn', { date: asOf })}
                style={{ margin: 0 }}
              />
            ) : (
              <div data-testid="summary-by-type">
                {byType.map((row) => (
                  <div
                    key={row.facilityType}
                    style={{
                      display: 'grid',
                      gridTemplateColumns: '9rem 1fr 7rem',
                      gap: 8,
                      alignItems: 'center',
                    }}
                  >
                    <Typography.Text ellipsis>{t(`providers.type.${row.facilityType}`)}</Typography.Text>
                    <Tooltip title={t('providers.facilitiesN', { count: row.facilities })}>
                      <Progress
                        percent={(maxOf(row) / max) * 100}
                        showInfo={false}
                        size="small"
                        strokeColor={row.domain === 'childcare' ? '#0e8f8f' : '#d9822b'}
                      />
                    </Tooltip>
                    <Typography.Text style={{ textAlign: 'right' }}>
                      {maxOf(row).toLocaleString()}{' '}
                      {t(row.domain === 'childcare' ? 'providers.unit.places' : 'providers.unit.beds')}
                    </Typography.Text>
                  </div>
                ))}
              </div>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
