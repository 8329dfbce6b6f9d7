import { Empty, Table, Tag, Typography } from 'antd';
import { useT } from '../i18n';
import type { StandardCheck, StandardsRegion } from './api';

const RESULT_COLOURS = { met: 'success', not_met: 'error', no_data: 'default' } as const;

interface Row extends StandardCheck {
  key: string;
  region: StandardsRegion;
  first: boolean;
  span: number;
}

const format = (value: number | null) => (value === null ? '—' : value.toLocaleString());

/** The facility standards checked for the region and each region below it. */
export function StandardsTable({ regions, loading }: { regions: StandardsRegion[]; loading: boolean }) {
  const t = useT();
  const rows: Row[] = regions.flatMap((region) =>
    region.checks.map((check, index) => ({
      ...check,
      key: `${region.regionCode}:${check.measure}:${check.areaType}`,
      region,
      first: index === 0,
      span: region.checks.length,
    })),
  );
  const unit = (row: Row) =>
    row.measure === 'childcare_places_per_1000_residents'
      ? t('planTasks.unit.places')
      : t('planTasks.unit.m2');
  if (!loading && rows.length === 0) return <Empty description={t('planTasks.noStandards')} />;
  return (
    <Table<Row>
      data-testid="plan-standards-table"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      bordered
      columns={[
        {
          title: t('planTasks.col.region'),
          width: 150,
          onCell: (row) => ({ rowSpan: row.first ? row.span : 0 }),
          render: (_, row) => (
            <>
              <Typography.Text strong={row.region.own}>{row.region.name}</Typography.Text>
              {row.region.residents !== null && row.region.households !== null && (
                <div style={{ fontSize: 12, color: '#888' }}>
                  {t('planTasks.households', {
                    residents: row.region.residents.toLocaleString(),
                    households: row.region.households.toLocaleString(),
                    size: row.region.householdSize ?? '—',
                  })}
                </div>
              )}
            </>
          ),
        },
        {
          title: t('planTasks.col.standard'),
          width: 240,
          render: (_, row) => (
            <>
              {t(`planTasks.measure.${row.measure}`)}
              <div style={{ fontSize: 12, color: '#888' }}>{t(`planTasks.area.${row.areaType}`)}</div>
            </>
          ),
        },
        {
          title: t('planTasks.col.minimum'),
          width: 100,
          render: (_, row) => (
            <>
              ≥ {row.minimum}
              {row.siteMinimum !== null && (
                <div style={{ fontSize: 12, color: '#888' }}>
                  {t('planTasks.siteMinimum', { value: row.siteMinimum })}
                </div>
              )}
            </>
          ),
        },
        { title: t('planTasks.col.value'), dataIndex: 'value', width: 64, align: 'right', render: format },
        {
          title: `${t('planTasks.col.provided')} / ${t('planTasks.col.required')}`,
          width: 180,
          align: 'right',
          render: (_, row) =>
            row.required === null ? '—' : `${format(row.provided)} / ${format(row.required)} ${unit(row)}`,
        },
        {
          title: t('planTasks.col.shortfall'),
          width: 100,
          align: 'right',
          render: (_, row) =>
            row.shortfall === null ? (
              '—'
            ) : (
              <Typography.Text type={row.shortfall > 0 ? 'danger' : undefined}>
                {format(row.shortfall)} {unit(row)}
              </Typography.Text>
            ),
        },
        {
          title: t('planTasks.col.result'),
          width: 72,
          render: (_, row) => (
            <Tag color={RESULT_COLOURS[row.status]}>{t(`planTasks.result.${row.status}`)}</Tag>
          ),
        },
        {
          title: t('planTasks.col.note'),
          render: (_, row) =>
            row.note ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`planTasks.note.${row.note}`, { count: row.sitesExcluded })}
              </Typography.Text>
            ) : null,
        },
      ]}
    />
  );
}
