import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { birthDateSchema } from '../../../src/domains/people/dates';
import { api } from '../api/client';
import { useLocale, useT } from '../i18n';
import { useSelectedRegion } from '../regions/scope';
import { capabilityKey } from './PeopleListPage';
import { FormErrorAlert, LoadError } from './shared/ErrorAlert';
import { applyServerErrors, type UnplacedErrors } from './shared/formErrors';
import { write } from './shared/http';
import { idNumberFacts, idNumberHint } from './shared/idNumber';
import { useScopedHref } from './shared/links';
import { PageHeading } from './shared/PageHeading';
import { RegionPicker } from './shared/RegionPicker';
import { useApi } from './shared/useApi';
import {
  CAPABILITY_LEVELS,
  LIVING_SITUATIONS,
  type LivingSituation,
  type Person,
  type PersonDetail,
} from './types';

interface Values {
  regionCode: string | null;
  name: string;
  idNumber?: string;
  sex?: 'male' | 'female';
  birthDate?: Dayjs | null;
  address?: string;
  registeredRegionCode?: string | null;
  livingSituation?: LivingSituation | null;
  capabilityLevel?: number | null;
  capabilityAssessedOn?: Dayjs | null;
}

interface DuplicateCheck {
  matches: { person: Person; reasons: ('id_number' | 'name_birth_date_address')[] }[];
  outsideScope: number;
}

const DATE = 'YYYY-MM-DD';
const BirthDate = birthDateSchema(() => new Date());
const asDate = (value: Dayjs | null | undefined) => (value ? value.format(DATE) : null);

function valuesOf(person: Person): Values {
  return {
    regionCode: person.regionCode,
    name: person.name,
    sex: person.sex,
    birthDate: dayjs(person.birthDate),
    address: person.address ?? '',
    registeredRegionCode: person.registeredRegionCode,
    livingSituation: person.livingSituation,
    capabilityLevel: person.capabilityLevel,
    capabilityAssessedOn: person.capabilityAssessedOn ? dayjs(person.capabilityAssessedOn) : null,
  };
}

/** The body a form sends: the API's field names and formats; empty optional fields left out (create) or cleared. */
function bodyOf(values: Values) {
  return {
    regionCode: values.regionCode ?? undefined,
    name: values.name?.trim(),
    sex: values.sex,
    birthDate: asDate(values.birthDate) ?? undefined,
    address: values.address?.trim() ? values.address.trim() : null,
    registeredRegionCode: values.registeredRegionCode ?? null,
    livingSituation: values.livingSituation ?? null,
    capabilityLevel: values.capabilityLevel ?? null,
    capabilityAssessedOn: asDate(values.capabilityAssessedOn),
  };
}

/** 新增人员 / 编辑人员: the same rules as the API, and the API's own field errors shown on the inputs. */
export default function PersonFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { data: person, error, reload } = useApi<PersonDetail>(editing ? `/api/people/${id}` : null);
  const t = useT();
  if (editing && error && !person) return <LoadError error={error} onRetry={reload} />;
  if (editing && !person) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  return (
    <PersonForm
      key={person?.id ?? 'new'}
      person={person ?? null}
      title={editing ? t('people.edit') : t('people.create')}
    />
  );
}

