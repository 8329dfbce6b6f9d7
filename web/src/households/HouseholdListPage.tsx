import { LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Statistic,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useLocale, useT } from '../i18n';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { useRegionScope, useSelectedRegion } from '../regions/scope';
import { holds } from '../sections';
import { FormErrorAlert, LoadError } from '../people/shared/ErrorAlert';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';
import { queryString, write } from '../people/shared/http';
import { today, useScopedHref } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { PersonPicker } from '../people/shared/PersonPicker';
import { RegionName } from '../people/shared/regionNames';
import { RegionPicker } from '../people/shared/RegionPicker';
import { useApi } from '../people/shared/useApi';
import { useStoredState } from '../people/shared/useStoredState';
import type { Household, HouseholdPage, HouseholdSummary } from '../people/types';

const PAGE_SIZE = 20;

interface ListState {
  region?: string | null;
  on?: string;
  elderAndYoungChild: boolean;
  /** Keyset cursors of the pages visited so far: cursors[i] opens page i + 1 (undefined: the first page). */
  cursors: (number | undefined)[];
}

/** 家庭户: households of the selected region, with the 一老一小 households (an elder and a child under 3) counted. */
export default function HouseholdListPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const href = useScopedHref();
  const { code: region } = useSelectedRegion();
  const [stored, setStored] = useStoredState<ListState>('households.list', {
    elderAndYoungChild: false,
    cursors: [undefined],
  });
  const [creating, setCreating] = useState(false);
  const state = stored.region === region ? stored : { ...stored, cursors: [undefined] };
  const after = state.cursors[state.cursors.length - 1];
  const on = state.on ?? today();
  const path = region
    ? `/api/households${queryString({
        region,
        on: state.on,
        elderAndYoungChild: state.elderAndYoungChild ? 'true' : undefined,
        after,
        limit: PAGE_SIZE,
      })}`
    : null;
  const { data, error, loading, reload } = useApi<HouseholdPage>(path);
  const update = (patch: Partial<ListState>) =>
    setStored((prev) => ({ ...prev, ...patch, region, cursors: patch.cursors ?? [undefined] }));
  const pageNumber = state.cursors.length;

  const columns: TableColumnsType<HouseholdSummary> = [
    {
      title: t('households.number'),
      dataIndex: 'id',
      key: 'id',
      width: 90,
      render: (id: number) => (
        <Link to={href(`/households/${id}`)} data-testid={`household-link-${id}`}>
          #{id}
        </Link>
      ),
    },
    {
      title: t('households.address'),
      dataIndex: 'address',
      key: 'address',
      ellipsis: true,
      render: (value: string | null, row) => (
        <Link to={href(`/households/${row.id}`)}>{value ?? t('households.noAddress')}</Link>
      ),
    },
    {
      title: t('people.region'),
      dataIndex: 'regionCode',
      key: 'regionCode',
      width: 130,
      render: (code: string) => <RegionName code={code} />,
    },
    {
      title: t('households.members'),
      dataIndex: 'memberCount',
      key: 'memberCount',
      width: 90,
      align: 'right',
    },
    { title: t('households.elders'), dataIndex: 'elderCount', key: 'elderCount', width: 110, align: 'right' },
    {
      title: t('households.youngChildren'),
      dataIndex: 'youngChildCount',
      key: 'youngChildCount',
      width: 110,
      align: 'right',
    },
    {
      title: t('households.elderAndYoungChild'),
      dataIndex: 'hasElderAndYoungChild',
      key: 'hasElderAndYoungChild',
      width: 110,
      render: (value: boolean) => (value ? <Tag color="magenta">{t('households.yiLaoYiXiao')}</Tag> : null),
    },
  ];

  return (
    <div data-testid="households-page">
      <PageHeading
        title={t('nav.households')}
        region={region}
        extra={
          <>
            <Tooltip title={t('registry.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('registry.refresh')} />
            </Tooltip>
            {region && mayExport(me.permissions, 'government', 'households') && (
              <ExportButton
                path="/api/export/households.xlsx"
                params={{
                  region,
                  on: state.on,
                  elderAndYoungChild: state.elderAndYoungChild ? 'true' : undefined,
                }}
                data-testid="households-export"
              />
            )}
            {holds(me, 'people.write') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="household-create"
              >
                {t('households.create')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Card className="registry-stat-card">
            <Statistic
              title={t('households.total')}
              value={data?.total ?? '—'}
              data-testid="households-total"
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card className="registry-stat-card">
            <Statistic
              title={t('households.withElderAndYoungChild')}
              value={data?.withElderAndYoungChild ?? '—'}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card className="registry-filters" style={{ height: '100%' }}>
            <Form layout="inline">
              <Form.Item label={t('households.on')} tooltip={t('households.onHint')}>
                <DatePicker
                  allowClear={false}
                  value={dayjs(on)}
                  onChange={(value: Dayjs | null) =>
                    update({ on: value ? value.format('YYYY-MM-DD') : undefined })
                  }
                />
              </Form.Item>
              <Form.Item label={t('households.onlyElderAndYoungChild')}>
                <Switch
                  checked={state.elderAndYoungChild}
                  onChange={(checked) => update({ elderAndYoungChild: checked })}
                />
              </Form.Item>
            </Form>
          </Card>
        </Col>
      </Row>
      <Card styles={{ body: { padding: error && !data ? undefined : 0 } }}>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <>
            <Table<HouseholdSummary>
              className="registry-table"
              data-testid="households-table"
              rowKey="id"
              size="middle"
              loading={loading}
              columns={columns}
              dataSource={data?.households ?? []}
              pagination={false}
              onRow={(row) => ({ onDoubleClick: () => navigate(href(`/households/${row.id}`)) })}
            />
            <div className="registry-pager" style={{ padding: '12px 16px' }}>
              <Typography.Text type="secondary">
                {t('households.pageOf', { page: pageNumber, total: (data?.total ?? 0).toLocaleString() })}
              </Typography.Text>
              <Button
                icon={<LeftOutlined />}
                disabled={pageNumber <= 1 || loading}
                onClick={() => update({ cursors: state.cursors.slice(0, -1) })}
              >
                {t('registry.previousPage')}
              </Button>
              <Button
                disabled={!data?.nextAfter || loading}
                onClick={() => update({ cursors: [...state.cursors, data?.nextAfter ?? undefined] })}
              >
                {t('registry.nextPage')} <RightOutlined />
              </Button>
            </div>
          </>
        )}
      </Card>
      {creating && (
        <CreateHouseholdModal
          region={region}
          onClose={(created) => {
            setCreating(false);
            if (created) navigate(href(`/households/${created.id}`));
          }}
        />
      )}
    </div>
  );
}

interface CreateValues {
  regionCode: string | null;
  address?: string;
  headPersonId: number;
  joinedOn?: Dayjs | null;
}

function CreateHouseholdModal({
  region,
  onClose,
}: {
  region: string | null;
  onClose: (created: Household | null) => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { roots } = useRegionScope();
  const [form] = Form.useForm<CreateValues>();
  const [failure, setFailure] = useState<UnplacedErrors | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submit = async () => {
    let values: CreateValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const created = await write.post<Household>('/api/households', {
        regionCode: values.regionCode,
        headPersonId: values.headPersonId,
        ...(values.address?.trim() && { address: values.address.trim() }),
        ...(values.joinedOn && { joinedOn: values.joinedOn.format('YYYY-MM-DD') }),
      });
      onClose(created);
    } catch (caught) {
      setFailure(applyServerErrors(form, caught, pick));
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      open
      title={t('households.create')}
      onCancel={() => onClose(null)}
      onOk={() => void submit()}
      okText={t('registry.save')}
      cancelText={t('registry.cancel')}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <FormErrorAlert value={failure} onClose={() => setFailure(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ regionCode: region }}
        onValuesChange={() => setFailure(null)}
      >
        <Form.Item
          name="regionCode"
          label={t('people.region')}
          rules={[{ required: true, message: t('people.rule.regionRequired') }]}
        >
          <RegionPicker />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('households.address')}
          rules={[{ max: 300, message: t('registry.rule.max', { max: 300 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="headPersonId"
          label={t('households.head')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <PersonPicker region={roots?.[0]?.code ?? null} />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('households.joinedOn')} tooltip={t('households.joinedOnHint')}>
          <DatePicker style={{ width: '100%' }} placeholder={t('households.todayDefault')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
