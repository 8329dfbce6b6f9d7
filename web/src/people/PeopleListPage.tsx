import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Form,
  Input,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { MaskedId } from '../registry/MaskedId';
import { listPagination } from '../registry/pagination';
import { useSelectedRegion } from '../regions/scope';
import { holds } from '../sections';
import { LoadError } from './shared/ErrorAlert';
import { queryString } from './shared/http';
import { today, useScopedHref } from './shared/links';
import { PageHeading } from './shared/PageHeading';
import { RegionName } from './shared/regionNames';
import { useApi } from './shared/useApi';
import { useStoredState } from './shared/useStoredState';
import {
  ageOn,
  CAPABILITY_LEVELS,
  CONDITION_KINDS,
  LIVING_SITUATIONS,
  type ConditionKind,
  type LivingSituation,
  type PeoplePage,
  type Person,
} from './types';

/** Age bands offered in the filter: the 一老一小 ones first. */
export const AGE_BANDS = {
  '60+': { ageFrom: 60 },
  '65+': { ageFrom: 65 },
  '80+': { ageFrom: 80 },
  '90+': { ageFrom: 90 },
  '0-2': { ageFrom: 0, ageTo: 2 },
  '3-17': { ageFrom: 3, ageTo: 17 },
  '18-59': { ageFrom: 18, ageTo: 59 },
} as const satisfies Record<string, { ageFrom: number; ageTo?: number }>;
type AgeBand = keyof typeof AGE_BANDS;

interface Filters {
  name?: string;
  condition?: ConditionKind;
  livingSituation?: LivingSituation;
  ageBand?: AgeBand;
  capabilityLevel?: number;
  page: number;
  pageSize: number;
}

const INITIAL: Filters = { page: 1, pageSize: 20 };

