import { isApiError } from '../api/client';
import type { MessageKey } from '../i18n';
import { ErrorAlert } from '../people/shared/ErrorAlert';
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
  if (!value) return null;
  return <ErrorAlert error={value.error} unplaced={value.unplaced} onClose={onClose} testId={testId} />;
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
