import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Modal,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { useRegionScope } from '../regions/scope';
import { holds } from '../sections';
import { FormErrorAlert, LoadError } from '../people/shared/ErrorAlert';
import { queryString, write } from '../people/shared/http';
import { today, useScopedHref } from '../people/shared/links';
import { PageHeading } from '../people/shared/PageHeading';
import { PersonPicker } from '../people/shared/PersonPicker';
import { RegionName } from '../people/shared/regionNames';
import { useApi } from '../people/shared/useApi';
import {
  HOUSEHOLD_RELATIONS,
  type Household,
  type HouseholdMember,
  type HouseholdRelation,
} from '../people/types';
import { useModalForm } from '../registry/useModalForm';

const DATE = 'YYYY-MM-DD';

/** 家庭户详情: the household on a date with its members past and present. */
export default function HouseholdDetailPage() {
  const { id } = useParams();
  const t = useT();
  const me = useMe();
  const href = useScopedHref();
  const [on, setOn] = useState<string>(today());
  const {
    data: household,
    error,
    loading,
    reload,
  } = useApi<Household>(`/api/households/${id}${on === today() ? '' : queryString({ on })}`);
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<HouseholdMember | null>(null);
  const canWrite = holds(me, 'people.write');

  if (error && !household) return <LoadError error={error} onRetry={reload} />;
  if (!household) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const columns: TableColumnsType<HouseholdMember> = [
    {
      title: t('people.name'),
      key: 'name',
      render: (_value, member) =>
        member.person ? (
          <Link to={href(`/people/${member.person.id}`)}>{member.person.name}</Link>
        ) : (
          <Typography.Text type="secondary">{t('people.outsideScope')}</Typography.Text>
        ),
    },
    {
      title: t('households.relation'),
      dataIndex: 'relation',
      key: 'relation',
      width: 100,
      render: (value: HouseholdRelation) =>
        value === 'head' ? (
          <Tag color="blue">{t(`households.relation.${value}`)}</Tag>
        ) : (
          t(`households.relation.${value}`)
        ),
    },
    {
      title: t('people.sex'),
      key: 'sex',
      width: 70,
      render: (_value, member) => (member.person ? t(`people.sex.${member.person.sex}`) : '—'),
    },
    {
      title: t('households.ageOn'),
      key: 'age',
      width: 90,
      render: (_value, member) => {
        if (!member.person) return '—';
        const age = member.person.age;
        return (
          <Space size={4}>
            {t('people.ageValue', { age })}
            {age >= 60 && <Tag color="orange">{t('households.elderTag')}</Tag>}
            {age < 3 && <Tag color="cyan">{t('households.youngChildTag')}</Tag>}
          </Space>
        );
      },
    },
    {
      title: t('households.period'),
      key: 'period',
      width: 220,
      render: (_value, member) => `${member.joinedOn} ~ ${member.leftOn ?? t('households.now')}`,
    },
    {
      title: t('registry.status'),
      key: 'live',
      width: 90,
      render: (_value, member) =>
        member.live ? (
          <Tag color="green">{t('households.current')}</Tag>
        ) : (
          <Tag>{t('households.former')}</Tag>
        ),
    },
    ...(canWrite
      ? [
          {
            title: t('registry.actions'),
            key: 'actions',
            width: 100,
            render: (_value: unknown, member: HouseholdMember) =>
              member.person && (member.leftOn === null || member.leftOn > today()) ? (
                <Button type="link" size="small" onClick={() => setLeaving(member)}>
                  {t('households.leave')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="household-detail" aria-busy={loading}>
      <PageHeading
        title={household.address ?? t('households.numbered', { id: household.id })}
        crumbs={[{ label: t('nav.households'), to: '/households' }]}
        tags={
          household.hasElderAndYoungChild ? (
            <Tag color="magenta">{t('households.yiLaoYiXiao')}</Tag>
          ) : undefined
        }
        extra={
          <Space>
            <Typography.Text type="secondary">{t('households.on')}</Typography.Text>
            <DatePicker
              allowClear={false}
              value={dayjs(on)}
              onChange={(value) => value && setOn(value.format(DATE))}
            />
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('households.number')}>#{household.id}</Descriptions.Item>
          <Descriptions.Item label={t('people.region')}>
            <RegionName code={household.regionCode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('households.address')}>{household.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('households.members')}>{household.memberCount}</Descriptions.Item>
          <Descriptions.Item label={t('households.elders')}>{household.elderCount}</Descriptions.Item>
          <Descriptions.Item label={t('households.youngChildren')}>
            {household.youngChildCount}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('households.memberHistory')}
        extra={
          canWrite && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('households.addMember')}
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<HouseholdMember>
          data-testid="household-members"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={household.members}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        />
      </Card>
      {adding && (
        <AddMemberModal
          household={household}
          onClose={(changed) => {
            setAdding(false);
            if (changed) reload();
          }}
        />
      )}
      {leaving && (
        <LeaveModal
          household={household}
          member={leaving}
          onClose={(changed) => {
            setLeaving(null);
            if (changed) reload();
          }}
        />
      )}
    </div>
  );
}

interface MemberValues {
  personId: number;
  relation: HouseholdRelation;
  joinedOn?: Dayjs | null;
}

function AddMemberModal({
  household,
  onClose,
}: {
  household: Household;
  onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const { roots } = useRegionScope();
  const modal = useModalForm<MemberValues>(
    (values) =>
      write.post(`/api/households/${household.id}/members`, {
        personId: values.personId,
        relation: values.relation,
        ...(values.joinedOn && { joinedOn: values.joinedOn.format(DATE) }),
      }),
    onClose,
    t('registry.saved'),
  );
  return (
    <Modal
      open
      title={t('households.addMember')}
      onCancel={() => onClose(false)}
      onOk={() => void modal.submit()}
      okText={t('registry.save')}
      cancelText={t('registry.cancel')}
      confirmLoading={modal.submitting}
      destroyOnHidden
    >
      <FormErrorAlert value={modal.failure} onClose={modal.clearFailure} />
      <Form form={modal.form} layout="vertical" onValuesChange={modal.clearFailure}>
        <Form.Item
          name="personId"
          label={t('households.member')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <PersonPicker
            region={roots?.[0]?.code ?? null}
            exclude={household.members
              .filter((member) => member.live && member.person)
              .map((member) => member.person!.id)}
          />
        </Form.Item>
        <Form.Item
          name="relation"
          label={t('households.relation')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <Select
            options={HOUSEHOLD_RELATIONS.map((value) => ({
              value,
              label: t(`households.relation.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('households.joinedOn')}>
          <DatePicker style={{ width: '100%' }} placeholder={t('households.todayDefault')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LeaveModal({
  household,
  member,
  onClose,
}: {
  household: Household;
  member: HouseholdMember;
  onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const modal = useModalForm<{ on: Dayjs }>(
    (values) =>
      write.delete(
        `/api/households/${household.id}/members/${member.person!.id}${queryString({ on: values.on.format(DATE) })}`,
      ),
    onClose,
    t('registry.saved'),
  );
  return (
    <Modal
      open
      title={t('households.leaveTitle', { name: member.person?.name ?? '' })}
      onCancel={() => onClose(false)}
      onOk={() => void modal.submit()}
      okText={t('households.leave')}
      cancelText={t('registry.cancel')}
      confirmLoading={modal.submitting}
      destroyOnHidden
    >
      <FormErrorAlert value={modal.failure} onClose={modal.clearFailure} />
      <Form
        form={modal.form}
        layout="vertical"
        initialValues={{ on: dayjs() }}
        onValuesChange={modal.clearFailure}
      >
        <Form.Item
          name="on"
          label={t('households.leftOn')}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(date) => date.format(DATE) < member.joinedOn}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
