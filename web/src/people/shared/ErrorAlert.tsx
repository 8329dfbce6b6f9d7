import { Alert, Button, Result } from 'antd';
import { isApiError } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import type { UnplacedErrors } from './formErrors';

/** The server's message (in the current language) and, for support, its request id. */
export function ErrorAlert({
  error,
  unplaced = [],
  onClose,
  onRetry,
  testId = 'form-error',
}: {
  error: Error;
  unplaced?: string[];
  onClose?: () => void;
  /** For a list that could not load: a retry button beside the message. */
  onRetry?: () => void;
  testId?: string;
}) {
  const { pick } = useLocale();
  const t = useT();
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
      action={onRetry && <Button onClick={onRetry}>{t('app.retry')}</Button>}
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
                {t('registry.requestId', { id: api.requestId })}
              </div>
            )}
          </>
        ) : undefined
      }
    />
  );
}

export function FormErrorAlert({ value, onClose }: { value: UnplacedErrors | null; onClose: () => void }) {
  if (!value) return null;
  return <ErrorAlert error={value.error} unplaced={value.unplaced} onClose={onClose} />;
}

/** A page that could not load: 404 for records out of scope or absent, a warning otherwise, with a retry. */
export function LoadError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { pick } = useLocale();
  const t = useT();
  const api = isApiError(error) ? error : null;
  return (
    <Result
      status={api?.status === 404 ? '404' : api?.status === 403 ? '403' : 'warning'}
      title={api?.status === 404 ? t('registry.notFound') : t('app.loadFailed')}
      subTitle={api ? pick(api.messages) : error.message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
