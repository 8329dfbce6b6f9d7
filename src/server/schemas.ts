import { z } from 'zod';

const Text = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

/** The common error body, declared on every route so the OpenAPI document shows it. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: Text,
    fields: z.array(z.object({ path: z.string(), message: Text })).optional(),
    requestId: z.string(),
  }),
});

export const ErrorResponses = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
} as const;

/** A region code as the API accepts it: 2, 4, 6, 9 or 12 digits. */
export const RegionCode = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'region code: 2, 4, 6, 9 or 12 digits');
