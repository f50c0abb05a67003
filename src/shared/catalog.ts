import { z } from 'zod';
import { MODALITIES } from './modality';
import { singleLine } from './text';

export { MODALITIES, MODALITY_LABELS, type Modality } from './modality';

const name = (max: number) =>
  singleLine(z.string().trim().min(1, { message: 'Enter a name' }).max(max, { message: `Use at most ${max} characters` }));

export const createSessionTypeSchema = z.object({
  name: name(100),
  modality: z.enum(MODALITIES, { message: 'Choose video, phone or in person' }),
});
export const updateSessionTypeSchema = createSessionTypeSchema
  .extend({ active: z.boolean() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });

const idList = z
  .array(z.uuid({ message: 'Unknown id' }))
  .max(50)
  .transform((ids) => [...new Set(ids)]);

export const createServiceSchema = z.object({
  name: name(120),
  description: z.string().trim().max(2000, { message: 'Use at most 2,000 characters' }).default(''),
  durationMinutes: z
    .number({ message: 'Enter a duration in minutes' })
    .int({ message: 'Use whole minutes' })
    .min(5, { message: 'At least 5 minutes' })
    .max(480, { message: 'At most 480 minutes (8 hours)' }),
  sessionTypeIds: idList.refine((ids) => ids.length > 0, { message: 'Choose at least one session type' }),
  documentTemplateIds: idList.default([]),
  active: z.boolean().default(true),
});
export const updateServiceSchema = z
  .object({
    name: name(120),
    description: z.string().trim().max(2000, { message: 'Use at most 2,000 characters' }),
    durationMinutes: createServiceSchema.shape.durationMinutes,
    sessionTypeIds: createServiceSchema.shape.sessionTypeIds,
    documentTemplateIds: idList,
    active: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });

export type CreateSessionType = z.output<typeof createSessionTypeSchema>;
export type UpdateSessionType = z.output<typeof updateSessionTypeSchema>;
export type CreateService = z.output<typeof createServiceSchema>;
export type UpdateService = z.output<typeof updateServiceSchema>;

export const sessionTypeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    modality: z.enum(MODALITIES),
    active: z.boolean(),
  })
  .meta({ id: 'SessionType', description: 'How a session is held: video, phone or in person' });
export type SessionType = z.infer<typeof sessionTypeSchema>;

export const serviceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    durationMinutes: z.number().int().positive(),
    sessionTypeIds: z.array(z.uuid()),
    documentTemplateIds: z.array(z.uuid()).describe('Documents assigned by default when this service is scheduled.'),
    active: z.boolean(),
  })
  .meta({ id: 'Service', description: 'What a session is for, with its duration and default documents' });
export type Service = z.infer<typeof serviceSchema>;
