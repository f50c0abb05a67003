import { z } from 'zod';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const IMAGE_LABEL_MAX = 200;

/**
 * A still kept with a session: a screenshot staff captured from someone's video in the call, or an
 * image staff uploaded to its MedCart tab. Read only by the session's staff.
 */
export const sessionImageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['screenshot', 'upload']),
    label: z.string().nullable(),
    contentType: z.enum(['image/png', 'image/jpeg']),
    size: z.number().int(),
    /** Whose video it was taken of, for a screenshot. */
    participantId: z.uuid().nullable(),
    takenBy: z.object({ id: z.uuid(), name: z.string() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SessionImage', description: "A screenshot from the call or an image uploaded to the session's MedCart tab" });
export type SessionImage = z.infer<typeof sessionImageSchema>;