function PersonForm({ person, title }: { person: Person | null; title: string }) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const href = useScopedHref();
  const { code: selectedRegion } = useSelectedRegion();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<UnplacedErrors | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateCheck | null>(null);
  const initial = useMemo<Values>(
    () => (person ? valuesOf(person) : { regionCode: selectedRegion, name: '' }),
    // The selected region only seeds a new record.
    [person],
  );
  const idNumber = Form.useWatch('idNumber', form);
  const facts = idNumber ? idNumberFacts(idNumber) : null;
  const checkTimer = useRef<number | undefined>(undefined);

  // With a well-formed ID number, sex and birth date follow from it (the server derives them the same way).
  useEffect(() => {
    if (facts) form.setFieldsValue({ sex: facts.sex, birthDate: dayjs(facts.birthDate) });
  }, [facts?.sex, facts?.birthDate, form]);

  useEffect(() => () => window.clearTimeout(checkTimer.current), []);

  // Before registering someone new: who is already recorded with the same ID number, or name, birth date and address.
  const checkDuplicates = () => {
    if (person) return;
    window.clearTimeout(checkTimer.current);
    checkTimer.current = window.setTimeout(() => {
      const values = form.getFieldsValue();
      const birthDate = asDate(values.birthDate);
      const validId =
        values.idNumber && idNumberHint(values.idNumber) === null ? values.idNumber.trim() : undefined;
      if (!values.regionCode || !values.name?.trim() || !birthDate) {
        setDuplicates(null);
        return;
      }
      api
        .post<DuplicateCheck>('/api/people/duplicates/check', {
          regionCode: values.regionCode,
          name: values.name.trim(),
          birthDate,
          ...(values.address?.trim() && { address: values.address.trim() }),
          ...(validId && { idNumber: validId }),
        })
        .then(setDuplicates, () => setDuplicates(null));
    }, 600);
  };

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      let saved: Person;
      if (person) {
        const before = bodyOf(valuesOf(person));
        const after = bodyOf(values);
        const patch = Object.fromEntries(
          Object.entries(after).filter(([key, value]) => before[key as keyof typeof before] !== value),
        );
        saved = await write.patch<Person>(`/api/people/${person.id}`, patch);
      } else {
        const body = bodyOf(values);
        saved = await write.post<Person>('/api/people', {
          ...Object.fromEntries(
            Object.entries(body).filter(([, value]) => value !== null && value !== undefined),
          ),
          ...(values.idNumber?.trim() && { idNumber: values.idNumber.trim() }),
        });
      }
      void message.success(
        person ? t('people.saved', { name: saved.name }) : t('people.created', { name: saved.name }),
      );
      navigate(href(`/people/${saved.id}`));
    } catch (caught) {
      setFailure(applyServerErrors(form, caught, pick));
    } finally {
      setSubmitting(false);
    }
  };

  const today = dayjs().endOf('day');
  const hasId = !!idNumber?.trim();

  return (
    <div data-testid="person-form-page">
      <PageHeading
        title={title}
        crumbs={[
          { label: t('nav.people'), to: '/people' },
          ...(person ? [{ label: person.name, to: `/people/${person.id}` }] : []),
        ]}
      />
      <Card style={{ maxWidth: 980 }}>
        <FormErrorAlert value={failure} onClose={() => setFailure(null)} />
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(values) => void onFinish(values)}
          onValuesChange={(changed) => {
            if (failure) setFailure(null);
            if (['name', 'birthDate', 'address', 'idNumber', 'regionCode'].some((key) => key in changed))
              checkDuplicates();
          }}
          data-testid="person-form"
          scrollToFirstError
        >
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('people.name')}
                rules={[
                  { required: true, whitespace: true, message: t('people.rule.nameRequired') },
                  { max: 100, message: t('registry.rule.max', { max: 100 }) },
                ]}
              >
                <Input autoComplete="off" data-testid="field-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="regionCode"
                label={t('people.region')}
                tooltip={t('people.regionHint')}
                rules={[{ required: true, message: t('people.rule.regionRequired') }]}
              >
                <RegionPicker testId="field-region" />
              </Form.Item>
            </Col>
            {!person && (
              <Col xs={24} md={12}>
                <Form.Item
                  name="idNumber"
                  label={t('people.idNumber')}
                  extra={
                    facts
                      ? t('people.idNumberFacts', {
                          sex: t(`people.sex.${facts.sex}`),
                          birthDate: facts.birthDate,
                        })
                      : idNumber?.trim()
                        ? undefined
                        : t('people.idNumberHint')
                  }
                  rules={[
                    { max: 32, message: t('registry.rule.max', { max: 32 }) },
                    {
                      warningOnly: true,
                      validator: async (_rule, value?: string) => {
                        if (!value?.trim()) return;
                        const hint = idNumberHint(value);
                        if (hint) throw new Error(t(`people.idHint.${hint}`));
                      },
                    },
                  ]}
                >
                  <Input
                    autoComplete="off"
                    maxLength={32}
                    className="registry-id"
                    data-testid="field-idNumber"
                  />
                </Form.Item>
              </Col>
            )}
            {person && (
              <Col xs={24} md={12}>
                <Form.Item label={t('people.idNumber')} extra={t('people.idNumberFixed')}>
                  <Input value={person.idNumberMasked ?? '—'} disabled className="registry-id" />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={6}>
              <Form.Item
                name="sex"
                label={t('people.sex')}
                rules={[{ required: !hasId, message: t('people.rule.sexRequired') }]}
              >
                <Radio.Group disabled={!!facts} data-testid="field-sex">
                  <Radio value="male">{t('people.sex.male')}</Radio>
                  <Radio value="female">{t('people.sex.female')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="birthDate"
                label={t('people.birthDate')}
                rules={[
                  { required: !hasId, message: t('people.rule.birthDateRequired') },
                  {
                    // The API's own rule (src/domains/people/dates.ts), on the browser's clock.
                    validator: async (_rule, value?: Dayjs | null) => {
                      if (value && !BirthDate.safeParse(value.format(DATE)).success)
                        throw new Error(t('people.rule.birthDateRange'));
                    },
                  },
                ]}
              >
                <DatePicker
                  disabled={!!facts}
                  disabledDate={(date) => !BirthDate.safeParse(date.format(DATE)).success}
                  style={{ width: '100%' }}
                  data-testid="field-birthDate"
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="address"
                label={t('people.address')}
                rules={[{ max: 300, message: t('registry.rule.max', { max: 300 }) }]}
              >
                <Input data-testid="field-address" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="registeredRegionCode"
                label={t('people.registeredRegion')}
                tooltip={t('people.registeredRegionHint')}
              >
                <RegionPicker allowClear placeholder={t('registry.optional')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="livingSituation" label={t('people.livingSituation')}>
                <Select
                  allowClear
                  placeholder={t('registry.optional')}
                  options={LIVING_SITUATIONS.map((value) => ({ value, label: t(`people.living.${value}`) }))}
                  data-testid="field-living"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="capabilityLevel"
                label={t('people.capabilityLevel')}
                tooltip={t('people.capabilityHint')}
                dependencies={['capabilityAssessedOn']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value?: number | null) => {
                      const on = getFieldValue('capabilityAssessedOn') as Dayjs | null | undefined;
                      if ((value === undefined || value === null) && on)
                        throw new Error(t('people.rule.capabilityPair'));
                    },
                  }),
                ]}
              >
                <Select
                  allowClear
                  placeholder={t('registry.optional')}
                  options={CAPABILITY_LEVELS.map((value) => ({ value, label: t(capabilityKey(value)) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="capabilityAssessedOn"
                label={t('people.capabilityAssessedOn')}
                dependencies={['capabilityLevel']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value?: Dayjs | null) => {
                      const level = getFieldValue('capabilityLevel') as number | null | undefined;
                      if (!value && level !== undefined && level !== null)
                        throw new Error(t('people.rule.capabilityPair'));
                      if (value && value.isAfter(today)) throw new Error(t('people.rule.notFuture'));
                    },
                  }),
                ]}
              >
                <DatePicker disabledDate={(date) => date.isAfter(today)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          {duplicates && (duplicates.matches.length > 0 || duplicates.outsideScope > 0) && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="duplicate-warning"
              message={t('people.duplicates.title')}
              description={
                <>
                  {duplicates.matches.map(({ person: match, reasons }) => (
                    <div key={match.id}>
                      <Link to={href(`/people/${match.id}`)} target="_blank">
                        {match.name}
                      </Link>{' '}
                      <Typography.Text type="secondary">
                        {match.birthDate} {match.idNumberMasked ?? ''} ·{' '}
                        {reasons.map((reason) => t(`people.duplicates.${reason}`)).join('、')}
                      </Typography.Text>
                    </div>
                  ))}
                  {duplicates.outsideScope > 0 && (
                    <div>{t('people.duplicates.outside', { count: duplicates.outsideScope })}</div>
                  )}
                </>
              }
            />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="person-submit">
              {person ? t('registry.save') : t('people.submitCreate')}
            </Button>
            <Button onClick={() => navigate(href(person ? `/people/${person.id}` : '/people'))}>
              {t('registry.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
