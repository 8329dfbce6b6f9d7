import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useLocale, useT } from '../i18n';
import { ValidityPeriodFields } from '../registry/ValidityPeriodFields';
import { FormErrorAlert, LoadError } from '../people/shared/ErrorAlert';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';
import { write } from '../people/shared/http';
import { today } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import { ExportButton } from '../intake/ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import { CapacityChart } from './CapacityChart';
import { OrganisationName } from './names';
import {
  headline,
  MEDICAL_INTEGRATIONS,
  OPERATING_STATUSES,
  placesOf,
  providerSide,
  STATUS_COLORS,
  type CapacityFigures,
  type CapacityPeriod,
  type Facility,
  type FacilityDomain,
} from './types';

const DATE = 'YYYY-MM-DD';
const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** The period in effect on a date: from validFrom (inclusive) to validTo (exclusive). */
export function periodOn(periods: CapacityPeriod[], date: string): CapacityPeriod | null {
  return (
    periods.find(
      (period) => period.validFrom <= date && (period.validTo === null || period.validTo > date),
    ) ?? null
  );
}

/** The last day of a period (its exclusive end minus one day), as people read it. */
const lastDay = (validTo: string) => dayjs(validTo).subtract(1, 'day').format(DATE);

/** 设施详情: description, capacity as of a chosen date, and the capacity history (chart and table of periods). */
export default function FacilityDetailPage() {
  const { id } = useParams();
  const t = useT();
  const me = useMe();
  const { government, prefix } = providerSide(me);
  const facility = useApi<Facility>(`${prefix}/facilities/${id}`);
  const history = useApi<{ facilityId: number; periods: CapacityPeriod[] }>(
    `${prefix}/facilities/${id}/capacity-history`,
  );
  const [asOf, setAsOf] = useState(today());
  const [recording, setRecording] = useState(false);

  if (facility.error && !facility.data) return <LoadError error={facility.error} onRetry={facility.reload} />;
  if (!facility.data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  const data = facility.data;
  const periods = history.data?.periods ?? [];
  const canWrite = government
    ? me.permissions.includes('providers.write') &&
      me.roles.some(
        (role) => role.role === 'platform_admin' || (role.role === 'officer' && role.domain === data.domain),
      )
    : me.roles.some((role) => role.role === 'provider_admin' && role.organisationId === data.organisationId);

  return (
    <div data-testid="facility-detail" data-facility-id={data.id}>
      <PageHeading
        title={data.name}
        testId="facility-name"
        crumbs={[{ label: t('nav.providers'), to: '/providers' }]}
        tags={
          <>
            <Tag color={data.domain === 'childcare' ? 'green' : 'volcano'}>
              {t(`providers.type.${data.facilityType}`)}
            </Tag>
            {data.current && (
              <Tag color={STATUS_COLORS[data.current.operatingStatus]}>
                {t(`providers.status.${data.current.operatingStatus}`)}
              </Tag>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('providers.facilityInfo')} style={{ height: '100%' }}>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
              size="small"
              data-testid="facility-info"
            >
              <Descriptions.Item label={t('providers.organisation')}>
                <OrganisationName id={data.organisationId} />
              </Descriptions.Item>
              <Descriptions.Item label={t('people.region')}>
                <RegionName code={data.regionCode} />
              </Descriptions.Item>
              <Descriptions.Item label={t('providers.address')} span={2}>
                {data.address}
              </Descriptions.Item>
              <Descriptions.Item label={t('providers.ownership')}>
                {t(`providers.ownership.${data.ownership}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('providers.openedOn')}>{data.openedOn ?? dash}</Descriptions.Item>
              <Descriptions.Item label={t('providers.premises')}>
                {data.premisesTenure ? t(`providers.premises.${data.premisesTenure}`) : dash}
                {data.premisesLeaseEnds
                  ? ` · ${t('providers.leaseEnds', { date: data.premisesLeaseEnds })}`
                  : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('providers.fireSafety')}>
                {data.fireSafety ? (
                  <Tag
                    color={
                      data.fireSafety === 'passed' ? 'green' : data.fireSafety === 'failed' ? 'red' : 'gold'
                    }
                  >
                    {t(`providers.fireSafety.${data.fireSafety}`)}
                  </Tag>
                ) : (
                  dash
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('providers.insurance')}>
                <YesNo value={data.liabilityInsurance} />
              </Descriptions.Item>
              <Descriptions.Item label={t('providers.video')}>
                <YesNo value={data.videoSurveillance} />
              </Descriptions.Item>
              {data.domain === 'elderly_care' && (
                <Descriptions.Item label={t('providers.ltc')}>
                  <YesNo value={data.ltcInsuranceDesignated} />
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('providers.foodLicence')}>
                {data.foodLicenceNumber ?? dash}
              </Descriptions.Item>
              <Descriptions.Item label={t('providers.fees')} span={2}>
                <Fees facility={data} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <AsOfCard
            domain={data.domain}
            periods={periods}
            loading={!history.data}
            asOf={asOf}
            onChange={setAsOf}
          />
        </Col>
        <Col span={24}>
          <Card
            title={t('providers.capacityHistory')}
            extra={
              <Space>
                {mayExport(me.permissions, government ? 'government' : 'provider', 'capacity') && (
                  <ExportButton
                    size="small"
                    path={`${prefix}/export/facilities/${id}/capacity-history.xlsx`}
                    label={t('providers.exportCapacityHistory')}
                    data-testid="capacity-history-export"
                  />
                )}
                {canWrite && (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setRecording(true)}
                    data-testid="capacity-record"
                  >
                    {t('providers.recordCapacity')}
                  </Button>
                )}
              </Space>
            }
          >
            {history.error && !history.data ? (
              <LoadError error={history.error} onRetry={history.reload} />
            ) : periods.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('providers.noHistory')} />
            ) : (
              <>
                <CapacityChart periods={periods} domain={data.domain} today={today()} marker={asOf} />
                <HistoryTable periods={periods} domain={data.domain} asOf={asOf} />
              </>
            )}
          </Card>
        </Col>
      </Row>
      {recording && (
        <RecordCapacityModal
          facility={data}
          prefix={prefix}
          current={periodOn(periods, today())}
          onClose={(changed) => {
            setRecording(false);
            if (changed) {
              history.reload();
              facility.reload();
            }
          }}
        />
      )}
    </div>
  );
}

function YesNo({ value }: { value: boolean | null }) {
  const t = useT();
  if (value === null) return dash;
  return value ? <Tag color="green">{t('registry.yes')}</Tag> : <Tag>{t('registry.no')}</Tag>;
}

function Fees({ facility }: { facility: Facility }) {
  const t = useT();
  const ranges = (
    facility.domain === 'childcare' ? (['childcare', 'meal'] as const) : (['bed', 'nursing', 'meal'] as const)
  )
    .map((key) => ({ key, range: facility.fees[key] }))
    .filter(({ range }) => range.min !== null || range.max !== null);
  if (ranges.length === 0 && facility.fees.depositMax === null) return dash;
  return (
    <Space size={[12, 4]} wrap>
      {ranges.map(({ key, range }) => (
        <span key={key}>
          {t(`providers.fee.${key}`)}：{range.min ?? '?'}–{range.max ?? '?'} {t('providers.yuanPerMonth')}
        </span>
      ))}
      {facility.fees.depositMax !== null && (
        <span>
          {t('providers.depositMax')}：{facility.fees.depositMax} {t('providers.yuan')}
        </span>
      )}
    </Space>
  );
}

/** What the facility had on a chosen date, read from its history (the server's periods). */
function AsOfCard({
  domain,
  periods,
  loading,
  asOf,
  onChange,
}: {
  domain: FacilityDomain;
  periods: CapacityPeriod[];
  loading: boolean;
  asOf: string;
  onChange: (date: string) => void;
}) {
  const t = useT();
  const period = periodOn(periods, asOf);
  const unit = t(domain === 'childcare' ? 'providers.unit.places' : 'providers.unit.beds');
  return (
    <Card
      title={t('providers.asOfTitle')}
      style={{ height: '100%' }}
      data-testid="capacity-asof"
      extra={
        <DatePicker
          allowClear={false}
          value={dayjs(asOf)}
          onChange={(value) => value && onChange(value.format(DATE))}
          data-testid="capacity-asof-date"
        />
      }
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : !period ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('providers.noPeriodOn', { date: asOf })}
          data-testid="capacity-asof-empty"
        />
      ) : (
        <>
          <Space align="baseline" size={12} wrap>
            <div data-testid="capacity-asof-headline" data-value={headline(domain, period)}>
              <Statistic
                title={t(domain === 'childcare' ? 'providers.placesTotal' : 'providers.bedsTotal')}
                value={headline(domain, period)}
                suffix={unit}
                valueStyle={{ fontWeight: 600, color: domain === 'childcare' ? '#0e8f8f' : '#c2410c' }}
              />
            </div>
            <Tag color={STATUS_COLORS[period.operatingStatus]}>
              {t(`providers.status.${period.operatingStatus}`)}
            </Tag>
          </Space>
          <Descriptions column={2} size="small" style={{ marginTop: 8 }}>
            {domain === 'elderly_care' ? (
              <>
                <Descriptions.Item label={t('providers.bedsNursing')}>{period.bedsNursing}</Descriptions.Item>
                <Descriptions.Item label={t('providers.bedsDementia')}>
                  {period.bedsDementia}
                </Descriptions.Item>
                <Descriptions.Item label={t('providers.bedsInclusive')}>
                  {period.bedsInclusive}
                </Descriptions.Item>
                <Descriptions.Item label={t('providers.grade')}>
                  {period.grade ? t('providers.gradeValue', { grade: period.grade }) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('providers.medical')} span={2}>
                  {t(`providers.medical.${period.medicalIntegration}`)}
                </Descriptions.Item>
              </>
            ) : (
              <>
                <Descriptions.Item label={t('providers.placesInfant')}>
                  {period.placesInfant}
                </Descriptions.Item>
                <Descriptions.Item label={t('providers.placesYoungToddler')}>
                  {period.placesYoungToddler}
                </Descriptions.Item>
                <Descriptions.Item label={t('providers.placesOlderToddler')}>
                  {period.placesOlderToddler}
                </Descriptions.Item>
                <Descriptions.Item label={t('providers.placesMixed')}>{period.placesMixed}</Descriptions.Item>
                <Descriptions.Item label={t('providers.placesInclusive')}>
                  {period.placesInclusive}
                </Descriptions.Item>
                <Descriptions.Item label={t('providers.inclusive')}>
                  {period.inclusive ? t('registry.yes') : t('registry.no')}
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {t('providers.periodRange', {
              from: period.validFrom,
              to: period.validTo ? lastDay(period.validTo) : t('households.now'),
            })}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

function HistoryTable({
  periods,
  domain,
  asOf,
}: {
  periods: CapacityPeriod[];
  domain: FacilityDomain;
  asOf: string;
}) {
  const t = useT();
  const selected = periodOn(periods, asOf);
  const figureColumns: TableColumnsType<CapacityPeriod> =
    domain === 'elderly_care'
      ? [
          {
            title: t('providers.bedsTotal'),
            dataIndex: 'bedsTotal',
            key: 'bedsTotal',
            align: 'right',
            width: 90,
          },
          {
            title: t('providers.bedsNursing'),
            dataIndex: 'bedsNursing',
            key: 'bedsNursing',
            align: 'right',
            width: 90,
          },
          {
            title: t('providers.bedsDementia'),
            dataIndex: 'bedsDementia',
            key: 'bedsDementia',
            align: 'right',
            width: 100,
          },
          {
            title: t('providers.bedsInclusive'),
            dataIndex: 'bedsInclusive',
            key: 'bedsInclusive',
            align: 'right',
            width: 90,
          },
          {
            title: t('providers.grade'),
            dataIndex: 'grade',
            key: 'grade',
            width: 70,
            render: (grade: number | null) => (grade ? t('providers.gradeValue', { grade }) : '—'),
          },
          {
            title: t('providers.medical'),
            dataIndex: 'medicalIntegration',
            key: 'medical',
            width: 110,
            render: (value: CapacityFigures['medicalIntegration']) => t(`providers.medical.${value}`),
          },
        ]
      : [
          {
            title: t('providers.placesTotal'),
            key: 'places',
            align: 'right',
            width: 80,
            render: (_value, period) => placesOf(period),
          },
          {
            title: t('providers.placesInfant'),
            dataIndex: 'placesInfant',
            key: 'placesInfant',
            align: 'right',
            width: 80,
          },
          {
            title: t('providers.placesYoungToddler'),
            dataIndex: 'placesYoungToddler',
            key: 'placesYoungToddler',
            align: 'right',
            width: 80,
          },
          {
            title: t('providers.placesOlderToddler'),
            dataIndex: 'placesOlderToddler',
            key: 'placesOlderToddler',
            align: 'right',
            width: 80,
          },
          {
            title: t('providers.placesMixed'),
            dataIndex: 'placesMixed',
            key: 'placesMixed',
            align: 'right',
            width: 80,
          },
          {
            title: t('providers.placesInclusive'),
            dataIndex: 'placesInclusive',
            key: 'placesInclusive',
            align: 'right',
            width: 90,
          },
        ];
  const columns: TableColumnsType<CapacityPeriod> = [
    {
      title: t('providers.period'),
      key: 'period',
      width: 190,
      render: (_value, period) =>
        `${period.validFrom} ~ ${period.validTo ? lastDay(period.validTo) : t('households.now')}`,
    },
    {
      title: t('registry.status'),
      dataIndex: 'operatingStatus',
      key: 'status',
      width: 90,
      render: (value: CapacityPeriod['operatingStatus']) => (
        <Tag color={STATUS_COLORS[value]}>{t(`providers.status.${value}`)}</Tag>
      ),
    },
    ...figureColumns,
    ...(periods.some((period) => period.note)
      ? [
          {
            title: t('providers.note'),
            dataIndex: 'note',
            key: 'note',
            width: 140,
            ellipsis: true,
            render: (value: string | null) => value ?? '—',
          },
        ]
      : []),
    {
      title: t('providers.recordedAt'),
      dataIndex: 'recordedAt',
      key: 'recordedAt',
      width: 110,
      render: (value: string) => (
        <Tooltip title={dayjs(value).format('YYYY-MM-DD HH:mm')}>{dayjs(value).format('YYYY-MM-DD')}</Tooltip>
      ),
    },
  ];
  return (
    <Table<CapacityPeriod>
      data-testid="capacity-history"
      style={{ marginTop: 12 }}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...periods].reverse()}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(period) => (period.id === selected?.id ? 'ant-table-row-selected' : '')}
    />
  );
}

interface CapacityValues extends Partial<Omit<CapacityFigures, 'floorArea' | 'grade'>> {
  validFrom: Dayjs;
  validTo?: Dayjs | null;
  floorArea?: number | null;
  grade?: number | null;
  note?: string;
}

const BED_FIELDS = ['bedsTotal', 'bedsNursing', 'bedsDementia', 'bedsInclusive'] as const;
const PLACE_FIELDS = [
  'placesInfant',
  'placesYoungToddler',
  'placesOlderToddler',
  'placesMixed',
  'placesInclusive',
] as const;

/** Records capacity from a date on: the open period ends the day before; what is left empty carries over. */
function RecordCapacityModal({
  facility,
  prefix,
  current,
  onClose,
}: {
  facility: Facility;
  prefix: string;
  current: CapacityPeriod | null;
  onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<CapacityValues>();
  const [failure, setFailure] = useState<UnplacedErrors | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const counts = facility.domain === 'childcare' ? PLACE_FIELDS : BED_FIELDS;
  const submit = async () => {
    let values: CapacityValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const { validFrom, validTo, note, ...figures } = values;
      const stated = Object.fromEntries(
        Object.entries(figures).filter(([, value]) => value !== undefined && value !== null),
      );
      await write.post(`${prefix}/facilities/${facility.id}/capacity`, {
        validFrom: validFrom.format(DATE),
        ...(validTo && { validTo: validTo.format(DATE) }),
        ...(note?.trim() && { note: note.trim() }),
        ...stated,
      });
      void message.success(t('providers.capacityRecorded'));
      onClose(true);
    } catch (caught) {
      setFailure(applyServerErrors(form, caught, pick));
    } finally {
      setSubmitting(false);
    }
  };
  const placeholder = (field: keyof CapacityFigures) =>
    current ? t('providers.carriesOver', { value: String(current[field] ?? '—') }) : undefined;
  return (
    <Modal
      open
      width={720}
      title={t('providers.recordCapacity')}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      okText={t('registry.save')}
      cancelText={t('registry.cancel')}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('providers.recordCapacityHint')}</Typography.Paragraph>
      <FormErrorAlert value={failure} onClose={() => setFailure(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ validFrom: dayjs() }}
        onValuesChange={() => failure && setFailure(null)}
      >
        <ValidityPeriodFields
          span={8}
          fromLabel={t('providers.validFrom')}
          toLabel={t('providers.validTo')}
          toHint={t('providers.validToHint')}
          openEndedText={t('providers.untilFurtherNotice')}
        >
          <Col span={8}>
            <Form.Item
              name="operatingStatus"
              label={t('providers.operatingStatus')}
              rules={[{ required: !current, message: t('providers.rule.statusFirst') }]}
            >
              <Select
                allowClear
                placeholder={current ? t(`providers.status.${current.operatingStatus}`) : undefined}
                options={OPERATING_STATUSES.map((value) => ({
                  value,
                  label: t(`providers.status.${value}`),
                }))}
              />
            </Form.Item>
          </Col>
          {counts.map((field) => (
            <Col span={facility.domain === 'childcare' ? 8 : 6} key={field}>
              <Form.Item
                name={field}
                label={t(`providers.${field}`)}
                rules={[{ type: 'integer', min: 0, message: t('providers.rule.count') }]}
              >
                <InputNumber
                  min={0}
                  precision={0}
                  style={{ width: '100%' }}
                  placeholder={placeholder(field)}
                />
              </Form.Item>
            </Col>
          ))}
          {facility.domain === 'childcare' && (
            <Col span={8}>
              <Form.Item name="inclusive" label={t('providers.inclusive')} valuePropName="checked">
                <Checkbox>{t('providers.inclusiveHint')}</Checkbox>
              </Form.Item>
            </Col>
          )}
          {facility.domain === 'elderly_care' && (
            <>
              <Col span={8}>
                <Form.Item
                  name="grade"
                  label={t('providers.grade')}
                  rules={[{ type: 'integer', min: 1, max: 5, message: t('providers.rule.grade') }]}
                >
                  <InputNumber
                    min={1}
                    max={5}
                    precision={0}
                    style={{ width: '100%' }}
                    placeholder={placeholder('grade')}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="medicalIntegration" label={t('providers.medical')}>
                  <Select
                    allowClear
                    placeholder={current ? t(`providers.medical.${current.medicalIntegration}`) : undefined}
                    options={MEDICAL_INTEGRATIONS.map((value) => ({
                      value,
                      label: t(`providers.medical.${value}`),
                    }))}
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={8}>
            <Form.Item
              name="floorArea"
              label={t('providers.floorArea')}
              rules={[{ type: 'number', min: 0.01, max: 1_000_000, message: t('providers.rule.area') }]}
            >
              <InputNumber min={0} style={{ width: '100%' }} placeholder={placeholder('floorArea')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="note"
              label={t('providers.note')}
              rules={[{ max: 500, message: t('registry.rule.max', { max: 500 }) }]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
        </ValidityPeriodFields>
      </Form>
    </Modal>
  );
}
