import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  App,
  Button,
  Descriptions,
  type ButtonProps,
  Drawer,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Tag,
} from 'antd';
import { useRef, useState } from 'react';
import { api, isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { write } from '../people/shared/http';
import { useApi } from '../people/shared/useApi';
import { useSelectedRegion } from '../regions/scope';
import {
  CHECKLIST_ITEMS,
  RECORD_STATUSES,
  paths,
  type List,
  type RecordStatus,
  type VisitRecord,
} from './api';
import { actionsColumn, recordStatusColumn, regionColumn, regionListProps, workerColumn } from './columns';
import { FlagTags, formatTime, RecordStatusTag } from './parts';
import { SupervisorShell } from './SupervisorShell';

/** 探访审核: visits recorded in the region, pending ones first to verify or reject (only verified ones count). */
export default function ReviewPage() {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const { code: region } = useSelectedRegion();
  const [status, setStatus] = useState<RecordStatus>('pending');
  const [detailId, setDetailId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<VisitRecord | null>(null);
  const table = useRef<ActionType>();

  const fail = (error: unknown) =>
    void message.error(isApiError(error) ? pick(error.messages) : String(error));
  const verify = async (record: VisitRecord) => {
    try {
      await write.post(paths.verify(record.id));
      void message.success(t('visits.review.verified', { name: record.personName }));
      void table.current?.reload();
    } catch (error) {
      fail(error);
    }
  };

  const columns: ProColumns<VisitRecord>[] = [
    {
      title: t('visits.column.person'),
      dataIndex: 'personName',
      render: (_, row) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setDetailId(row.id)}>
          {row.personName}
        </Button>
      ),
    },
    regionColumn(t),
    { title: t('visits.column.mode'), dataIndex: 'mode', render: (_, row) => t(`visits.mode.${row.mode}`) },
    {
      title: t('visits.column.time'),
      dataIndex: 'startedAt',
      render: (_, row) => `${formatTime(row.startedAt)} – ${formatTime(row.endedAt).slice(11)}`,
    },
    workerColumn(t),
    {
      title: t('visits.column.concerns'),
      key: 'concerns',
      render: (_, row) => {
        const concerns = CHECKLIST_ITEMS.filter((item) => row.checklist[item] === 'concern');
        return concerns.length === 0 ? (
          '—'
        ) : (
          <span className="visits-concern">
            {concerns.map((item) => t(`visits.checklist.${item}`)).join('、')}
          </span>
        );
      },
    },
    { title: t('visits.column.flags'), key: 'flags', render: (_, row) => <FlagTags flags={row.flags} /> },
    recordStatusColumn(t),
    actionsColumn(t, (row) =>
      row.status === 'pending'
        ? [
            <Button
              key="verify"
              type="primary"
              size="small"
              onClick={() => void verify(row)}
              data-testid={`visits-verify-${row.id}`}
            >
              {t('visits.review.verify')}
            </Button>,
            <Button
              key="reject"
              danger
              size="small"
              onClick={() => setRejecting(row)}
              data-testid={`visits-reject-${row.id}`}
            >
              {t('visits.review.reject')}
            </Button>,
          ]
        : [
            <Button key="view" size="small" onClick={() => setDetailId(row.id)}>
              {t('visits.review.view')}
            </Button>,
          ],
    ),
  ];

  return (
    <SupervisorShell testId="visits-review-page">
      <ProTable<VisitRecord, { region: string | null; status: RecordStatus }>
        rowKey="id"
        actionRef={table}
        columns={columns}
        params={{ region, status }}
        {...regionListProps<VisitRecord, { region: string | null; status: RecordStatus }>(
          (regionCode, { current, pageSize, status: wanted }) =>
            api.get<List<VisitRecord>>(
              paths.records({ regionCode, status: wanted, page: current, pageSize }),
            ),
        )}
        headerTitle={
          <Segmented
            value={status}
            onChange={(value) => setStatus(value as RecordStatus)}
            options={RECORD_STATUSES.map((value) => ({ value, label: t(`visits.recordStatus.${value}`) }))}
            data-testid="visits-review-status"
          />
        }
        data-testid="visits-review-table"
      />
      <RecordDrawer id={detailId} onClose={() => setDetailId(null)} />
      <RejectModal
        record={rejecting}
        onClose={(done) => {
          setRejecting(null);
          if (done) void table.current?.reload();
        }}
      />
    </SupervisorShell>
  );
}

function RejectModal({ record, onClose }: { record: VisitRecord | null; onClose: (done: boolean) => void }) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    if (!record) return;
    setSaving(true);
    try {
      await write.post(paths.reject(record.id), { reason: reason.trim() });
      void message.success(t('visits.review.rejected', { name: record.personName }));
      form.resetFields();
      onClose(true);
    } catch (error) {
      void message.error(isApiError(error) ? pick(error.messages) : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={record !== null}
      title={t('visits.review.rejectTitle', { name: record?.personName ?? '' })}
      okText={t('visits.review.reject')}
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'visits-reject-confirm' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false}>
        <Form.Item
          name="reason"
          label={t('visits.review.rejectReason')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('visits.review.rejectReasonRequired') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} data-testid="visits-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One visit with its six evidence elements; opening it is an audited read of personal data on the server. */
function RecordDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { data } = useApi<VisitRecord>(id === null ? null : paths.record(id));
  const record = data && data.id === id ? data : null;
  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={record?.personName ?? ''} destroyOnHidden>
      {record && (
        <Descriptions column={1} bordered size="small" data-testid="visits-record-detail">
          <Descriptions.Item label={t('visits.column.status')}>
            <Space>
              <RecordStatusTag status={record.status} />
              {record.reviewedBy && `${record.reviewedBy} · ${formatTime(record.reviewedAt)}`}
            </Space>
            {record.rejectionReason && <div>{record.rejectionReason}</div>}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.column.mode')}>
            {t(`visits.mode.${record.mode}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.column.person')}>{record.personName}</Descriptions.Item>
          <Descriptions.Item label={t('visits.column.time')}>
            {formatTime(record.startedAt)} – {formatTime(record.endedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.detail.place')}>
            {record.distanceMeters === null
              ? t('visits.detail.noDistance')
              : t('visits.detail.distance', { meters: record.distanceMeters })}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.column.worker')}>{record.workerName}</Descriptions.Item>
          {CHECKLIST_ITEMS.map((item) => (
            <Descriptions.Item key={item} label={t(`visits.checklist.${item}`)}>
              <Tag
                color={
                  record.checklist[item] === 'ok'
                    ? 'green'
                    : record.checklist[item] === 'concern'
                      ? 'volcano'
                      : 'default'
                }
              >
                {t(`visits.check.${record.checklist[item]}`)}
              </Tag>
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('visits.form.risks')}>
            {record.risks.join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.form.referrals')}>
            {record.referrals.join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.form.notes')}>{record.notes || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visits.form.nextDueOn')}>{record.nextDueOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visits.column.flags')}>
            <FlagTags flags={record.flags} detailed />
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.detail.recordedAt')}>
            {formatTime(record.recordedAt)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
