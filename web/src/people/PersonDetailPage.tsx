import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
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
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useMe } from '../auth/session';
import { useLocale, useT } from '../i18n';
import { useRegionScope } from '../regions/scope';
import { holds } from '../sections';
import { CAPABILITY_COLORS, capabilityKey } from './PeopleListPage';
import { MaskedId } from '../registry/MaskedId';
import { useModalForm } from '../registry/useModalForm';
import { ValidityPeriodFields } from '../registry/ValidityPeriodFields';
import { PersonHistoryCard } from './PersonHistoryCard';
import { FormErrorAlert, LoadError } from './shared/ErrorAlert';
import { queryString, write } from './shared/http';
import { today, useScopedHref } from './shared/links';
import { PageHeading } from './shared/PageHeading';
import { PersonPicker } from './shared/PersonPicker';
import { RegionName } from './shared/regionNames';
import { useApi } from './shared/useApi';
import {
  ageOn,
  CONDITION_KINDS,
  RELATIONSHIP_KINDS,
  type Condition,
  type ConditionKind,
  type Consent,
  type Membership,
  type PersonDetail,
  type PersonRef,
  type Relationship,
  type RelationshipKind,
} from './types';

const DATE = 'YYYY-MM-DD';
const dash = <Typography.Text type="secondary">—</Typography.Text>;
const stamp = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** 人员详情: the person (ID number masked), conditions with their history, households, relationships and consents. */
export default function PersonDetailPage() {
  const { id } = useParams();
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const href = useScopedHref();
  const { data: person, error, loading, reload } = useApi<PersonDetail>(`/api/people/${id}`);
  const canWrite = holds(me, 'people.write');

  if (error && !person) return <LoadError error={error} onRetry={reload} />;
  if (!person) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  const on = today();
  const liveConditions = person.conditions.filter((condition) => condition.live);

  return (
    <div data-testid="person-detail" data-person-id={person.id} aria-busy={loading}>
      <PageHeading
        title={person.name}
        testId="person-name"
        crumbs={[{ label: t('nav.people'), to: '/people' }]}
        tags={
          <>
            <Tag>
              {t(`people.sex.${person.sex}`)} · {t('people.ageValue', { age: ageOn(person.birthDate, on) })}
            </Tag>
            {liveConditions.map((condition) => (
              <Tag key={condition.id} color="volcano">
                {t(`people.conditionKind.${condition.kind}`)}
                {condition.disabilityGrade
                  ? ` ${t('people.gradeValue', { grade: condition.disabilityGrade })}`
                  : ''}
              </Tag>
            ))}
          </>
        }
        extra={
          canWrite && (
            <Button
              icon={<EditOutlined />}
              onClick={() => navigate(href(`/people/${person.id}/edit`))}
              data-testid="person-edit"
            >
              {t('registry.edit')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={t('people.basicInfo')}>
            <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="middle" data-testid="person-info">
              <Descriptions.Item label={t('people.idNumber')}>
                <MaskedId value={person.idNumberMasked} testId="person-id-number" />
              </Descriptions.Item>
              <Descriptions.Item label={t('people.birthDate')}>{person.birthDate}</Descriptions.Item>
              <Descriptions.Item label={t('people.region')}>
                <RegionName code={person.regionCode} />
              </Descriptions.Item>
              <Descriptions.Item label={t('people.address')}>{person.address ?? dash}</Descriptions.Item>
              <Descriptions.Item label={t('people.registeredRegion')}>
                {person.registeredRegionCode ? <RegionName code={person.registeredRegionCode} /> : dash}
              </Descriptions.Item>
              <Descriptions.Item label={t('people.livingSituation')}>
                {person.livingSituation ? t(`people.living.${person.livingSituation}`) : dash}
              </Descriptions.Item>
              <Descriptions.Item label={t('people.capabilityLevel')}>
                {person.capabilityLevel === null ? (
                  dash
                ) : (
                  <Space size={4}>
                    <Tag color={CAPABILITY_COLORS[person.capabilityLevel]}>
                      {t(capabilityKey(person.capabilityLevel))}
                    </Tag>
                    <Typography.Text type="secondary">
                      {t('people.assessedOn', { date: person.capabilityAssessedOn ?? '—' })}
                    </Typography.Text>
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col span={24}>
          <ConditionsCard person={person} canWrite={canWrite} onChanged={reload} />
        </Col>
        <Col xs={24} xl={12}>
          <HouseholdsCard memberships={person.households} />
        </Col>
        <Col xs={24} xl={12}>
          <RelationshipsCard person={person} canWrite={canWrite} onChanged={reload} />
        </Col>
        <Col span={24}>
          <ConsentsCard person={person} canWrite={canWrite} onChanged={reload} />
        </Col>
        <Col span={24}>
          <PersonHistoryCard personId={person.id} />
        </Col>
      </Row>
    </div>
  );
}

function PersonLink({ person }: { person: PersonRef | null }) {
  const t = useT();
  const href = useScopedHref();
  if (!person) return <Typography.Text type="secondary">{t('people.outsideScope')}</Typography.Text>;
  return <Link to={href(`/people/${person.id}`)}>{person.name}</Link>;
}

function conditionStatus(condition: Condition, on: string): 'live' | 'ended' | 'future' | 'void' {
  if (condition.live) return 'live';
  if (condition.validTo !== null && condition.validTo <= condition.validFrom) return 'void';
  return condition.validFrom > on ? 'future' : 'ended';
}

const STATUS_COLOR = { live: 'green', ended: 'default', future: 'blue', void: 'default' } as const;

function ConditionsCard({
  person,
  canWrite,
  onChanged,
}: {
  person: PersonDetail;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Condition | null>(null);
  const on = today();
  const columns: TableColumnsType<Condition> = [
    {
      title: t('people.conditionKind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (kind: ConditionKind, condition) => (
        <span>
          {t(`people.conditionKind.${kind}`)}
          {condition.disabilityGrade
            ? ` · ${t('people.gradeValue', { grade: condition.disabilityGrade })}`
            : ''}
        </span>
      ),
    },
    { title: t('people.validFrom'), dataIndex: 'validFrom', key: 'validFrom', width: 120 },
    {
      title: t('people.validTo'),
      dataIndex: 'validTo',
      key: 'validTo',
      width: 140,
      render: (value: string | null) =>
        value ?? <Typography.Text type="secondary">{t('people.openEnded')}</Typography.Text>,
    },
    {
      title: t('people.source'),
      dataIndex: 'source',
      key: 'source',
      render: (value: string | null) => value ?? dash,
    },
    {
      title: t('registry.status'),
      key: 'status',
      width: 110,
      render: (_value, condition) => {
        const status = conditionStatus(condition, on);
        return <Tag color={STATUS_COLOR[status]}>{t(`people.conditionStatus.${status}`)}</Tag>;
      },
    },
    ...(canWrite
      ? [
          {
            title: t('registry.actions'),
            key: 'actions',
            width: 100,
            render: (_value: unknown, condition: Condition) =>
              condition.validTo === null || condition.validTo > on ? (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEnding(condition)}
                  data-testid={`condition-end-${condition.id}`}
                >
                  {t('people.endCondition')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card
      title={t('people.conditions')}
      extra={
        canWrite && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="condition-add"
          >
            {t('people.addCondition')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<Condition>
        data-testid="conditions-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={person.conditions}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noConditions')} />,
        }}
      />
      {adding && (
        <AddConditionModal
          personId={person.id}
          onClose={(changed) => {
            setAdding(false);
            if (changed) onChanged();
          }}
        />
      )}
      {ending && (
        <EndConditionModal
          personId={person.id}
          condition={ending}
          onClose={(changed) => {
            setEnding(null);
            if (changed) onChanged();
          }}
        />
      )}
    </Card>
  );
}

function FormModal({
  title,
  open = true,
  onCancel,
  onOk,
  submitting,
  children,
  testId,
  okText,
}: {
  title: string;
  open?: boolean;
  onCancel: () => void;
  onOk: () => void;
  submitting: boolean;
  children: ReactNode;
  testId: string;
  okText?: string;
}) {
  const t = useT();
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      onOk={onOk}
      okText={okText ?? t('registry.save')}
      cancelText={t('registry.cancel')}
      confirmLoading={submitting}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-ok` } as never}
      data-testid={testId}
    >
      <div data-testid={testId}>{children}</div>
    </Modal>
  );
}

interface ConditionValues {
  kind: ConditionKind;
  disabilityGrade?: number;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
  source?: string;
}

function AddConditionModal({ personId, onClose }: { personId: number; onClose: (changed: boolean) => void }) {
  const t = useT();
  const modal = useModalForm<ConditionValues>(
    (values) =>
      write.post(`/api/people/${personId}/conditions`, {
        kind: values.kind,
        ...(values.kind === 'disability' && { disabilityGrade: values.disabilityGrade }),
        validFrom: values.validFrom.format(DATE),
        ...(values.validTo && { validTo: values.validTo.format(DATE) }),
        ...(values.source?.trim() && { source: values.source.trim() }),
      }),
    onClose,
    t('people.conditionAdded'),
  );
  const kind = Form.useWatch('kind', modal.form);
  return (
    <FormModal
      title={t('people.addCondition')}
      onCancel={() => onClose(false)}
      onOk={() => void modal.submit()}
      submitting={modal.submitting}
      testId="condition-modal"
    >
      <FormErrorAlert value={modal.failure} onClose={modal.clearFailure} />
      <Form
        form={modal.form}
        layout="vertical"
        initialValues={{ validFrom: dayjs() }}
        onValuesChange={modal.clearFailure}
      >
        <Form.Item
          name="kind"
          label={t('people.conditionKind')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <Select
            options={CONDITION_KINDS.map((value) => ({ value, label: t(`people.conditionKind.${value}`) }))}
            data-testid="condition-kind"
          />
        </Form.Item>
        {kind === 'disability' && (
          <Form.Item
            name="disabilityGrade"
            label={t('people.disabilityGrade')}
            rules={[{ required: true, message: t('people.rule.gradeRequired') }]}
          >
            <InputNumber min={1} max={4} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <ValidityPeriodFields
          fromLabel={t('people.validFrom')}
          toLabel={t('people.validTo')}
          toHint={t('people.validToHint')}
          openEndedText={t('people.openEnded')}
        />
        <Form.Item
          name="source"
          label={t('people.source')}
          rules={[{ max: 200, message: t('registry.rule.max', { max: 200 }) }]}
        >
          <Input placeholder={t('people.sourcePlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function EndConditionModal({
  personId,
  condition,
  onClose,
}: {
  personId: number;
  condition: Condition;
  onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const modal = useModalForm<{ on: Dayjs }>(
    (values) =>
      write.delete(
        `/api/people/${personId}/conditions/${condition.id}${queryString({ on: values.on.format(DATE) })}`,
      ),
    onClose,
    t('people.conditionEnded'),
  );
  return (
    <FormModal
      title={t('people.endConditionTitle', { kind: t(`people.conditionKind.${condition.kind}`) })}
      onCancel={() => onClose(false)}
      onOk={() => void modal.submit()}
      submitting={modal.submitting}
      testId="condition-end-modal"
      okText={t('people.endCondition')}
    >
      <Typography.Paragraph type="secondary">{t('people.endConditionHint')}</Typography.Paragraph>
      <FormErrorAlert value={modal.failure} onClose={modal.clearFailure} />
      <Form
        form={modal.form}
        layout="vertical"
        initialValues={{ on: dayjs() }}
        onValuesChange={modal.clearFailure}
      >
        <Form.Item
          name="on"
          label={t('people.endOn')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(date) => date.format(DATE) < condition.validFrom}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function HouseholdsCard({ memberships }: { memberships: Membership[] }) {
  const t = useT();
  const href = useScopedHref();
  const columns: TableColumnsType<Membership> = [
    {
      title: t('households.household'),
      key: 'household',
      render: (_value, membership) =>
        membership.household ? (
          <Link to={href(`/households/${membership.household.id}`)}>
            {membership.household.address ?? t('households.numbered', { id: membership.household.id })}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('people.outsideScope')}</Typography.Text>
        ),
    },
    {
      title: t('households.relation'),
      dataIndex: 'relation',
      key: 'relation',
      width: 90,
      render: (value: Membership['relation']) => t(`households.relation.${value}`),
    },
    {
      title: t('households.period'),
      key: 'period',
      width: 200,
      render: (_value, membership) => `${membership.joinedOn} ~ ${membership.leftOn ?? t('households.now')}`,
    },
    {
      title: t('registry.status'),
      key: 'live',
      width: 80,
      render: (_value, membership) =>
        membership.live ? (
          <Tag color="green">{t('households.current')}</Tag>
        ) : (
          <Tag>{t('households.former')}</Tag>
        ),
    },
  ];
  return (
    <Card title={t('people.households')} styles={{ body: { padding: 0 } }}>
      <Table<Membership>
        data-testid="memberships-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={memberships}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noHouseholds')} />,
        }}
      />
    </Card>
  );
}

/** What the other person is to this one: outgoing child_of (this person is their child) → parent. */
function otherIs(relationship: Relationship): string {
  const { kind, direction } = relationship;
  if (kind === 'spouse_of' || kind === 'relative_of') return kind;
  return `${kind}.${direction}`;
}

function RelationshipsCard({
  person,
  canWrite,
  onChanged,
}: {
  person: PersonDetail;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<Relationship> = [
    {
      title: t('people.relatedPerson'),
      key: 'other',
      render: (_value, relationship) => <PersonLink person={relationship.other} />,
    },
    {
      title: t('people.otherIs'),
      key: 'kind',
      render: (_value, relationship) => <Tag>{t(`people.otherIs.${otherIs(relationship)}` as never)}</Tag>,
    },
  ];
  return (
    <Card
      title={t('people.relationships')}
      extra={
        canWrite && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="relationship-add"
          >
            {t('people.addRelationship')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<Relationship>
        data-testid="relationships-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={person.relationships}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noRelationships')} />,
        }}
      />
      {adding && (
        <AddRelationshipModal
          person={person}
          onClose={(changed) => {
            setAdding(false);
            if (changed) onChanged();
          }}
        />
      )}
    </Card>
  );
}

function useSearchRegion(): string | null {
  const { roots } = useRegionScope();
  return roots?.[0]?.code ?? null;
}

function AddRelationshipModal({
  person,
  onClose,
}: {
  person: PersonDetail;
  onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const region = useSearchRegion();
  const modal = useModalForm<{ toPersonId: number; kind: RelationshipKind }>(
    (values) => write.post(`/api/people/${person.id}/relationships`, values),
    onClose,
    t('people.relationshipAdded'),
  );
  return (
    <FormModal
      title={t('people.addRelationship')}
      onCancel={() => onClose(false)}
      onOk={() => void modal.submit()}
      submitting={modal.submitting}
      testId="relationship-modal"
    >
      <FormErrorAlert value={modal.failure} onClose={modal.clearFailure} />
      <Form form={modal.form} layout="vertical" onValuesChange={modal.clearFailure}>
        <Form.Item
          name="kind"
          label={t('people.relationshipKind', { name: person.name })}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <Select
            options={RELATIONSHIP_KINDS.map((value) => ({ value, label: t(`people.relKind.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="toPersonId"
          label={t('people.relatedPerson')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <PersonPicker region={region} exclude={[person.id]} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function ConsentsCard({
  person,
  canWrite,
  onChanged,
}: {
  person: PersonDetail;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const revoke = (consent: Consent) => {
    modal.confirm({
      title: t('people.revokeConsentTitle'),
      content: t('people.revokeConsentHint'),
      okText: t('people.revokeConsent'),
      okButtonProps: { danger: true },
      cancelText: t('registry.cancel'),
      onOk: async () => {
        try {
          await write.post(`/api/consents/${consent.id}/revoke`);
          void message.success(t('people.consentRevoked'));
          onChanged();
        } catch (caught) {
          void message.error(isApiError(caught) ? pick(caught.messages) : (caught as Error).message);
        }
      },
    });
  };
  const columns: TableColumnsType<Consent> = [
    {
      title: t('people.consentFor'),
      key: 'person',
      render: (_value, consent) => <PersonLink person={consent.person} />,
    },
    {
      title: t('people.grantee'),
      key: 'grantee',
      render: (_value, consent) => <PersonLink person={consent.grantee} />,
    },
    {
      title: t('people.grantor'),
      key: 'grantor',
      render: (_value, consent) => <PersonLink person={consent.grantor} />,
    },
    { title: t('people.grantedAt'), dataIndex: 'grantedAt', key: 'grantedAt', width: 150, render: stamp },
    {
      title: t('people.revokedAt'),
      dataIndex: 'revokedAt',
      key: 'revokedAt',
      width: 150,
      render: (value: string | null) => (value ? stamp(value) : dash),
    },
    {
      title: t('registry.status'),
      key: 'live',
      width: 90,
      render: (_value, consent) =>
        consent.live ? (
          <Tag color="green">{t('people.consentLive')}</Tag>
        ) : (
          <Tag>{t('people.consentRevokedTag')}</Tag>
        ),
    },
    ...(canWrite
      ? [
          {
            title: t('registry.actions'),
            key: 'actions',
            width: 90,
            render: (_value: unknown, consent: Consent) =>
              consent.live ? (
                <Button type="link" size="small" danger onClick={() => revoke(consent)}>
                  {t('people.revokeConsent')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card
      title={t('people.consents')}
      extra={
        canWrite && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="consent-add"
          >
            {t('people.addConsent')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<Consent>
        data-testid="consents-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={person.consents}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noConsents')} />,
        }}
      />
      {adding && (
        <AddConsentModal
          person={person}
          onClose={(changed) => {
            setAdding(false);
            if (changed) onChanged();
          }}
        />
      )}
    </Card>
  );
}

function AddConsentModal({ person, onClose }: { person: PersonDetail; onClose: (changed: boolean) => void }) {
  const t = useT();
  const related = person.relationships.flatMap((relationship) =>
    relationship.other ? [relationship.other] : [],
  );
  const guardians = person.relationships
    .filter(
      (relationship) =>
        relationship.kind === 'guardian_of' && relationship.direction === 'incoming' && relationship.other,
    )
    .map((relationship) => relationship.other!);
  const unique = (list: PersonRef[]) => [...new Map(list.map((entry) => [entry.id, entry])).values()];
  const modal = useModalForm<{ granteePersonId: number; grantorPersonId?: number }>(
    (values) =>
      write.post(`/api/people/${person.id}/consents`, {
        granteePersonId: values.granteePersonId,
        ...(values.grantorPersonId &&
          values.grantorPersonId !== person.id && { grantorPersonId: values.grantorPersonId }),
        scope: 'act_for',
      }),
    onClose,
    t('people.consentAdded'),
  );
  return (
    <FormModal
      title={t('people.addConsent')}
      onCancel={() => onClose(false)}
      onOk={() => void modal.submit()}
      submitting={modal.submitting}
      testId="consent-modal"
    >
      <Typography.Paragraph type="secondary">{t('people.consentHint')}</Typography.Paragraph>
      <FormErrorAlert value={modal.failure} onClose={modal.clearFailure} />
      <Form
        form={modal.form}
        layout="vertical"
        initialValues={{ grantorPersonId: person.id }}
        onValuesChange={modal.clearFailure}
      >
        <Form.Item
          name="granteePersonId"
          label={t('people.grantee')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <Select
            placeholder={related.length === 0 ? t('people.noRelatedYet') : undefined}
            options={unique(related).map((entry) => ({ value: entry.id, label: entry.name }))}
          />
        </Form.Item>
        <Form.Item name="grantorPersonId" label={t('people.grantor')}>
          <Select
            options={[
              { value: person.id, label: t('people.grantorSelf', { name: person.name }) },
              ...unique(guardians).map((entry) => ({
                value: entry.id,
                label: t('people.grantorGuardian', { name: entry.name }),
              })),
            ]}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
