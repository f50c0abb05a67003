import { z } from 'zod';
import { singleLine } from './text';
import { sessionImageSchema } from './images';
import { READING_KINDS } from './vitals';

/** API shapes of MedCart: vital-sign readings, carts and their tokens, a session's images. */

const instant = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date and time with its offset, e.g. 2026-03-03T14:00:00Z' });
const finite = z.number({ message: 'Enter a number' }).finite({ message: 'Enter a number' });
const componentsSchema = z.object({ systolic: finite, diastolic: finite });

export const READING_SOURCES = ['manual', 'cart'] as const;
export const READING_STATUSES = ['final', 'entered-in-error'] as const;

export const readingSchema = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    participantId: z.uuid().describe('Whose reading it is'),
    kind: z.enum(READING_KINDS),
    loinc: z.string().describe('LOINC code of the kind (the panel, for blood pressure)'),
    value: z.number().nullable().describe('In `unit`; null for blood pressure, which has components'),
    components: componentsSchema.nullable(),
    unit: z.string().describe('The canonical UCUM unit of the kind'),
    originalValue: z.number().nullable().describe('As sent, in `originalUnit`'),
    originalComponents: componentsSchema.nullable(),
    originalUnit: z.string(),
    effectiveAt: z.iso.datetime().describe('When it was measured'),
    recordedAt: z.iso.datetime(),
    source: z.enum(READING_SOURCES),
    deviceLabel: z.string().nullable(),
    cart: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    enteredBy: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('The staff member who entered it (manual) or corrected it'),
    flag: z.enum(['high', 'low']).nullable().describe('Stored but outside the usual range'),
    status: z.enum(READING_STATUSES),
    corrects: z.uuid().nullable().describe('The reading this one replaces'),
    correctedBy: z.uuid().nullable().describe('The reading that replaced this one (then `entered-in-error`)'),
  })
  .meta({ id: 'Reading', description: 'A vital-sign reading in its canonical UCUM unit, with the value and unit as sent' });
export type Reading = z.infer<typeof readingSchema>;

export const readingListSchema = z
  .object({ items: z.array(readingSchema) })
  .meta({ id: 'ReadingList', description: 'Readings, oldest first by the time they were measured' });
export type ReadingList = z.infer<typeof readingListSchema>;

const readingFields = {
  value: finite.optional(),
  components: componentsSchema.optional(),
  unit: z.string().trim().min(1, { message: 'Choose a unit' }).max(20),
  effectiveAt: instant.optional().describe('When it was measured; now when absent'),
};

export const newReadingSchema = z
  .object({
    kind: z.enum(READING_KINDS, { message: 'Choose a kind of reading' }),
    ...readingFields,
    participantId: z.uuid({ message: 'Unknown participant' }).optional().describe("Whose reading; the cart's participant or the only participant when absent"),
  })
  .meta({ id: 'NewReading', description: 'A reading entered by staff: `value`, or `components` for blood pressure' });
export type NewReading = z.output<typeof newReadingSchema>;

export const correctionSchema = z
  .object({ ...readingFields })
  .meta({ id: 'ReadingCorrection', description: 'The right value of a reading; the old one becomes `entered-in-error`' });
export type Correction = z.output<typeof correctionSchema>;

/** What a cart posts. Fields a device adds beyond these are kept with the reading as its raw payload. */
export const cartReadingSchema = z
  .looseObject({
    sessionId: z.uuid({ message: 'Unknown session' }),
    kind: z.enum(READING_KINDS, { message: 'Unknown kind of reading' }),
    ...readingFields,
    deviceLabel: z.string().trim().min(1).max(100).optional().describe('The peripheral, e.g. "Omron BP7450"'),
    clientReadingId: z.string().min(1).max(100).describe("The cart's own id of the reading: a retry with the same id returns the first"),
    participantId: z.uuid().optional(),
  })
  .meta({ id: 'CartReading', description: "A reading posted by a cart with its bearer token; unknown fields are kept as the device's raw payload" });
export type CartReading = z.output<typeof cartReadingSchema>;

const cartNameSchema = singleLine(z.string().trim().min(1, { message: 'Enter a name' }).max(100, { message: 'At most 100 characters' }));
const cartLocationSchema = singleLine(z.string().trim().max(200, { message: 'At most 200 characters' }));

export const cartSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    location: z.string(),
    hasToken: z.boolean().describe('False once its token was revoked (until a new one is issued)'),
    tokenIssuedAt: z.iso.datetime().nullable(),
    lastReadingAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Cart', description: 'A MedCart registered to the organization' });
export type Cart = z.infer<typeof cartSchema>;

export const cartListSchema = z.object({ items: z.array(cartSchema) }).meta({ id: 'CartList', description: "The organization's carts, by name" });

export const newCartSchema = z.object({ name: cartNameSchema, location: cartLocationSchema.default('') }).meta({ id: 'NewCart', description: 'A cart to register' });
export const updateCartSchema = z
  .object({ name: cartNameSchema, location: cartLocationSchema })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' })
  .meta({ id: 'CartUpdate', description: "A cart's new name or location" });

export const cartTokenSchema = z
  .object({ id: z.uuid(), token: z.string().describe('Shown this once; only its hash is kept') })
  .meta({ id: 'CartToken', description: "A cart's id and its new bearer token" });
export type CartToken = z.infer<typeof cartTokenSchema>;

export const attachCartSchema = z
  .object({
    cartId: z.uuid({ message: 'Choose a cart' }),
    participantId: z.uuid({ message: 'Unknown participant' }).optional().describe('Whose readings the cart takes; needed when the session has several participants'),
  })
  .meta({ id: 'AttachCart', description: 'The cart at the patient’s side in this session' });

export const sessionCartSchema = z
  .object({
    cart: z.object({ id: z.uuid(), name: z.string(), location: z.string() }).nullable(),
    participantId: z.uuid().nullable(),
    attachedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SessionCart', description: 'The cart attached to a session, if any' });
export type SessionCart = z.infer<typeof sessionCartSchema>;

export const sessionImageListSchema = z
  .object({ items: z.array(sessionImageSchema) })
  .meta({ id: 'SessionImageList', description: "The session's screenshots and uploaded images, oldest first" });
export type SessionImageList = z.infer<typeof sessionImageListSchema>;
