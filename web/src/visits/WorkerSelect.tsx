import { Select } from 'antd';
import { useT } from '../i18n';
import { useApi } from '../people/shared/useApi';
import { paths, type Worker } from './api';

/** The community workers of a region (and its subtree), as a form control holding an account id. */
export function WorkerSelect({
  regionCode,
  value,
  onChange,
}: {
  regionCode: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
}) {
  const t = useT();
  const { data, loading } = useApi<{ items: Worker[] }>(paths.workers({ regionCode }));
  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      loading={loading}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={t('visits.roster.chooseWorker')}
      options={(data?.items ?? []).map((worker) => ({ value: worker.accountId, label: worker.name }))}
      data-testid="visits-worker-select"
    />
  );
}
