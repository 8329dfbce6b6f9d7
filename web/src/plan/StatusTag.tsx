import { Tag, Tooltip } from 'antd';
import { useT } from '../i18n';
import type { Status } from './api';
import { STATUS_TAG } from './format';

export function StatusTag({ status }: { status: Status }) {
  const t = useT();
  const tag = (
    <Tag color={STATUS_TAG[status]} data-testid="plan-status" data-status={status} className="plan-status">
      {t(`plan.status.${status}`)}
    </Tag>
  );
  return status === 'not_applicable' ? (
    <Tooltip title={t('plan.statusHint.not_applicable')}>{tag}</Tooltip>
  ) : (
    tag
  );
}
