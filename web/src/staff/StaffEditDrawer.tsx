import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EmploymentDate, StaffName } from '../../../src/domains/staff/staff-fields';
import { useT } from '../i18n';
import { queryString, write } from '../people/shared/http';
import { useApi } from '../people/shared/useApi';
import type { Facility } from '../providers/types';
import { zodRule } from '../providers/zodRule';
import { EditDrawer } from '../registry/EditDrawer';
import { STAFF_ROLES, type StaffMember, type StaffRole } from './types';

interface Values {
  name: string;
  role: StaffRole;
  /** 0: no particular facility (a Select cannot hold null as an option's value). */
  facilityId: number;
  employedFrom: Dayjs | null;
  employedTo: Dayjs | null;
}

const DATE = 'YYYY-MM-DD';
const asDate = (value: Dayjs | null | undefined) => (value ? value.format(DATE) : null);

/**
 * 编辑人员信息: a provider's administrator changes a member's name, role, facility or employment dates
 * (PATCH /api/provider/staff/:id). Only the changed fields are sent; the server's field errors land on the inputs.
 */
export function StaffEditDrawer({
  member,
  onClose,
}: {
  member: StaffMember;
  onClose: (saved: StaffMember | null) => void;
}) {
  const t = useT();
  const facilities = useApi<{ facilities: Facility[] }>(
    `/api/provider/facilities${queryString({ organisationId: member.organisationId, pageSize: 200 })}`,
  );

  const changes = (values: Values) => {
    const after = {
      name: values.name.trim(),
      role: values.role,
      facilityId: values.facilityId === 0 ? null : values.facilityId,
      employedFrom: asDate(values.employedFrom),
      employedTo: asDate(values.employedTo),
    };
    const before = {
      name: member.name,
      role: member.role,
      facilityId: member.facilityId,
      employedFrom: member.employedFrom,
      employedTo: member.employedTo,
    };
    return Object.fromEntries(
      Object.entries(after).filter(([key, value]) => before[key as keyof typeof before] !== value),
    );
  };

  const dateRule = {
    validator: async (_rule: unknown, value?: Dayjs | null) => {
      if (value && !EmploymentDate.safeParse(value.format(DATE)).success)
        throw new Error(t('staff.rule.date'));
    },
  };

  return (
    <EditDrawer<Values, StaffMember>
      testId="staff"
      width={560}
      title={t('staff.edit')}
      hint={t('providers.editHistoryHint')}
      initialValues={{
        name: member.name,
        role: member.role,
        facilityId: member.facilityId ?? 0,
        employedFrom: dayjs(member.employedFrom),
        employedTo: member.employedTo ? dayjs(member.employedTo) : null,
      }}
      changes={changes}
      save={(patch) => write.patch<StaffMember>(`/api/provider/staff/${member.id}`, patch)}
      savedText={(saved) => t('staff.saved', { name: saved.name })}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('staff.name')}
            rules={[
              { required: true, whitespace: true, message: t('registry.rule.required') },
              zodRule(StaffName, t('staff.rule.name')),
            ]}
          >
            <Input autoComplete="off" data-testid="staff-field-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="role" label={t('staff.role')} rules={[{ required: true }]}>
            <Select
              data-testid="staff-field-role"
              options={STAFF_ROLES.map((value) => ({ value, label: t(`staff.role.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="facilityId" label={t('staff.facility')}>
            <Select
              loading={facilities.loading}
              options={[
                { value: 0, label: t('staff.noFacility') },
                ...(facilities.data?.facilities ?? []).map((facility) => ({
                  value: facility.id,
                  label: facility.name,
                })),
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="employedFrom"
            label={t('staff.employedFrom')}
            rules={[{ required: true, message: t('registry.rule.required') }, dateRule]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="staff-field-employedFrom" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="employedTo"
            label={t('staff.employedTo')}
            dependencies={['employedFrom']}
            rules={[
              dateRule,
              ({ getFieldValue }) => ({
                validator: async (_rule, value?: Dayjs | null) => {
                  const from = getFieldValue('employedFrom') as Dayjs | null;
                  if (value && from && value.isBefore(from, 'day'))
                    throw new Error(t('staff.rule.leavingBeforeStart'));
                },
              }),
            ]}
          >
            <DatePicker
              allowClear
              placeholder={t('staff.stillEmployed')}
              style={{ width: '100%' }}
              data-testid="staff-field-employedTo"
            />
          </Form.Item>
        </Col>
      </Row>
    </EditDrawer>
  );
}
