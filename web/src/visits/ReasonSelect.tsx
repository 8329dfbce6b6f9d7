import { Select } from 'antd';
import { useT } from '../i18n';

/** A reason code for a flag (off-site or off-schedule), by its label; used in the visit form and afterwards. */
export function ReasonSelect<C extends string>({
  codes,
  prefix,
  value,
  onChange,
  allowClear,
  testId,
}: {
  codes: readonly C[];
  prefix: 'visits.offSchedule' | 'visits.offSite';
  value?: C;
  onChange?: (value: C) => void;
  allowClear?: boolean;
  testId?: string;
}) {
  const t = useT();
  return (
    <Select<C>
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={t('visits.form.reasonPlaceholder')}
      data-testid={testId}
      options={codes.map((code) => ({
        value: code,
        label: t(`${prefix}.${code}` as 'visits.offSite.other'),
      }))}
    />
  );
}
