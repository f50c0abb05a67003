import type { z } from 'zod';

/**
 * A form field's check from the same schema the server applies, so what the server would refuse
 * is said under the field as it is typed, with the server's own words.
 */
export const checkWith =
  (schema: z.ZodType) =>
  (value: unknown): string | null => {
    const result = schema.safeParse(value);
    return result.success ? null : (result.error.issues[0]?.message ?? 'Check this field');
  };
