/** One field of a record that an edit changed, both values as text (null: the field was empty). */
export interface FieldChange<F extends string> {
  field: F;
  oldValue: string | null;
  newValue: string | null;
}

const asText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/**
 * The fields that differ between a record before and after an edit, in the order of `columns`. A field sent with its
 * current value is no change: a history shows what changed, not what was submitted.
 */
export function fieldChanges<F extends string, R>(
  columns: readonly (readonly [F, keyof R])[],
  before: R,
  after: R,
): FieldChange<F>[] {
  return columns.flatMap(([field, column]) => {
    const oldValue = asText(before[column]);
    const newValue = asText(after[column]);
    return oldValue === newValue ? [] : [{ field, oldValue, newValue }];
  });
}
