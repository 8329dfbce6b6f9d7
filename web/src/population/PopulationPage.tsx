import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { RegionNode } from '../api/types';
import { useMe } from '../auth/session';
import { useLocale, useT, type Translate } from '../i18n';
import { useSelectedRegion } from '../regions/scope';
import { holds } from '../sections';
import { LoadError } from '../people/shared/ErrorAlert';
import { queryString } from '../people/shared/http';
import { PageHeading } from '../people/shared/PageHeading';
import { childrenOf, useRegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import { useStoredState } from '../people/shared/useStoredState';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { FiguresDrawer } from './FiguresDrawer';
import {
  BASES,
  compareKinds,
  kindKey,
  type Basis,
  type Figure,
  type FigureKind,
  type FiguresAnswer,
  type PopulationWarning,
  type SummaryAnswer,
} from './types';
import './population.css';

export function ageRangeLabel(t: Translate, range: { ageFrom: number; ageTo: number | null }): string {
  const { ageFrom, ageTo } = range;
  if (ageTo === null)
    return ageFrom === 0 ? t('population.age.all') : t('population.age.andOver', { from: ageFrom });
  return ageFrom === ageTo
    ? t('population.age.single', { age: ageFrom })
    : t('population.age.range', { from: ageFrom, to: ageTo });
}

const SOURCE_COLORS = { census_2020: 'purple', yearly_statistics: 'blue', estimate: 'default' } as const;

interface Row extends FigureKind {
  key: string;
  counts: Map<string, number>;
}

/** 人口统计: the figures of the selected region and its subdivisions for a year, with consistency warnings. */
export default function PopulationPage() {
  const t = useT();
  const me = useMe();
  const { code: region } = useSelectedRegion();
  const regionName = useRegionName(region);
  const [settings, setSettings] = useStoredState<{ year?: number; basis: Basis }>('population', {
    basis: 'resident',
  });
  const [children, setChildren] = useState<{ parent: string; list: RegionNode[] } | null>(null);
  const [editing, setEditing] = useState(false);

  // Years with figures for the region (its own figures, every year): the default year is the latest of them.
  const years = useApi<FiguresAnswer>(region ? `/api/population/figures${queryString({ region })}` : null);
  const yearsWithData = useMemo(
    () => [...new Set((years.data?.figures ?? []).map((figure) => figure.year))].sort((a, b) => b - a),
    [years.data],
  );
  const year = settings.year ?? yearsWithData[0] ?? dayjs().year() - 1;
  const basis = settings.basis;

  const figures = useApi<FiguresAnswer>(
    region ? `/api/population/figures${queryString({ region, year, basis, children: 'true' })}` : null,
  );
  const summary = useApi<SummaryAnswer>(
    region ? `/api/population/summary${queryString({ region, year, basis })}` : null,
  );

  useEffect(() => {
    if (!region) return;
    let cancelled = false;
    childrenOf(region).then(
      (list) => !cancelled && setChildren({ parent: region, list }),
      () => !cancelled && setChildren({ parent: region, list: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [region]);
  const childList = children?.parent === region ? children.list : [];

  const reloadAll = () => {
    years.reload();
    figures.reload();
    summary.reload();
  };

  const rows = useMemo<Row[]>(() => {
    const byKind = new Map<string, Row>();
    for (const figure of figures.data?.figures ?? []) {
      const key = kindKey(figure);
      const row = byKind.get(key) ?? {
        key,
        sex: figure.sex,
        ageFrom: figure.ageFrom,
        ageTo: figure.ageTo,
        source: figure.source,
        counts: new Map(),
      };
      row.counts.set(figure.regionCode, figure.count);
      byKind.set(key, row);
    }
    return [...byKind.values()].sort(compareKinds);
  }, [figures.data]);

  const warningKeys = useMemo(() => {
    const keys = new Set<string>();
    for (const warning of figures.data?.warnings ?? []) keys.add(`${warning.regionCode}|${kindKey(warning)}`);
    return keys;
  }, [figures.data]);

  const flagged = (code: string, row: Row) => warningKeys.has(`${code}|${row.key}`);
  const count = (value: number | undefined) =>
    value === undefined ? <Typography.Text type="secondary">—</Typography.Text> : value.toLocaleString();

  const columns: TableColumnsType<Row> = [
    {
      title: t('population.ageRange'),
      key: 'age',
      fixed: 'left',
      width: 130,
      render: (_value, row) => ageRangeLabel(t, row),
    },
    {
      title: t('population.sex'),
      key: 'sex',
      fixed: 'left',
      width: 70,
      render: (_value, row) => t(`population.sex.${row.sex}`),
    },
    {
      title: t('population.source'),
      key: 'source',
      fixed: 'left',
      width: 120,
      render: (_value, row) => (
        <Tag color={SOURCE_COLORS[row.source]}>{t(`population.source.${row.source}`)}</Tag>
      ),
    },
    {
      title: <span>{regionName ?? region}</span>,
      key: 'own',
      align: 'right',
      width: 120,
      onCell: (row) => ({
        className: region && flagged(region, row) ? 'population-cell-warning' : undefined,
      }),
      render: (_value, row) => (
        <strong data-testid={`figure-own-${row.key}`}>
          {count(region ? row.counts.get(region) : undefined)}
        </strong>
      ),
    },
    ...(childList.length > 0
      ? [
          {
            title: t('population.childrenSum'),
            key: 'sum',
            align: 'right' as const,
            width: 130,
            render: (_value: unknown, row: Row) => {
              const present = childList.filter((child) => row.counts.has(child.code));
              if (present.length === 0) return count(undefined);
              const sum = present.reduce((total, child) => total + row.counts.get(child.code)!, 0);
              return (
                <Tooltip
                  title={t('population.childrenCovered', {
                    counted: present.length,
                    total: childList.length,
                  })}
                >
                  <span>
                    {sum.toLocaleString()}
                    {present.length < childList.length && (
                      <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                        {' '}
                        ({present.length}/{childList.length})
                      </Typography.Text>
                    )}
                  </span>
                </Tooltip>
              );
            },
          },
          ...childList.map((child) => ({
            title: child.name,
            key: child.code,
            align: 'right' as const,
            width: 110,
            onCell: (row: Row) => ({
              className: flagged(child.code, row) ? 'population-cell-warning' : undefined,
            }),
            render: (_value: unknown, row: Row) => count(row.counts.get(child.code)),
          })),
        ]
      : []),
  ];

  const canWrite = holds(me, 'population.write');
  const error = figures.error ?? summary.error;

  return (
    <div data-testid="population-page">
      <PageHeading
        title={t('nav.population')}
        region={region}
        extra={
          <>
            <Tooltip title={t('registry.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={reloadAll} aria-label={t('registry.refresh')} />
            </Tooltip>
            {region && mayExport(me.permissions, 'government', 'population') && (
              <ExportButton
                path="/api/export/population-figures.xlsx"
                params={{ region, year, basis, children: 'true' }}
              />
            )}
            {canWrite && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="population-edit"
              >
                {t('population.edit')}
              </Button>
            )}
          </>
        }
      />
      <Card className="registry-filters" style={{ marginBottom: 16 }}>
        <Space wrap size={[24, 12]} style={{ paddingBottom: 12 }}>
          <Space>
            <Typography.Text>{t('population.year')}</Typography.Text>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(value) => value && setSettings((prev) => ({ ...prev, year: value.year() }))}
              data-testid="population-year"
            />
          </Space>
          <Segmented<Basis>
            value={basis}
            onChange={(value) => setSettings((prev) => ({ ...prev, basis: value }))}
            options={BASES.map((value) => ({ value, label: t(`population.basis.${value}`) }))}
            data-testid="population-basis"
          />
          {yearsWithData.length > 0 && (
            <Space size={4} wrap>
              <Typography.Text type="secondary">{t('population.yearsWithData')}</Typography.Text>
              {yearsWithData.slice(0, 8).map((value) => (
                <Tag.CheckableTag
                  key={value}
                  checked={value === year}
                  onChange={() => setSettings((prev) => ({ ...prev, year: value }))}
                >
                  {value}
                </Tag.CheckableTag>
              ))}
            </Space>
          )}
        </Space>
      </Card>

      {error && !figures.data ? (
        <LoadError error={error} onRetry={reloadAll} />
      ) : (
        <>
          <Warnings warnings={figures.data?.warnings ?? []} />
          <Denominators
            summary={summary.data?.year === year && summary.data.basis === basis ? summary.data : null}
          />
          <Card
            title={t('population.figuresTitle', { year })}
            extra={<Typography.Text type="secondary">{t('population.figuresHint')}</Typography.Text>}
            styles={{ body: { padding: 0 } }}
          >
            <Table<Row>
              data-testid="population-figures"
              aria-busy={figures.loading}
              rowKey="key"
              size="middle"
              loading={figures.loading}
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('population.noFigures', { year })}
                  />
                ),
              }}
            />
          </Card>
        </>
      )}
      {editing && region && (
        <FiguresDrawer
          regions={[
            { code: region, name: regionName ?? region },
            ...childList.map((child) => ({ code: child.code, name: child.name })),
          ]}
          year={year}
          basis={basis}
          onClose={(saved) => {
            setEditing(false);
            if (saved) reloadAll();
          }}
        />
      )}
    </div>
  );
}

/** Sums that do not add up: warnings, never errors — published statistics are stored as published. */
function Warnings({ warnings }: { warnings: PopulationWarning[] }) {
  const t = useT();
  const { pick } = useLocale();
  const [expanded, setExpanded] = useState(false);
  if (warnings.length === 0) return null;
  const shown = expanded ? warnings : warnings.slice(0, 4);
  return (
    <div data-testid="population-warnings" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('population.warningsIntro', { count: warnings.length })}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {shown.map((warning, index) => (
          <Alert
            key={index}
            type="warning"
            showIcon
            data-testid="population-warning"
            data-warning-code={warning.code}
            message={
              <span>
                <Tag style={{ marginInlineEnd: 8 }}>
                  <RegionLabel code={warning.regionCode} />
                </Tag>
                {pick(warning.message)}
              </span>
            }
          />
        ))}
      </Space>
      {warnings.length > 4 && (
        <Button type="link" onClick={() => setExpanded(!expanded)} style={{ paddingInline: 0 }}>
          {expanded
            ? t('population.warningsCollapse')
            : t('population.warningsShowAll', { count: warnings.length })}
        </Button>
      )}
    </div>
  );
}

