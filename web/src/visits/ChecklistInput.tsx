import { Radio } from 'antd';
import { useT } from '../i18n';
import { CHECK_VALUES, type CheckValue, type ChecklistItem } from './api';

/** One checklist line: three big buttons (ok / concern / not checked) that fit a phone's width. */
export function ChecklistInput({
  item,
  value,
  onChange,
}: {
  item: ChecklistItem;
  value?: CheckValue;
  onChange?: (value: CheckValue) => void;
}) {
  const t = useT();
  return (
    <Radio.Group
      className="visits-check"
      optionType="button"
      buttonStyle="solid"
      size="large"
      value={value}
      onChange={(event) => onChange?.(event.target.value as CheckValue)}
      data-testid={`visits-check-${item}`}
    >
      {CHECK_VALUES.map((option) => (
        <Radio.Button
          key={option}
          value={option}
          className={`visits-check-${option}`}
          data-testid={`visits-check-${item}-${option}`}
        >
          {t(`visits.check.${option}`)}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}
