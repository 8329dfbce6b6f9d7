import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT, type Translate } from '../i18n';
import { fieldValue, optionLabel, type FieldSpec, type SectionSpec } from './fieldSpec';

const EMPTY = <Typography.Text type="secondary">—</Typography.Text>;

function formatRange(value: unknown, t: Translate): ReactNode {
  if (!value || typeof value !== 'object') return EMPTY;
  const { min, max } = value as { min?: unknown; max?: unknown };
  if (typeof min !== 'number' || typeof max !== 'number') return EMPTY;
  return t('filing.range.value', { min: min.toLocaleString(), max: max.toLocaleString() });
}

export function formatFieldValue(field: FieldSpec, value: unknown, t: Translate): ReactNode {
  if (value === undefined || value === null || value === '') {
    if (field.kind === 'multi') return t('filing.none');
    return EMPTY;
  }
  switch (field.kind) {
    case 'bool':
    case 'optionalBool':
      return value === true ? t('filing.yes') : t('filing.no');
    case 'enum':
      return optionLabel(t, field.enumName!, String(value));
    case 'multi':
      return Array.isArray(value) && value.length > 0
        ? value.map((item) => optionLabel(t, field.enumName!, String(item))).join(t('filing.listSeparator'))
        : t('filing.none');
    case 'range':
    case 'optionalRange':
      return formatRange(value, t);
    case 'area':
      return `${Number(value).toLocaleString()} m²`;
    case 'retention':
      return `${String(value)} ${t('filing.unit.days')}`;
    case 'years':
      return `${String(value)} ${t('filing.unit.years')}`;
    case 'count':
      return Number(value).toLocaleString();
    default:
      return String(value);
  }
}

/** The filed fields, read-only, in the sections of the form. */
export function FilingFieldsView({
  sections,
  fields,
}: {
  sections: SectionSpec[];
  fields: Record<string, unknown>;
}) {
  const t = useT();
  return (
    <div data-testid="filing-fields">
      {sections.map((section) => (
        <Descriptions
          key={section.key}
          title={t(section.titleKey)}
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          style={{ marginBottom: 16 }}
          items={section.fields.map((field) => ({
            key: field.path.join('.'),
            label: t(field.labelKey),
            span: field.wide ? ('filled' as const) : 1,
            children: (
              <span data-testid={`value-${field.path.join('.')}`}>
                {formatFieldValue(field, fieldValue(fields, field.path), t)}
              </span>
            ),
          }))}
        />
      ))}
    </div>
  );
}
