import { Alert } from 'antd';
import { isApiError } from '../api/client';
import { useLocale, useT, type MessageKey } from '../i18n';
import type { UnplacedErrors } from '../people/shared/formErrors';
import { DOCUMENT_TYPES } from './api';

/**
 * A failed request above a form: the server's message and every field message that found no input (a missing
 * document, a rule across several fields). Nothing the server said is hidden.
 */
export function ServerErrorAlert({
  value,
  onClose,
  testId = 'filing-error',
}: {
  value: UnplacedErrors | null;
  onClose?: () => void;
  testId?: string;
}) {
  const { pick } = useLocale();
  const t = useT();
  if (!value) return null;
  const { error, unplaced } = value;
  const api = isApiError(error) ? error : null;
  return (
    <Alert
      type="error"
      showIcon
      closable={!!onClose}
      onClose={onClose}
      data-testid={testId}
      data-error-code={api?.code}
      style={{ marginBottom: 16 }}
      message={api ? pick(api.messages) : error.message}
      description={
        unplaced.length > 0 || api?.requestId ? (
          <>
            {unplaced.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
                {unplaced.map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
              </ul>
            )}
            {api?.requestId && (
              <div style={{ fontSize: '0.85em', opacity: 0.65 }}>
                {t('filing.requestId', { id: api.requestId })}
              </div>
            )}
          </>
        ) : undefined
      }
    />
  );
}

/** Field messages of a refused submission, each named: "备案书：缺少必需的材料". */
export function describeSubmitProblems(
  error: unknown,
  pick: (text: { 'zh-CN': string; 'en-US': string }) => string,
  t: (key: MessageKey, vars?: Record<string, string>) => string,
): string[] {
  if (!isApiError(error)) return [];
  return error.fields.map((field) => {
    const [head, type] = field.path.replace(/^body\./, '').split('.');
    if (head === 'documents' && (DOCUMENT_TYPES as readonly string[]).includes(type)) {
      const label = t(`filing.doc.${type as (typeof DOCUMENT_TYPES)[number]}`);
      return t('filing.labelled', { label, message: pick(field.message) });
    }
    return pick(field.message);
  });
}
