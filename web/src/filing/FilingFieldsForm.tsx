import {
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  type FormRule,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useT, type Translate } from '../i18n';
import type { FacilityType } from './api';
import { ENUMS, maxPlacesFor, minBedsFor, optionLabel, type FieldSpec, type SectionSpec } from './fieldSpec';

/** Form values hold the filed fields under `fields`, so a server error at `body.fields.beds.total` finds its input. */
export const FIELDS = 'fields';

type NamePath = (string | number)[];
type GetValue = (name: NamePath) => unknown;

const PLACE_KEYS = ['infant', 'youngToddler', 'olderToddler', 'mixed'];

function numberRules(t: Translate, min: number, max: number, integer: boolean): FormRule[] {
  return [
    {
      validator: async (_rule, value: unknown) => {
        if (value === null || value === undefined || value === '') return;
        const n = Number(value);
        if (integer && !Number.isInteger(n)) throw new Error(t('filing.rule.integer'));
        if (n < min || n > max) throw new Error(t('filing.rule.between', { min, max }));
      },
    },
  ];
}

function rulesFor(field: FieldSpec, t: Translate, facilityType: FacilityType | undefined): FormRule[] {
  const required: FormRule = { required: true, message: t('filing.rule.required') };
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return [
        { ...required, whitespace: true },
        { max: field.max, message: t('filing.rule.maxLength', { max: field.max ?? 0 }) },
      ];
    case 'optionalText':
      return [{ max: field.max, message: t('filing.rule.maxLength', { max: field.max ?? 0 }) }];
    case 'area':
      return [
        required,
        {
          validator: async (_rule, value: unknown) => {
            if (value === null || value === undefined) return;
            if (Number(value) <= 0 || Number(value) > 10_000_000) throw new Error(t('filing.rule.positive'));
          },
        },
      ];
    case 'count': {
      const rules: FormRule[] = [required, ...numberRules(t, 0, 100_000, true)];
      const group = field.path[0];
      if (group === 'beds' && (field.path[1] === 'nursingType' || field.path[1] === 'fullCare')) {
        rules.push(({ getFieldValue }) => ({
          validator: async (_rule, value: unknown) => {
            const total = getFieldValue([FIELDS, 'beds', 'total']) as number | null;
            if (typeof value === 'number' && typeof total === 'number' && value > total) {
              throw new Error(t('filing.rule.bedsExceedTotal'));
            }
          },
        }));
      }
      if (group === 'beds' && field.path[1] === 'total') {
        const minimum = minBedsFor(facilityType);
        if (minimum !== null) {
          rules.push({
            validator: async (_rule, value: unknown) => {
              if (typeof value === 'number' && value < minimum)
                throw new Error(t('filing.rule.minBeds', { min: minimum }));
            },
          });
        }
      }
      if (group === 'places' && field.path[1] === 'infant') {
        const maximum = maxPlacesFor(facilityType);
        rules.push(({ getFieldValue }) => ({
          validator: async () => {
            const sum = PLACE_KEYS.reduce((total, key) => {
              const value = getFieldValue([FIELDS, 'places', key]) as unknown;
              return total + (typeof value === 'number' ? value : 0);
            }, 0);
            if (sum === 0) throw new Error(t('filing.rule.somePlaces'));
            if (maximum !== null && sum > maximum)
              throw new Error(t('filing.rule.maxPlaces', { max: maximum }));
          },
        }));
      }
      return rules;
    }
    case 'enum':
    case 'date':
      return [required];
    case 'multi': {
      const rules: FormRule[] = [];
      if (field.minItems) {
        rules.push({ type: 'array', min: field.minItems, message: t('filing.rule.chooseOne') });
      }
      if (field.maxItems) {
        rules.push({
          type: 'array',
          max: field.maxItems,
          message: t('filing.rule.maxItems', { max: field.maxItems }),
        });
      }
      return rules;
    }
    case 'star':
      return numberRules(t, 1, 5, true);
    case 'years':
      return [
        ...numberRules(t, 0, 100, false),
        ({ getFieldValue }) => ({
          validator: async (_rule, value: unknown) => {
            const tenure = getFieldValue([FIELDS, 'premises', 'tenure']) as string | undefined;
            if (tenure && tenure !== 'owned' && (typeof value !== 'number' || value < 3)) {
              throw new Error(t('filing.rule.leaseYears'));
            }
          },
        }),
      ];
    case 'retention':
      return [required, ...numberRules(t, 90, 3650, true)];
    default:
      return [];
  }
}

