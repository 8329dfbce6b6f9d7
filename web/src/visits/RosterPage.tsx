import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { api, isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { write } from '../people/shared/http';
import { useSelectedRegion } from '../regions/scope';
import { EVENT_KINDS, TIERS, paths, type EventKind, type List, type RosterItem, type Tier } from './api';
import { actionsColumn, regionColumn, regionListProps } from './columns';
import { TierTag } from './parts';
import { SupervisorShell } from './SupervisorShell';
import { WorkerSelect } from './WorkerSelect';
import { PersonPicker } from '../people/shared/PersonPicker';

type Editing = { kind: 'assign' | 'override' | 'event'; row: RosterItem } | { kind: 'include' } | null;

/** 探访对象名册: who is to be visited, their tier and worker; staff adjust, include or exclude with a reason. */
export default function RosterPage() {
  const t = useT();
  const { code: region } = useSelectedRegion();
  const [tier, setTier] = useState<Tier | 'all'>('all');
  const [editing, setEditing] = useState<Editing>(null);
  const table = useRef<ActionType>();

  const columns: ProColumns<RosterItem>[] = [
    {
      title: t('visits.column.person'),
      dataIndex: 'name',
      width: 170,
      render: (_, row) => (
        <div>
          <span style={{ fontWeight: 600 }}>{row.name}</span>{' '}
          <Typography.Text type="secondary">{t('visits.roster.ageValue', { age: row.age })}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.maskedIdNumber ?? '—'}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    regionColumn(t, { width: 150, ellipsis: true }),
    {
      title: t('visits.roster.tier'),
      dataIndex: 'tier',
      width: 110,
      render: (_, row) => (
        <Space size={4} wrap>
          <TierTag tier={row.tier} />
          <span>{t(`visits.frequency.${row.frequency}`)}</span>
        </Space>
      ),
    },
    {
      title: t('visits.roster.reasons'),
      dataIndex: 'reasons',
      width: 180,
      render: (_, row) => (
        <Space size={[0, 4]} wrap>
          {row.reasons.map((reason) => (
            <Tag key={reason}>{t(`visits.reason.${reason}`)}</Tag>
          ))}
          {row.override && (
            <Tag color={row.override.include ? 'purple' : 'default'} title={row.override.reason}>
              {t(row.override.include ? 'visits.roster.included' : 'visits.roster.excluded')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('visits.column.worker'),
      dataIndex: 'workerName',
      width: 120,
      ellipsis: true,
      render: (_, row) => row.workerName ?? <Tag color="red">{t('visits.roster.noWorker')}</Tag>,
    },
    { title: t('visits.roster.since'), dataIndex: 'since', width: 105 },
    actionsColumn(
      t,
      (row) => [
        <a
          key="assign"
          onClick={() => setEditing({ kind: 'assign', row })}
          data-testid={`visits-assign-${row.personId}`}
        >
          {t('visits.roster.adjust')}
        </a>,
        <a key="event" onClick={() => setEditing({ kind: 'event', row })}>
          {t('visits.roster.event')}
        </a>,
        <a key="override" onClick={() => setEditing({ kind: 'override', row })}>
          {t('visits.roster.exclude')}
        </a>,
      ],
      { fixed: 'right', width: 190 },
    ),
  ];

  const close = (changed: boolean) => {
    setEditing(null);
    if (changed) void table.current?.reload();
  };

  return (
    <SupervisorShell testId="visits-roster-page">
      <ProTable<RosterItem, { region: string | null; tier: Tier | 'all' }>
        rowKey="personId"
        actionRef={table}
        columns={columns}
        params={{ region, tier }}
        {...regionListProps<RosterItem, { region: string | null; tier: Tier | 'all' }>(
          (regionCode, { current, pageSize, tier: wanted }) =>
            api.get<List<RosterItem>>(
              paths.roster({
                regionCode,
                tier: wanted === 'all' ? undefined : wanted,
                page: current,
                pageSize,
              }),
            ),
        )}
        headerTitle={
          <Radio.Group
            value={tier}
            onChange={(event) => setTier(event.target.value as Tier | 'all')}
            optionType="button"
            options={[
              { value: 'all', label: t('visits.roster.allTiers') },
              ...TIERS.map((value) => ({ value, label: t(`visits.tier.${value}`) })),
            ]}
          />
        }
        toolBarRender={() => [
          <Button key="include" type="primary" onClick={() => setEditing({ kind: 'include' })}>
            {t('visits.roster.include')}
          </Button>,
        ]}
        scroll={{ x: 1020 }}
        data-testid="visits-roster-table"
      />
      {editing?.kind === 'assign' && <AdjustModal row={editing.row} onClose={close} />}
      {editing?.kind === 'override' && <ExcludeModal row={editing.row} onClose={close} />}
      {editing?.kind === 'event' && <EventModal row={editing.row} onClose={close} />}
      {editing?.kind === 'include' && region && <IncludeModal region={region} onClose={close} />}
    </SupervisorShell>
  );
}

function useSave(onClose: (changed: boolean) => void) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const save = async (call: () => Promise<unknown>) => {
    setSaving(true);
    try {
      await call();
      void message.success(t('visits.saved'));
      onClose(true);
    } catch (error) {
      void message.error(isApiError(error) ? pick(error.messages) : String(error));
    } finally {
      setSaving(false);
    }
  };
  return { saving, save };
}

interface AdjustValues {
  workerAccountId: number | null;
  tier: Tier;
  tierReason?: string;
  consentNote?: string;
}

function AdjustModal({ row, onClose }: { row: RosterItem; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<AdjustValues>();
  const { saving, save } = useSave(onClose);
  const tier = Form.useWatch('tier', form);
  const submit = (values: AdjustValues) =>
    save(() =>
      write.put(paths.rosterEntry(row.personId), {
        workerAccountId: values.workerAccountId,
        consentNote: values.consentNote?.trim() || null,
        ...(values.tier !== row.tier ? { tier: values.tier, tierReason: values.tierReason?.trim() } : {}),
      }),
    );
  return (
    <Modal
      open
      title={t('visits.roster.adjustTitle', { name: row.name })}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      onCancel={() => onClose(false)}
    >
      <Form<AdjustValues>
        form={form}
        layout="vertical"
        initialValues={{
          workerAccountId: row.workerAccountId,
          tier: row.tier,
          consentNote: row.consentNote ?? '',
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="workerAccountId" label={t('visits.column.worker')}>
          <WorkerSelect regionCode={row.regionCode} />
        </Form.Item>
        <Form.Item name="tier" label={t('visits.roster.tier')}>
          <Radio.Group
            optionType="button"
            options={TIERS.map((value) => ({ value, label: t(`visits.tier.${value}`) }))}
          />
        </Form.Item>
        {tier && tier !== row.tier && (
          <Form.Item
            name="tierReason"
            label={t('visits.roster.tierReason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('visits.reasonRequired') }]}
          >
            <Input maxLength={300} />
          </Form.Item>
        )}
        <Form.Item name="consentNote" label={t('visits.roster.consentNote')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExcludeModal({ row, onClose }: { row: RosterItem; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, save } = useSave(onClose);
  return (
    <Modal
      open
      title={t('visits.roster.excludeTitle', { name: row.name })}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, danger: true }}
      okText={t('visits.roster.exclude')}
      onCancel={() => onClose(false)}
    >
      <p>{t('visits.roster.excludeHelp')}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }: { reason: string }) =>
          void save(() =>
            write.post(paths.rosterOverrides, {
              personId: row.personId,
              include: false,
              reason: reason.trim(),
            }),
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('visits.roster.overrideReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('visits.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EventModal({ row, onClose }: { row: RosterItem; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ kind: EventKind; occurredAt: Dayjs; note?: string }>();
  const { saving, save } = useSave(onClose);
  return (
    <Modal
      open
      title={t('visits.roster.eventTitle', { name: row.name })}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      onCancel={() => onClose(false)}
    >
      <p>{t('visits.roster.eventHelp')}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'hospital_discharge', occurredAt: dayjs() }}
        onFinish={(values: { kind: EventKind; occurredAt: Dayjs; note?: string }) =>
          void save(() =>
            write.post(paths.events, {
              personId: row.personId,
              kind: values.kind,
              occurredAt: values.occurredAt.toISOString(),
              note: values.note?.trim() || undefined,
            }),
          )
        }
      >
        <Form.Item name="kind" label={t('visits.roster.eventKind')}>
          <Select options={EVENT_KINDS.map((kind) => ({ value: kind, label: t(`visits.event.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('visits.roster.occurredAt')} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isAfter(dayjs())}
          />
        </Form.Item>
        <Form.Item name="note" label={t('visits.form.notes')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface IncludeValues {
  personId: number;
  tier?: Tier;
  reason: string;
}

/** Puts someone on the roster whom the rules leave out (for instance a temporary hardship), with a reason. */
function IncludeModal({ region, onClose }: { region: string; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<IncludeValues>();
  const { saving, save } = useSave(onClose);
  return (
    <Modal
      open
      title={t('visits.roster.include')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      onCancel={() => onClose(false)}
    >
      <Form<IncludeValues>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          void save(() =>
            write.post(paths.rosterOverrides, {
              personId: values.personId,
              include: true,
              tier: values.tier,
              reason: values.reason.trim(),
            }),
          )
        }
      >
        <Form.Item name="personId" label={t('visits.column.person')} rules={[{ required: true }]}>
          <PersonPicker region={region} />
        </Form.Item>
        <Form.Item name="tier" label={t('visits.roster.tier')}>
          <Radio.Group
            optionType="button"
            options={TIERS.map((value) => ({ value, label: t(`visits.tier.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('visits.roster.overrideReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('visits.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
