import { ArrowUpOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useT, type MessageKey } from '../i18n';
import { LoadError } from '../people/shared/ErrorAlert';
import { useApi } from '../people/shared/useApi';
import { useRegionScope } from '../regions/scope';
import {
  planPaths,
  type EvaluatedIndicator,
  type FacilityRecord,
  type RecordsAnswer,
  type RegionsAnswer,
} from './api';
import { decimalsOf, formatNumber } from './format';
import { StatusTag } from './StatusTag';

type RegionRow = RegionsAnswer['regions'][number] & {
  cell: RegionsAnswer['regions'][number]['indicators'][number];
};

/** Capacity the records route can list; other numerators are counted in the population or staff registries. */
const FACILITY_QUANTITIES = new Set([
  'beds_total',
  'nursing_beds',
  'dementia_beds',
  'inclusive_beds',
  'private_beds',
  'care_homes',
  'childcare_places',
  'inclusive_childcare_places',
  'childcare_facilities',
  'inclusive_childcare_facilities',
]);

/**
 * From one number to the regions directly below (their numerators, denominators and values), down level by level,
 * and to the facilities whose capacity makes the number.
 */
export function DrillDrawer({
  planId,
  date,
  indicator,
  region,
  onRegion,
  onClose,
}: {
  planId: number;
  date: string;
  indicator: EvaluatedIndicator;
  region: string;
  onRegion: (code: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { roots } = useRegionScope();
  const answer = useApi<RegionsAnswer>(planPaths.regions(planId, region, date));
  const quantity = indicator.toAdd?.quantity ?? null;
  const records = useApi<RecordsAnswer>(
    quantity && FACILITY_QUANTITIES.has(quantity) ? planPaths.records(planId, region, date, quantity) : null,
  );
  const rows: RegionRow[] = (answer.data?.regions ?? []).flatMap((entry) => {
    const cell = entry.indicators.find((value) => value.planIndicatorId === indicator.planIndicatorId);
    return cell ? [{ ...entry, cell }] : [];
  });
  const own = rows.find((row) => row.own);
  const places = (v: number | null) => decimalsOf(v, indicator.value, indicator.target);
  // The parent is reachable only inside the caller's scope.
  const parent =
    region.length > 2 ? region.slice(0, [2, 4, 6, 9].filter((n) => n < region.length).pop()) : null;
  const canGoUp =
    parent !== null && (roots ?? []).some((root) => parent.startsWith(root.code)) && parent.length >= 2;

  const columns: TableColumnsType<RegionRow> = [
    {
      title: t('plan.col.region'),
      key: 'name',
      render: (_v, row) =>
        row.own ? (
          <Space size={4}>
            <strong>{row.name}</strong>
            <Tag bordered={false}>{t('plan.drill.own')}</Tag>
          </Space>
        ) : row.childCount > 0 ? (
          <a onClick={() => onRegion(row.regionCode)} data-testid={`drill-region-${row.regionCode}`}>
            {row.name}
          </a>
        ) : (
          <span data-testid={`drill-region-${row.regionCode}`}>{row.name}</span>
        ),
    },
    ...(indicator.denominator !== null || indicator.numerator !== null
      ? ([
          {
            title: t('plan.col.numerator'),
            key: 'numerator',
            align: 'right',
            render: (_v: unknown, row: RegionRow) => formatNumber(row.cell.numerator),
          },
          ...(indicator.denominator !== null
            ? [
                {
                  title: t('plan.col.denominator'),
                  key: 'denominator',
                  align: 'right',
                  render: (_v: unknown, row: RegionRow) => formatNumber(row.cell.denominator),
                },
              ]
            : []),
        ] as TableColumnsType<RegionRow>)
      : []),
    {
      title: `${t('plan.col.value')}（${indicator.unit}）`,
      key: 'value',
      align: 'right',
      render: (_v, row) => <strong>{formatNumber(row.cell.value, places(row.cell.value))}</strong>,
    },
    {
      title: t('plan.col.target'),
      key: 'target',
      align: 'right',
      render: (_v, row) => formatNumber(row.cell.target, places(row.cell.target)),
    },
    {
      title: t('plan.col.status'),
      key: 'status',
      render: (_v, row) => <StatusTag status={row.cell.status} />,
    },
    ...(quantity
      ? ([
          {
            title: `${t('plan.col.toAdd')}（${t(`plan.quantity.${quantity}` as MessageKey)}）`,
            key: 'toAdd',
            align: 'right',
            render: (_v: unknown, row: RegionRow) => formatNumber(row.cell.toAdd),
          },
        ] as TableColumnsType<RegionRow>)
      : []),
  ];

  return (
    <Drawer
      open
      width={820}
      onClose={onClose}
      title={t('plan.drill.title', { indicator: indicator.wording })}
      data-testid="plan-drill-drawer"
      extra={
        canGoUp && (
          <Button icon={<ArrowUpOutlined />} onClick={() => onRegion(parent)} data-testid="drill-up">
            {t('plan.drill.up')}
          </Button>
        )
      }
    >
      {answer.error && <LoadError error={answer.error} onRetry={answer.reload} />}
      <Table<RegionRow>
        data-testid="drill-regions"
        rowKey="regionCode"
        size="small"
        loading={answer.loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(row) => (row.own ? 'plan-own-row' : '')}
      />
      {own && own.childCount === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('plan.drill.noChildren')}
        </Typography.Paragraph>
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('plan.drill.records')}
      </Typography.Title>
      <RecordLinks indicator={indicator} region={region} />
      {records.error && <LoadError error={records.error} onRetry={records.reload} />}
      {quantity && FACILITY_QUANTITIES.has(quantity) ? (
        <FacilityTable
          answer={records.data}
          loading={records.loading}
          childcare={quantity.startsWith('childcare') || quantity.startsWith('inclusive_childcare')}
          regionName={own?.name ?? region}
        />
      ) : (
        <Alert type="info" showIcon message={t('plan.drill.noRecords')} />
      )}
    </Drawer>
  );
}

/** Links to the registry pages the numbers come from, with the region pre-set. */
function RecordLinks({ indicator, region }: { indicator: EvaluatedIndicator; region: string }) {
  const t = useT();
  const links: { to: string; label: MessageKey }[] = [];
  if (indicator.toAdd) links.push({ to: `/providers?region=${region}`, label: 'plan.drill.openProviders' });
  if (
    [
      'certified_carers',
      'social_workers_per_1000_elderly',
      'childcare_staff',
      'childcare_staff_certified_rate',
    ].includes(indicator.key)
  )
    links.push({ to: `/staff?region=${region}`, label: 'plan.drill.openStaff' });
  if (indicator.denominator !== null)
    links.push({ to: `/population?region=${region}`, label: 'plan.drill.openPopulation' });
  if (links.length === 0) return null;
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {links.map((link) => (
        <Link key={link.to} to={link.to} data-testid="drill-registry-link">
          <ExportOutlined /> {t(link.label)}
        </Link>
      ))}
    </Space>
  );
}