function RangeInput({ field, label, optional }: { field: FieldSpec; label: string; optional: boolean }) {
  const t = useT();
  const base = [FIELDS, ...field.path];
  const partRules = (part: 'min' | 'max'): FormRule[] => [
    ...(optional
      ? [
          ({ getFieldValue }: { getFieldValue: GetValue }) => ({
            validator: async (_rule: unknown, value: unknown) => {
              const other = getFieldValue([...base, part === 'min' ? 'max' : 'min']);
              const blank = value === null || value === undefined;
              const otherBlank = other === null || other === undefined;
              if (blank && !otherBlank) throw new Error(t('filing.rule.rangeBoth'));
            },
          }),
        ]
      : [{ required: true, message: t('filing.rule.required') }]),
    ...numberRules(t, 0, 10_000_000, false),
    ...(part === 'max'
      ? [
          ({ getFieldValue }: { getFieldValue: GetValue }) => ({
            validator: async (_rule: unknown, value: unknown) => {
              const min = getFieldValue([...base, 'min']);
              if (typeof min === 'number' && typeof value === 'number' && min > value) {
                throw new Error(t('filing.rule.minNotAboveMax'));
              }
            },
          }),
        ]
      : []),
  ];
  return (
    <Form.Item label={label} required={!optional} style={{ marginBottom: 0 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Form.Item
          name={[...base, 'min']}
          rules={partRules('min')}
          style={{ flex: 1 }}
          dependencies={[[...base, 'max']]}
        >
          <InputNumber
            style={{ width: '100%' }}
            min={0}
            placeholder={t('filing.range.min')}
            addonAfter={t('filing.unit.yuan')}
            data-testid={`field-${field.path.join('.')}.min`}
          />
        </Form.Item>
        <span style={{ lineHeight: '32px' }}>–</span>
        <Form.Item
          name={[...base, 'max']}
          rules={partRules('max')}
          style={{ flex: 1 }}
          dependencies={[[...base, 'min']]}
        >
          <InputNumber
            style={{ width: '100%' }}
            min={0}
            placeholder={t('filing.range.max')}
            addonAfter={t('filing.unit.yuan')}
            data-testid={`field-${field.path.join('.')}.max`}
          />
        </Form.Item>
      </div>
    </Form.Item>
  );
}

function FieldInput({ field, facilityType }: { field: FieldSpec; facilityType: FacilityType | undefined }) {
  const t = useT();
  const label = t(field.labelKey);
  const name = [FIELDS, ...field.path];
  const testId = `field-${field.path.join('.')}`;
  const help = field.helpKey ? t(field.helpKey) : undefined;
  const options = field.enumName
    ? ENUMS[field.enumName].map((value) => ({ value, label: optionLabel(t, field.enumName!, value) }))
    : [];
  const common = { name, label, rules: rulesFor(field, t, facilityType), extra: help };

  let input: ReactNode;
  switch (field.kind) {
    case 'range':
    case 'optionalRange':
      return <RangeInput field={field} label={label} optional={field.kind === 'optionalRange'} />;
    case 'text':
    case 'optionalText':
      input = <Input maxLength={field.max} data-testid={testId} />;
      break;
    case 'textarea':
      input = (
        <Input.TextArea maxLength={field.max} showCount autoSize={{ minRows: 3 }} data-testid={testId} />
      );
      break;
    case 'area':
      input = <InputNumber style={{ width: '100%' }} min={0} addonAfter="m²" data-testid={testId} />;
      break;
    case 'count':
      input = <InputNumber style={{ width: '100%' }} min={0} precision={0} data-testid={testId} />;
      break;
    case 'retention':
      input = (
        <InputNumber
          style={{ width: '100%' }}
          min={0}
          precision={0}
          addonAfter={t('filing.unit.days')}
          data-testid={testId}
        />
      );
      break;
    case 'years':
      input = (
        <InputNumber
          style={{ width: '100%' }}
          min={0}
          addonAfter={t('filing.unit.years')}
          data-testid={testId}
        />
      );
      break;
    case 'star':
      input = <InputNumber style={{ width: '100%' }} min={1} max={5} precision={0} data-testid={testId} />;
      break;
    case 'enum':
      input =
        options.length <= 3 ? (
          <Radio.Group options={options} data-testid={testId} />
        ) : (
          <Select options={options} data-testid={testId} />
        );
      if (options.length <= 3 && options.some((option) => option.label.length > 6)) {
        input = <Select options={options} data-testid={testId} />;
      }
      break;
    case 'multi':
      input = <Checkbox.Group options={options} data-testid={testId} />;
      break;
    case 'bool':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch checkedChildren={t('filing.yes')} unCheckedChildren={t('filing.no')} data-testid={testId} />
        </Form.Item>
      );
    case 'optionalBool':
      input = (
        <Select
          allowClear
          options={[
            { value: true, label: t('filing.yes') },
            { value: false, label: t('filing.no') },
          ]}
          data-testid={testId}
        />
      );
      break;
    case 'date':
    case 'optionalDate':
      return (
        <Form.Item
          {...common}
          getValueProps={(value: string | null | undefined) => ({ value: value ? dayjs(value) : null })}
          normalize={(value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
        >
          <DatePicker style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
  }
  return <Form.Item {...common}>{input}</Form.Item>;
}

/** The inputs of a filing's fields for a domain and kind, in cards by section. Use inside a <Form>. */
export function FilingFieldsInputs({
  sections,
  facilityType,
}: {
  sections: SectionSpec[];
  facilityType: FacilityType | undefined;
}) {
  const t = useT();
  return (
    <>
      {sections.map((section) => (
        <Card
          key={section.key}
          size="small"
          title={t(section.titleKey)}
          style={{ marginBottom: 16 }}
          data-testid={`filing-section-${section.key}`}
        >
          <Row gutter={24}>
            {section.fields.map((field) => (
              <Col
                key={field.path.join('.')}
                xs={24}
                md={field.wide ? 24 : 12}
                xl={field.wide ? 24 : ['range', 'optionalRange', 'text'].includes(field.kind) ? 12 : 8}
              >
                <FieldInput field={field} facilityType={facilityType} />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </>
  );
}
