import { z } from 'zod';

export const fieldErrorSchema = z.object({
  /** Dotted path of the bad field inside the request part, e.g. `weekly.2.end`. */
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, the body of every API error. */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    /** Stable: clients branch on it. */
    code: z.string(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  // Loose: some problems carry extension members, e.g. `existing` for participant_exists.
  .meta({ id: 'Problem', description: 'RFC 9457 problem details: `code` is stable, `errors` names each bad field' });
export type Problem = z.infer<typeof problemSchema>;