function FacilityTable({
  answer,
  loading,
  childcare,
  regionName,
}: {
  answer: RecordsAnswer | null;
  loading: boolean;
  childcare: boolean;
  regionName: string;
}) {
  const t = useT();
  const columns: TableColumnsType<FacilityRecord> = [
    {
      title: t('plan.col.facility'),
      key: 'name',
      render: (_v, row) => (
        <Link
          to={`/providers/facilities/${row.id}?region=${row.regionCode}`}
          data-testid={`drill-facility-${row.id}`}
        >
          {row.name}
        </Link>
      ),
    },
    {
      title: t('plan.col.type'),
      key: 'type',
      width: 140,
      render: (_v, row) => t(`providers.type.${row.facilityType}` as MessageKey),
    },
    {
      title: t('plan.col.ownership'),
      key: 'ownership',
      width: 90,
      render: (_v, row) => t(`providers.ownership.${row.ownership}` as MessageKey),
    },
    ...((childcare
      ? [
          { title: t('plan.col.places'), key: 'places', align: 'right', dataIndex: 'places' },
          {
            title: t('plan.col.inclusivePlaces'),
            key: 'placesInclusive',
            align: 'right',
            dataIndex: 'placesInclusive',
          },
        ]
      : [
          { title: t('plan.col.beds'), key: 'beds', align: 'right', dataIndex: 'bedsTotal' },
          { title: t('plan.col.nursingBeds'), key: 'nursing', align: 'right', dataIndex: 'bedsNursing' },
        ]) as TableColumnsType<FacilityRecord>),
  ];
  return (
    <>
      {answer && (
        <Typography.Paragraph type="secondary" data-testid="drill-records-total">
          {t('plan.drill.recordsTotal', { total: answer.total, region: regionName, date: answer.date })}
          {answer.total > answer.facilities.length &&
            `，${t('plan.drill.recordsTruncated', { shown: answer.facilities.length })}`}
        </Typography.Paragraph>
      )}
      <Table<FacilityRecord>
        data-testid="drill-records"
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={answer?.facilities ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      />
    </>
  );
}
