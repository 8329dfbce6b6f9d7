import { Col, Form, Input, Row, Select } from 'antd';
import {
  ContactPersonName,
  ContactPhone,
  OrganisationAddress,
  OrganisationName,
  UsccText,
} from '../../../src/domains/providers/organisation-fields';
import { useT } from '../i18n';
import { write } from '../people/shared/http';
import { RegionPicker } from '../people/shared/RegionPicker';
import { EditDrawer } from '../registry/EditDrawer';
import { ORGANISATION_TYPES, OWNERSHIPS, type Organisation } from './types';
import { zodRule } from './zodRule';

interface Values {
  name: string;
  uscc: string;
  regionCode: string;
  organisationType: Organisation['organisationType'];
  ownership: Organisation['ownership'];
  legalPerson: string;
  contactName: string;
  contactPhone: string;
  address: string;
}

const REGISTRATION = ['name', 'uscc', 'regionCode', 'organisationType', 'ownership'] as const;
const CONTACTS = ['legalPerson', 'contactName', 'contactPhone', 'address'] as const;

const valuesOf = (organisation: Organisation): Values => ({
  name: organisation.name,
  uscc: organisation.uscc,
  regionCode: organisation.regionCode,
  organisationType: organisation.organisationType,
  ownership: organisation.ownership,
  legalPerson: organisation.legalPerson ?? '',
  contactName: organisation.contactName ?? '',
  contactPhone: organisation.contactPhone ?? '',
  address: organisation.address ?? '',
});

/** The API's form of a field: text trimmed, an emptied contact field cleared (null). */
const sent = (value: string | null | undefined) => {
  const text = value?.trim();
  return text ? text : null;
};

/**
 * 编辑机构信息: a government user changes registration and contacts (PATCH /api/organisations/:id), a provider its
 * own contacts (PATCH /api/provider/organisations/:id). Only the changed fields are sent; the server's field errors
 * land on the inputs.
 */
export function OrganisationEditDrawer({
  organisation,
  government,
  onClose,
}: {
  organisation: Organisation;
  government: boolean;
  onClose: (saved: Organisation | null) => void;
}) {
  const t = useT();
  const fields = government ? [...REGISTRATION, ...CONTACTS] : CONTACTS;
  const before = valuesOf(organisation);

  const text = (
    name: keyof Values,
    label: string,
    schema: Parameters<typeof zodRule>[0],
    rule: string,
    required = false,
  ) => (
    <Form.Item
      name={name}
      label={label}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: t('registry.rule.required') }] : []),
        zodRule(schema, rule),
      ]}
    >
      <Input autoComplete="off" data-testid={`organisation-field-${name}`} />
    </Form.Item>
  );

  return (
    <EditDrawer<Values, Organisation>
      testId="organisation"
      width={640}
      title={t('providers.editOrganisation')}
      hint={government ? t('providers.editHistoryHint') : t('providers.editContactsHint')}
      initialValues={before}
      changes={(values) =>
        Object.fromEntries(
          fields
            .filter((field) => sent(String(values[field] ?? '')) !== sent(String(before[field] ?? '')))
            .map((field) => [field, sent(String(values[field] ?? ''))]),
        )
      }
      save={(patch) =>
        write.patch<Organisation>(
          `${government ? '/api' : '/api/provider'}/organisations/${organisation.id}`,
          patch,
        )
      }
      savedText={(saved) => t('providers.organisationSaved', { name: saved.name })}
      onClose={onClose}
    >
      <Row gutter={16}>
        {government && (
          <>
            <Col span={24}>
              {text(
                'name',
                t('providers.organisationName'),
                OrganisationName,
                t('providers.rule.name'),
                true,
              )}
            </Col>
            <Col span={12}>{text('uscc', t('providers.uscc'), UsccText, t('providers.rule.uscc'), true)}</Col>
            <Col span={12}>
              <Form.Item
                name="regionCode"
                label={t('people.region')}
                rules={[{ required: true, message: t('registry.rule.required') }]}
              >
                <RegionPicker testId="organisation-field-regionCode" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="organisationType" label={t('providers.organisationType')}>
                <Select
                  options={ORGANISATION_TYPES.map((value) => ({
                    value,
                    label: t(`providers.orgType.${value}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="ownership" label={t('providers.ownership')}>
                <Select
                  options={OWNERSHIPS.map((value) => ({ value, label: t(`providers.ownership.${value}`) }))}
                />
              </Form.Item>
            </Col>
          </>
        )}
        <Col span={12}>
          {text('legalPerson', t('providers.legalPerson'), ContactPersonName, t('providers.rule.personName'))}
        </Col>
        <Col span={12}>
          {text('contactName', t('providers.contactName'), ContactPersonName, t('providers.rule.personName'))}
        </Col>
        <Col span={12}>
          {text('contactPhone', t('providers.contactPhone'), ContactPhone, t('providers.rule.phone'))}
        </Col>
        <Col span={24}>
          {text('address', t('providers.address'), OrganisationAddress, t('providers.rule.address'))}
        </Col>
      </Row>
    </EditDrawer>
  );
}
