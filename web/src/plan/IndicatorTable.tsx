import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  InfoCircleOutlined,
  LineChartOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useT } from '../i18n';
import type { EvaluatedIndicator } from './api';
import { decimalsOf, formatNumber, formatSigned } from './format';
import { StatusTag } from './StatusTag';

const COMPARATOR: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

const capitalised = (name: string) => `${name[0].toUpperCase()}${name.slice(1)}`;

/** The figure's decimals: as precise as the plan states it or the records compute it. */
const decimals = (row: EvaluatedIndicator) => decimalsOf(row.value, row.published, row.target, row.baseline);

/**
 * The plan's indicator table: each indicator in the plan's own words (in English, the catalogue's name above
 * them), its value, target, gap and status.
 */
export function IndicatorTable({
  indicators,
  englishNames,
  loading,
  onDrill,
  onSeries,
}: {
  indicators: EvaluatedIndicator[];
  /** The catalogue's English names by indicator key, when the console shows English. */
  englishNames?: Record<string, string>;
  loading: boolean;
  onDrill: (indicator: EvaluatedIndicator) => void;
  onSeries: (indicator: EvaluatedIndicator) => void;
}) {
  const t = useT();
  // Most plans state every target for one year: name it once in the header instead of on every row.
  const years = new Set(indicators.map((row) => row.targetYear));
  const commonYear = years.size === 1 ? [...years][0] : null;
  const columns: TableColumnsType<EvaluatedIndicator> = [
    {
      title: t('plan.col.indicator'),
      key: 'wording',
      fixed: 'left',
      width: 230,
      render: (_v, row) => (
        <div className="plan-wording">
          <span
            className="plan-domain-dot"
            style={{ background: row.domain === 'childcare' ? '#52c41a' : '#fa541c' }}
            title={t(`plan.domain.${row.domain}`)}
          />
          {englishNames?.[row.key] ? (
            <span className="plan-wording-names">
              <Typography.Text strong data-testid="plan-wording">
                {capitalised(englishNames[row.key])}
              </Typography.Text>
              <Typography.Text type="secondary" lang="zh-CN" className="plan-wording-original">
                {row.wording}
              </Typography.Text>
            </span>
          ) : (
            <Typography.Text strong data-testid="plan-wording">
              {row.wording}
            </Typography.Text>
          )}
          {row.note && (
            <Tooltip title={row.note}>
              <InfoCircleOutlined
                className="plan-note-icon"
                aria-label={`${t('plan.note')}: ${row.note}`}
                data-testid={`plan-note-${row.key}`}
              />
            </Tooltip>
          )}
          <Tooltip title={t('plan.tab.series')}>
            <Button
              type="link"
              size="small"
              icon={<LineChartOutlined />}
              onClick={() => onSeries(row)}
              aria-label={t('plan.tab.series')}
              className="plan-series-button"
            />
          </Tooltip>
        </div>
      ),
    },
    {
      title: t('plan.col.value'),
      key: 'value',
      align: 'right',
      width: 120,
      render: (_v, row) => {
        const text = formatNumber(row.value, decimals(row));
        const drillable = row.method === 'computed' && row.value !== null;
        return (
          <div data-testid={`plan-value-${row.key}`} data-value={row.value ?? ''}>
            {drillable ? (
              <Tooltip title={t('plan.drillHint')}>
                <a className="plan-big-number" onClick={() => onDrill(row)} data-testid="plan-drill">
                  {text}
                </a>
              </Tooltip>
            ) : (
              <span className="plan-big-number plan-muted">{text}</span>
            )}
            {row.value !== null && <span className="plan-unit">{row.unit}</span>}
            {row.trend !== null && (
              <Tooltip
                title={`${t('plan.col.trend')}（${row.trend.date}：${formatNumber(row.trend.value, decimals(row))}）`}
              >
                <div className="plan-muted plan-small">
                  {row.trend.change > 0 ? (
                    <ArrowUpOutlined />
                  ) : row.trend.change < 0 ? (
                    <ArrowDownOutlined />
                  ) : null}{' '}
                  {formatSigned(row.trend.change, decimals(row))}
                </div>
              </Tooltip>
            )}
            {row.method === 'entered' && row.entered && (
              <Tooltip title={t('plan.enteredHint', { source: row.entered.source, asOf: row.entered.asOf })}>
                <Tag bordered={false} style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>
                  {t('plan.entered')}
                </Tag>
              </Tooltip>
            )}
          </div>
        );
      },
    },
    {
      title: t('plan.col.published'),
      key: 'published',
      align: 'right',
      width: 110,
      render: (_v, row) => {
        if (row.published === null) return <span className="plan-muted">—</span>;
        const text = formatNumber(row.published, decimals(row));
        if (!row.differs || row.computed === null) {
          return <span data-testid={`plan-published-${row.key}`}>{text}</span>;
        }
        const difference = formatSigned(row.computed - row.published, decimals(row));
        return (
          <Tooltip
            title={t('plan.differsHint', {
              computed: formatNumber(row.computed, decimals(row)),
              published: text,
              difference,
            })}
          >
            <div data-testid={`plan-published-${row.key}`} data-differs="true" className="plan-differs">
              <WarningFilled /> {text}
              <div className="plan-differs-note">
                {t('plan.differs')} {difference}
              </div>
            </div>
          </Tooltip>
        );
      },
    },
    {
      title: commonYear === null ? t('plan.col.target') : t('plan.col.targetOf', { year: commonYear }),
      key: 'target',
      align: 'right',
      width: 100,
      render: (_v, row) => (
        <div data-testid={`plan-target-${row.key}`}>
          <span className="plan-target">
            {row.target === null
              ? '—'
              : `${COMPARATOR[row.comparator] ?? ''}${formatNumber(row.target, decimals(row))}`}
          </span>
          {(row.targetYear !== commonYear || (row.mid !== null && row.midYear !== null)) && (
            <div className="plan-muted plan-small">
              {row.targetYear !== commonYear && t('plan.targetYear', { year: row.targetYear })}
              {row.mid !== null && row.midYear !== null && (
                <> {t('plan.midTarget', { year: row.midYear, value: formatNumber(row.mid) })}</>
              )}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('plan.col.gap'),
      key: 'gap',
      align: 'right',
      width: 80,
      render: (_v, row) => (
        <span data-testid={`plan-gap-${row.key}`} data-value={row.gap ?? ''} className="plan-gap">
          {formatNumber(row.gap, decimals(row))}
        </span>
      ),
    },
    {
      title: t('plan.col.status'),
      key: 'status',
      width: 90,
      render: (_v, row) => <StatusTag status={row.status} />,
    },
    {
      title: t('plan.col.toAdd'),
      key: 'toAdd',
      align: 'right',
      width: 100,
      render: (_v, row) =>
        row.toAdd === null || row.toAdd.count === null ? (
          <span className="plan-muted">—</span>
        ) : (
          <span data-testid={`plan-to-add-${row.key}`}>
            <strong>{formatNumber(row.toAdd.count)}</strong>
            <div className="plan-muted plan-small">{t(`plan.quantity.${row.toAdd.quantity}` as never)}</div>
          </span>
        ),
    },
    {
      title: `${t('plan.col.nature')} / ${t('plan.col.responsible')}`,
      key: 'nature',
      width: 110,
      ellipsis: { showTitle: true },
      render: (_v, row) =>
        row.nature === null && row.responsible === null ? (
          <span className="plan-muted">—</span>
        ) : (
          <>
            {row.nature && (
              <Tag color={row.nature === 'binding' ? 'red' : 'blue'}>{t(`plan.nature.${row.nature}`)}</Tag>
            )}
            {row.responsible && <div className="plan-small">{row.responsible}</div>}
          </>
        ),
    },
  ];
  return (
    <Table<EvaluatedIndicator>
      data-testid="plan-indicators"
      className="plan-table"
      rowKey="planIndicatorId"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={indicators}
      pagination={false}
      scroll={{ x: 940 }}
      onRow={(row) => ({ 'data-indicator': row.key, 'data-status': row.status }) as never}
    />
  );
}