function RegionLabel({ code }: { code: string }) {
  const name = useRegionName(code);
  return <>{name ?? code}</>;
}

const DENOMINATOR_COLORS: Record<string, string> = {
  total: '#1f6feb',
  aged60Plus: '#d9822b',
  aged65Plus: '#c2410c',
  aged80Plus: '#9a3412',
  under3: '#0e8f8f',
};

function Denominators({ summary }: { summary: SummaryAnswer | null }) {
  const t = useT();
  const { pick } = useLocale();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="population-summary">
      {(summary?.denominators ?? []).map((denominator) => (
        <Col key={denominator.key} flex="1 1 11rem">
          <Card
            className="registry-stat-card"
            style={{ height: '100%' }}
            data-testid={`denominator-${denominator.key}`}
          >
            <Statistic
              title={pick(denominator.label)}
              value={denominator.total?.count ?? '—'}
              valueStyle={{ color: DENOMINATOR_COLORS[denominator.key], fontWeight: 600 }}
            />
            {denominator.total ? (
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <Tag color={SOURCE_COLORS[denominator.total.source]} style={{ marginInlineEnd: 0 }}>
                  {t(`population.source.${denominator.total.source}`)}
                </Tag>
                {denominator.total.derivedFrom === 'children' && (
                  <Tooltip title={t('population.derivedFromChildrenHint')}>
                    <Tag style={{ marginInlineEnd: 0 }}>{t('population.derivedFromChildren')}</Tag>
                  </Tooltip>
                )}
                {denominator.male && denominator.female && (
                  <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                    {t('population.maleFemale', {
                      male: denominator.male.count.toLocaleString(),
                      female: denominator.female.count.toLocaleString(),
                    })}
                  </Typography.Text>
                )}
              </Space>
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                {t('population.noDenominator')}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export type { Figure };
