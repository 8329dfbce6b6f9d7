import type { FormInstance } from 'antd';
import { isApiError, type ApiError } from '../../api/client';
import type { LocalizedText } from '../../api/types';

/** `body.idNumber` → ['idNumber']; `body.figures.3.count` → ['figures', 3, 'count']; `querystring.on` → ['on']. */
export function fieldNamePath(path: string): (string | number)[] {
  const parts = path.split('.');
  if (['body', 'querystring', 'query', 'params'].includes(parts[0])) parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export interface UnplacedErrors {
  error: ApiError | Error;
  /** Field messages that name no input of the form. */
  unplaced: string[];
}

/**
 * Shows a failed request's field errors on the form's inputs. Returns what could not be placed on an input (the
 * whole error when it carries no field errors), for an Alert above the form: nothing the server said is hidden.
 */
export function applyServerErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  pick: (text: LocalizedText) => string,
  options: { rename?: Record<string, string> } = {},
): UnplacedErrors | null {
  if (!isApiError(error)) return { error: error as Error, unplaced: [] };
  const registered = new Set(form.getFieldsError().map((entry) => entry.name.join('.')));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const field of error.fields) {
    const raw = fieldNamePath(field.path).join('.');
    const name = fieldNamePath(options.rename?.[raw] ?? raw);
    const key = name.join('.');
    if (!registered.has(key)) {
      unplaced.push(pick(field.message));
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(pick(field.message));
    byField.set(key, entry);
  }
  if (byField.size > 0) {
    form.setFields(
      [...byField.values()].map(({ name, errors }) => ({ name, errors })) as unknown as Parameters<
        FormInstance<T>['setFields']
      >[0],
    );
  }
  // A 400 whose every field error landed on an input needs no banner; anything else does.
  if (byField.size > 0 && unplaced.length === 0) return null;
  return { error, unplaced };
}
