import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { downloadFile } from './download';

type Params = Record<string, string | number | boolean | null | undefined>;

export interface ExportButtonProps extends Omit<ButtonProps, 'onClick' | 'loading' | 'href'> {
  /** The export, e.g. `/api/export/people.xlsx`. */
  path: string;
  /** The page's current filters (region, type, status …); empty values are left out. */
  params?: Params;
  /** Used when the server does not name the file. */
  fileName?: string;
  label?: string;
}

function withParams(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/**
 * 导出 Excel: downloads GET /api/export/… with the page's current filters. Any list page can drop one in:
 * `<ExportButton path="/api/export/people.xlsx" params={{ region, status }} />`.
 */
export function ExportButton({ path, params, fileName, label, ...buttonProps }: ExportButtonProps) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const fallback = fileName ?? path.split('/').pop() ?? 'export.xlsx';

  const onClick = async () => {
    setBusy(true);
    try {
      await downloadFile(withParams(path, params), fallback);
    } catch (error) {
      void message.error(isApiError(error) ? pick(error.messages) : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      icon={<DownloadOutlined />}
      data-testid="export-button"
      {...buttonProps}
      loading={busy}
      onClick={() => void onClick()}
    >
      {label ?? t('intake.export')}
    </Button>
  );
}
