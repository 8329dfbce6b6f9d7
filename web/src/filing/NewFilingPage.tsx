import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Form, Radio, Row, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';
import { useApi } from '../people/shared/useApi';
import {
  createFiling,
  FILED_FACILITY_TYPES,
  FILING_KINDS,
  type FilingDetail,
  type FilingKind,
  type FilingList,
  type OwnFacility,
} from './api';
import { sectionsFor, toApiFields, toFormValues } from './fieldSpec';
import { FIELDS, FilingFieldsInputs } from './FilingFieldsForm';
import { ServerErrorAlert } from './serverErrors';
import './filing.css';

interface NewFilingValues {
  facilityId?: number;
  kind: FilingKind;
  fields?: Record<string, unknown>;
}

/** What a new filing starts from: the facility's registration (initial) or the filed record (change). */
async function startingFields(
  facility: OwnFacility,
  kind: FilingKind,
): Promise<Record<string, unknown> | null> {
  if (kind === 'deregistration') return null;
  if (kind === 'change') {
    const approved = await api.get<FilingList>('/api/provider/filings?status=approved&pageSize=200');
    const last = approved.filings.find(
      (filing) => filing.facility.id === facility.id && filing.kind !== 'deregistration',
    );
    if (last) return (await api.get<FilingDetail>(`/api/provider/filings/${last.id}`)).fields;
  }
  return { name: facility.name, address: facility.address, ownership: facility.ownership };
}

/** 新建备案: pick one of the organisation's facilities and the kind of filing, fill in the fields, save a draft. */
export default function NewFilingPage() {
  const t = useT();
  const { pick } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<NewFilingValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<UnplacedErrors | null>(null);
  const facilities = useApi<{ facilities: OwnFacility[] }>('/api/provider/facilities?pageSize=200');
  const facilityId = Form.useWatch('facilityId', form);
  const kind = Form.useWatch('kind', form) ?? 'initial';
  const region = params.get('region');
  const keep = (path: string) => (region ? `${path}?region=${region}` : path);

  const filed = useMemo(
    () =>
      (facilities.data?.facilities ?? []).filter((facility) =>
        FILED_FACILITY_TYPES.includes(facility.facilityType),
      ),
    [facilities.data],
  );
  const facility = filed.find((item) => item.id === facilityId);
  const sections = facility ? sectionsFor(facility.domain, kind) : null;

  // The only facility is chosen for the user.
  useEffect(() => {
    if (filed.length === 1 && form.getFieldValue('facilityId') === undefined)
      form.setFieldValue('facilityId', filed[0].id);
  }, [filed, form]);

  // A new facility or kind starts the fields afresh from what is already known.
  useEffect(() => {
    if (!facility) return;
    let cancelled = false;
    startingFields(facility, kind).then(
      (fields) => {
        if (cancelled) return;
        form.setFieldValue(FIELDS, toFormValues(sectionsFor(facility.domain, kind), fields));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [facility, kind, form]);

  const onFinish = async (values: NewFilingValues) => {
    if (!facility || !sections) return;
    setSaving(true);
    setProblem(null);
    try {
      const created = await createFiling({
        facilityId: facility.id,
        kind: values.kind,
        fields: toApiFields(sections, values.fields ?? {}),
      });
      navigate(keep(`/my-filings/${created.id}`), { replace: true, state: { created: true } });
    } catch (error) {
      setProblem(applyServerErrors(form, error, pick));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="filing-new-page">
      <div className="filing-page-header">
        <div>
          <Link to={keep('/my-filings')}>
            <ArrowLeftOutlined /> {t('filing.provider.title')}
          </Link>
          <Typography.Title level={3} style={{ marginTop: 8 }}>
            {t('filing.new')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('filing.newHint')}</Typography.Text>
        </div>
      </div>
      {facilities.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={isApiError(facilities.error) ? pick(facilities.error.messages) : facilities.error.message}
        />
      )}
      {!facilities.data && !facilities.error && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {facilities.data && filed.length === 0 && (
        <Card>
          <Empty description={t('filing.noFacilities')} />
        </Card>
      )}
      {filed.length > 0 && (
        <Form<NewFilingValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'initial' }}
          onFinish={(values) => void onFinish(values)}
          onFinishFailed={() => setProblem(null)}
          scrollToFirstError
          data-testid="filing-form"
        >
          <ServerErrorAlert value={problem} onClose={() => setProblem(null)} />
          <Card size="small" title={t('filing.section.target')} style={{ marginBottom: 16 }}>
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="facilityId"
                  label={t('filing.field.facility')}
                  rules={[{ required: true, message: t('filing.rule.chooseFacility') }]}
                >
                  <Select
                    data-testid="filing-facility"
                    placeholder={t('filing.field.facilityPlaceholder')}
                    options={filed.map((item) => ({
                      value: item.id,
                      label: `${item.name}（${t(`filing.facilityType.${item.facilityType}`)}）`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="kind" label={t('filing.field.kind')} rules={[{ required: true }]}>
                  <Radio.Group
                    optionType="button"
                    data-testid="filing-kind"
                    options={FILING_KINDS.map((value) => ({ value, label: t(`filing.kind.${value}`) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            {facility && (
              <Typography.Text type="secondary">
                {t('filing.competentDepartment', { department: t(`filing.department.${facility.domain}`) })}
              </Typography.Text>
            )}
          </Card>
          {sections && facility && (
            <FilingFieldsInputs sections={sections} facilityType={facility.facilityType} />
          )}
          <div className="filing-form-footer">
            <Button onClick={() => navigate(keep('/my-filings'))}>{t('filing.cancel')}</Button>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={saving}
              disabled={!facility}
              data-testid="filing-save"
            >
              {t('filing.saveDraft')}
            </Button>
          </div>
        </Form>
      )}
    </div>
  );
}
