import { CheckOutlined, EditOutlined, InboxOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';
import { useApi } from '../people/shared/useApi';
import { NEEDS_REASONS, performAction, REVIEW_ACTIONS, type FilingDetail, type ReviewAction } from './api';
import { sectionsFor } from './fieldSpec';
import { FilingFieldsView } from './FilingFieldsView';
import { FilingHeader } from './FilingHeader';
import { DeadlineList, DocumentTable, FilingHistory } from './parts';
import { ServerErrorAlert } from './serverErrors';
import './filing.css';

const ICONS: Record<ReviewAction, ReactNode> = {
  receive: <InboxOutlined />,
  request_correction: <EditOutlined />,
  approve: <CheckOutlined />,
  reject: <StopOutlined />,
  notify_non_compliance: <WarningOutlined />,
};

const MAX_REASONS = 2000;

/** Asks for the reasons of a correction request or refusal; the server's 400 shows on the text box. */
function ReasonsModal({
  action,
  filingId,
  onClose,
  onDone,
}: {
  action: ReviewAction | null;
  filingId: number;
  onClose: () => void;
  onDone: (next: FilingDetail) => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const [form] = Form.useForm<{ reasons: string }>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<UnplacedErrors | null>(null);

  useEffect(() => {
    if (action) {
      form.resetFields();
      setProblem(null);
    }
  }, [action, form]);

  const submit = async () => {
    let values: { reasons: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (!action) return;
    setSaving(true);
    setProblem(null);
    try {
      onDone(await performAction('reviewer', filingId, action, values.reasons.trim()));
    } catch (error) {
      setProblem(applyServerErrors(form, error, pick));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? t(`filing.action.${action}`) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={action ? t(`filing.action.${action}`) : ''}
      okButtonProps={{
        loading: saving,
        danger: action !== 'request_correction',
        'data-testid': 'reasons-submit',
      }}
      cancelText={t('filing.cancel')}
      destroyOnHidden
      width={560}
    >
      <ServerErrorAlert value={problem} onClose={() => setProblem(null)} />
      <Typography.Paragraph type="secondary">
        {action === 'request_correction'
          ? t('filing.reasons.correctionHint')
          : t('filing.reasons.publishedHint')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reasons"
          label={t('filing.reasons.label')}
          rules={[
            { required: true, whitespace: true, message: t('filing.reasons.required') },
            { max: MAX_REASONS, message: t('filing.rule.maxLength', { max: MAX_REASONS }) },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={MAX_REASONS}
            showCount
            placeholder={t('filing.reasons.placeholder')}
            data-testid="reasons-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A submitted filing for the department: the filed data and documents, deadlines, history and the decisions. */
export default function ReviewFilingPage() {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { data, error, reload } = useApi<FilingDetail>(`/api/filings/${Number(id)}`);
  const [override, setOverride] = useState<FilingDetail | null>(null);
  const [busy, setBusy] = useState<ReviewAction | null>(null);
  const [asking, setAsking] = useState<ReviewAction | null>(null);
  const [problem, setProblem] = useState<UnplacedErrors | null>(null);
  const region = params.get('region');
  const back = region ? `/filings?region=${region}` : '/filings';

  useEffect(() => setOverride(null), [data]);
  const filing = override ?? data;

  if (error && !data) {
    return (
      <Result
        status={isApiError(error) && error.status === 404 ? '404' : 'warning'}
        title={t('app.loadFailed')}
        subTitle={isApiError(error) ? pick(error.messages) : error.message}
        extra={<Button onClick={reload}>{t('app.retry')}</Button>}
      />
    );
  }
  if (!filing) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }

  const done = (next: FilingDetail, action: ReviewAction) => {
    setOverride(next);
    setAsking(null);
    void message.success(t('filing.done', { action: t(`filing.action.${action}`) }));
    reload();
  };

  const act = async (action: ReviewAction) => {
    setBusy(action);
    setProblem(null);
    try {
      done(await performAction('reviewer', filing.id, action), action);
    } catch (err) {
      setProblem({
        error: err as Error,
        unplaced: isApiError(err) ? err.fields.map((field) => pick(field.message)) : [],
      });
    } finally {
      setBusy(null);
    }
  };

  const actions = REVIEW_ACTIONS.filter((action) => filing.actions.includes(action));
  const buttons = actions.map((action) => {
    const button = (
      <Button
        key={action}
        type={action === 'approve' || action === 'receive' ? 'primary' : 'default'}
        danger={action === 'reject' || action === 'notify_non_compliance'}
        icon={ICONS[action]}
        loading={busy === action}
        onClick={NEEDS_REASONS.has(action) ? () => setAsking(action) : undefined}
        data-testid={`filing-action-${action}`}
      >
        {t(`filing.action.${action}`)}
      </Button>
    );
    if (NEEDS_REASONS.has(action)) return button;
    return (
      <Popconfirm
        key={action}
        title={t(`filing.confirm.${action as 'receive' | 'approve'}`)}
        onConfirm={() => act(action)}
      >
        {button}
      </Popconfirm>
    );
  });

  return (
    <div data-testid="review-filing-page" data-filing-id={filing.id} data-status={filing.status}>
      <FilingHeader
        filing={filing}
        backTo={back}
        backLabel={t('filing.review.title')}
        actions={buttons}
        side="reviewer"
      />
      <ServerErrorAlert value={problem} onClose={() => setProblem(null)} testId="filing-action-error" />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('filing.fieldsTitle')} style={{ marginBottom: 16 }}>
            <FilingFieldsView sections={sectionsFor(filing.domain, filing.kind)} fields={filing.fields} />
          </Card>
          <Card size="small" title={t('filing.documents.title')} style={{ marginBottom: 16 }}>
            <DocumentTable side="reviewer" filing={filing} editable={false} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('filing.deadline.title')} style={{ marginBottom: 16 }}>
            <DeadlineList deadlines={filing.deadlines} />
          </Card>
          <Card size="small" title={t('filing.history.title')}>
            <FilingHistory events={filing.events} />
          </Card>
        </Col>
      </Row>
      <ReasonsModal
        action={asking}
        filingId={filing.id}
        onClose={() => setAsking(null)}
        onDone={(next) => done(next, asking!)}
      />
    </div>
  );
}
