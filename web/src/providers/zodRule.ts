import type { FormRule } from 'antd';
import type { ZodType } from 'zod';

/**
 * A form rule that checks a field with the API's own zod schema (a zod-only module of src/domains), so the form
 * refuses exactly what the route would; `message` is the localized reason. Empty fields are left to `required`.
 */
export function zodRule(schema: ZodType, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}