export default function PeopleListPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const href = useScopedHref();
  const { code: region } = useSelectedRegion();
  const [filters, setFilters] = useStoredState<Filters & { region?: string | null }>('people.list', INITIAL);
  // Another region starts again at page 1.
  const current = filters.region === region ? filters : { ...filters, page: 1 };
  const band = current.ageBand ? AGE_BANDS[current.ageBand] : undefined;
  // The list's filters, the same for the page shown and for the export of every page.
  const listFilters = {
    region,
    name: current.name,
    condition: current.condition,
    livingSituation: current.livingSituation,
    capabilityLevel: current.capabilityLevel,
    ageFrom: band?.ageFrom,
    ageTo: band && 'ageTo' in band ? band.ageTo : undefined,
  };
  const path = region
    ? `/api/people${queryString({ ...listFilters, page: current.page, pageSize: current.pageSize })}`
    : null;
  const { data, error, loading, reload } = useApi<PeoplePage>(path);
  const [nameDraft, setNameDraft] = useState(current.name ?? '');
  const on = today();

  const update = (patch: Partial<Filters>) =>
    setFilters((prev) => ({ ...prev, ...patch, region, page: patch.page ?? 1 }));

  const columns: TableColumnsType<Person> = [
    {
      title: t('people.name'),
      dataIndex: 'name',
      key: 'name',
      width: 120,
      render: (name: string, person) => (
        <Link to={href(`/people/${person.id}`)} data-testid={`person-link-${person.id}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('people.sex'),
      dataIndex: 'sex',
      key: 'sex',
      width: 64,
      render: (sex: Person['sex']) => t(`people.sex.${sex}`),
    },
    {
      title: t('people.birthDateAge'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      width: 150,
      render: (birthDate: string) => (
        <span>
          {birthDate}{' '}
          <Typography.Text type="secondary">
            ({t('people.ageValue', { age: ageOn(birthDate, on) })})
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('people.idNumber'),
      dataIndex: 'idNumberMasked',
      key: 'idNumberMasked',
      width: 190,
      render: (value: string | null) => <MaskedId value={value} />,
    },
    {
      title: t('people.region'),
      dataIndex: 'regionCode',
      key: 'regionCode',
      width: 120,
      render: (code: string) => <RegionName code={code} />,
    },
    {
      title: t('people.livingSituation'),
      dataIndex: 'livingSituation',
      key: 'livingSituation',
      width: 100,
      render: (value: LivingSituation | null) =>
        value ? t(`people.living.${value}`) : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('people.capabilityLevel'),
      dataIndex: 'capabilityLevel',
      key: 'capabilityLevel',
      width: 110,
      render: (value: number | null) =>
        value === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Tag color={CAPABILITY_COLORS[value]}>{t(capabilityKey(value))}</Tag>
        ),
    },
    {
      title: t('people.address'),
      dataIndex: 'address',
      key: 'address',
      ellipsis: true,
      render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];

  const filtered =
    !!current.name ||
    !!current.condition ||
    !!current.livingSituation ||
    !!current.ageBand ||
    current.capabilityLevel !== undefined;

  return (
    <div data-testid="people-page">
      <PageHeading
        title={t('nav.people')}
        region={region}
        extra={
          <>
            <Tooltip title={t('registry.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('registry.refresh')} />
            </Tooltip>
            {region && mayExport(me.permissions, 'government', 'people') && (
              <ExportButton path="/api/export/people.xlsx" params={listFilters} />
            )}
            {holds(me, 'people.write') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(href('/people/new'))}
                data-testid="person-create"
              >
                {t('people.create')}
              </Button>
            )}
          </>
        }
      />
      <Card className="registry-filters" style={{ marginBottom: 16 }}>
        <Form layout="inline" data-testid="people-filters">
          <Form.Item>
            <Input.Search
              allowClear
              value={nameDraft}
              onChange={(event) => setNameDraft(event.target.value)}
              placeholder={t('people.namePlaceholder')}
              aria-label={t('people.name')}
              onSearch={(value) => update({ name: value.trim() || undefined })}
              style={{ width: 180 }}
              data-testid="filter-name"
            />
          </Form.Item>
          <Form.Item>
            <Select
              allowClear
              value={current.condition}
              placeholder={t('people.condition')}
              aria-label={t('people.condition')}
              onChange={(value?: ConditionKind) => update({ condition: value })}
              options={CONDITION_KINDS.map((kind) => ({
                value: kind,
                label: t(`people.conditionKind.${kind}`),
              }))}
              style={{ width: 160 }}
              data-testid="filter-condition"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item>
            <Select
              allowClear
              value={current.livingSituation}
              placeholder={t('people.livingSituation')}
              aria-label={t('people.livingSituation')}
              onChange={(value?: LivingSituation) => update({ livingSituation: value })}
              options={LIVING_SITUATIONS.map((value) => ({ value, label: t(`people.living.${value}`) }))}
              style={{ width: 130 }}
              data-testid="filter-living"
            />
          </Form.Item>
          <Form.Item>
            <Select
              allowClear
              value={current.ageBand}
              placeholder={t('people.ageBand')}
              aria-label={t('people.ageBand')}
              onChange={(value?: AgeBand) => update({ ageBand: value })}
              options={(Object.keys(AGE_BANDS) as AgeBand[]).map((value) => ({
                value,
                label: t(`people.ageBand.${value}`),
              }))}
              style={{ width: 130 }}
              data-testid="filter-age"
            />
          </Form.Item>
          <Form.Item>
            <Select
              allowClear
              value={current.capabilityLevel}
              placeholder={t('people.capabilityLevel')}
              aria-label={t('people.capabilityLevel')}
              onChange={(value?: number) => update({ capabilityLevel: value })}
              options={CAPABILITY_LEVELS.map((value) => ({
                value,
                label: t(capabilityKey(value)),
              }))}
              style={{ width: 150 }}
              data-testid="filter-capability"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          {filtered && (
            <Form.Item>
              <Button
                type="link"
                onClick={() => {
                  setNameDraft('');
                  setFilters({ ...INITIAL, region });
                }}
                data-testid="filter-reset"
              >
                {t('registry.resetFilters')}
              </Button>
            </Form.Item>
          )}
        </Form>
      </Card>
      <Card styles={{ body: { padding: error && !data ? undefined : 0 } }}>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <>
            {error && <LoadError error={error} onRetry={reload} />}
            <Table<Person>
              className="registry-table"
              data-testid="people-table"
              aria-busy={loading}
              rowKey="id"
              size="middle"
              loading={loading && !!data ? { delay: 150 } : loading}
              columns={columns}
              dataSource={data?.people ?? []}
              scroll={{ x: 1000 }}
              onRow={(person) => ({
                onDoubleClick: () => navigate(href(`/people/${person.id}`)),
              })}
              pagination={listPagination(t, {
                state: current,
                total: data?.total,
                totalIsExact: data?.totalIsExact ?? true,
                pageSizeOptions: [10, 20, 50, 100],
                onChange: (next) => setFilters((prev) => ({ ...prev, region, ...next })),
                style: { paddingInline: 16 },
              })}
            />
          </>
        )}
      </Card>
    </div>
  );
}

export const CAPABILITY_COLORS: Record<number, string> = {
  0: 'green',
  1: 'lime',
  2: 'gold',
  3: 'orange',
  4: 'red',
};

export const capabilityKey = (level: number) => `people.capability.${level as 0 | 1 | 2 | 3 | 4}` as const;
