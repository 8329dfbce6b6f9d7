import { EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Popconfirm, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';
import { useApi } from '../people/shared/useApi';
import { performAction, updateFields, type FilingDetail, type ProviderAction } from './api';
import { DocumentChecklist, DocumentUpload } from './DocumentUpload';
import { sectionsFor, toApiFields, toFormValues } from './fieldSpec';
import { FilingFieldsInputs } from './FilingFieldsForm';
import { FilingFieldsView } from './FilingFieldsView';
import { FilingHeader } from './FilingHeader';
import { DeadlineList, DocumentTable, FilingHistory } from './parts';
import { describeSubmitProblems, ServerErrorAlert } from './serverErrors';
import './filing.css';

const ACTION_ICONS: Record<ProviderAction, ReactNode> = {
  submit: <SendOutlined />,
  resubmit: <SendOutlined />,
  withdraw: <RollbackOutlined />,
};

function FieldsEditor({
  filing,
  onSaved,
  onCancel,
}: {
  filing: FilingDetail;
  onSaved: (next: FilingDetail) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ fields: Record<string, unknown> }>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<UnplacedErrors | null>(null);
  const sections = sectionsFor(filing.domain, filing.kind);

  const onFinish = async (values: { fields: Record<string, unknown> }) => {
    setSaving(true);
    setProblem(null);
    try {
      const next = await updateFields(filing.id, toApiFields(sections, values.fields ?? {}));
      void message.success(t('filing.saved'));
      onSaved(next);
    } catch (error) {
      setProblem(applyServerErrors(form, error, pick));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ fields: toFormValues(sections, filing.fields) }}
      onFinish={(values) => void onFinish(values)}
      scrollToFirstError
      data-testid="filing-edit-form"
    >
      <ServerErrorAlert value={problem} onClose={() => setProblem(null)} />
      <FilingFieldsInputs sections={sections} facilityType={filing.facility.type} />
      <div className="filing-form-footer">
        <Button onClick={onCancel}>{t('filing.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="filing-save">
          {t('filing.save')}
        </Button>
      </div>
    </Form>
  );
}

/** One of the provider's filings: fields, documents, submit / resubmit / withdraw, deadlines and history. */
export default function MyFilingPage() {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { data, error, reload } = useApi<FilingDetail>(`/api/provider/filings/${Number(id)}`);
  const [override, setOverride] = useState<FilingDetail | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<ProviderAction | null>(null);
  const [problem, setProblem] = useState<UnplacedErrors | null>(null);
  const region = params.get('region');
  const back = region ? `/my-filings?region=${region}` : '/my-filings';

  // The answer of an action or save is the filing as it now stands; show it until the next load arrives.
  useEffect(() => setOverride(null), [data]);
  const filing = override ?? data;
  const refresh = () => {
    setProblem(null);
    reload();
  };

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

  const editable = filing.status === 'draft' || filing.status === 'correction_requested';
  const sections = sectionsFor(filing.domain, filing.kind);
  const actions = filing.actions.filter((action): action is ProviderAction =>
    ['submit', 'resubmit', 'withdraw'].includes(action),
  );

  const act = async (action: ProviderAction) => {
    setBusy(action);
    setProblem(null);
    try {
      const next = await performAction('provider', filing.id, action);
      setOverride(next);
      setEditing(false);
      void message.success(t('filing.done', { action: t(`filing.action.${action}`) }));
      reload();
    } catch (err) {
      setProblem({ error: err as Error, unplaced: describeSubmitProblems(err, pick, t) });
    } finally {
      setBusy(null);
    }
  };

  const actionButtons = actions.map((action) =>
    action === 'withdraw' ? (
      <Popconfirm key={action} title={t('filing.confirm.withdraw')} onConfirm={() => act(action)}>
        <Button
          danger
          icon={ACTION_ICONS[action]}
          loading={busy === action}
          data-testid={`filing-action-${action}`}
        >
          {t(`filing.action.${action}`)}
        </Button>
      </Popconfirm>
    ) : (
      <Popconfirm key={action} title={t(`filing.confirm.${action}`)} onConfirm={() => act(action)}>
        <Button
          type="primary"
          icon={ACTION_ICONS[action]}
          loading={busy === action}
          data-testid={`filing-action-${action}`}
        >
          {t(`filing.action.${action}`)}
        </Button>
      </Popconfirm>
    ),
  );

  return (
    <div data-testid="my-filing-page" data-filing-id={filing.id} data-status={filing.status}>
      <FilingHeader
        filing={filing}
        backTo={back}
        backLabel={t('filing.provider.title')}
        actions={actionButtons}
        side="provider"
      />
      <ServerErrorAlert value={problem} onClose={() => setProblem(null)} testId="filing-action-error" />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={t('filing.documents.title')}
            style={{ marginBottom: 16 }}
            extra={<Typography.Text type="secondary">{t('filing.documents.required')}</Typography.Text>}
          >
            <Space direction="vertical" style={{ width: '100%' }} size={12}>
              <DocumentChecklist filing={filing} />
              {editable && <DocumentUpload filing={filing} onUploaded={refresh} />}
              <DocumentTable side="provider" filing={filing} editable={editable} onChanged={refresh} />
            </Space>
          </Card>
          <Card
            size="small"
            title={t('filing.fieldsTitle')}
            style={{ marginBottom: 16 }}
            extra={
              editable &&
              !editing && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="filing-edit">
                  {t('filing.edit')}
                </Button>
              )
            }
          >
            {editing ? (
              <FieldsEditor
                filing={filing}
                onSaved={(next) => {
                  setOverride(next);
                  setEditing(false);
                  reload();
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <FilingFieldsView sections={sections} fields={filing.fields} />
            )}
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
    </div>
  );
}
