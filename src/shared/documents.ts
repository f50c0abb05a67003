import { z } from 'zod';
import { singleLine } from './text';
import type { FieldError } from './problem';

export const AUDIENCES = ['participant', 'host'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = { participant: 'Participant', host: 'Host' };

export const FIELD_TYPES = ['short_text', 'long_text', 'yes_no', 'single_choice', 'multiple_choice', 'date', 'number', 'signature'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  yes_no: 'Yes / No',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  date: 'Date',
  number: 'Number',
  signature: 'Signature',
};
export const isChoice = (type: FieldType) => type === 'single_choice' || type === 'multiple_choice';

export const DATE_LIMITS = ['past', 'future'] as const;
export type DateLimit = (typeof DATE_LIMITS)[number];
export const DATE_LIMIT_LABELS: Record<DateLimit, string> = { past: 'Today or earlier', future: 'Today or later' };

export const documentFieldSchema = z
  .object({
    id: z.string().describe('Stable across versions, so answers keep their meaning.'),
    label: z.string(),
    type: z.enum(FIELD_TYPES),
    help: z.string().optional(),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    min: z.number().optional().describe('Number fields: the smallest answer'),
    max: z.number().optional().describe('Number fields: the largest answer'),
    step: z.number().optional().describe('Number fields: answers are min (or 0) plus a whole number of steps'),
    unit: z.string().optional().describe('Number fields: the unit, shown beside the input and printed with the answer, e.g. "kg"'),
    dateLimit: z.enum(DATE_LIMITS).optional().describe("Date fields: `past` allows today or earlier (a date of birth), `future` today or later, in the signer's zone"),
  })
  .meta({ id: 'DocumentField', description: 'A question of a document' });
export type DocumentField = z.infer<typeof documentFieldSchema>;

const documentKindSchema = z.enum(['form', 'pdf']).describe('A form to fill in, or an uploaded PDF to read and acknowledge with a signature');
export type DocumentKind = z.infer<typeof documentKindSchema>;

export const documentTemplateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    audience: z.enum(AUDIENCES),
    kind: documentKindSchema,
    version: z.number().int().positive().describe('The current version; editing a template makes a new one.'),
    fields: z.array(documentFieldSchema),
    active: z.boolean(),
    file: z.object({ filename: z.string(), size: z.number().int().nonnegative() }).nullable().describe('For a PDF document: the uploaded file.'),
  })
  .meta({ id: 'DocumentTemplate', description: 'A document template in its current version' });
export type DocumentTemplate = z.infer<typeof documentTemplateSchema>;

/** The largest PDF a document may be. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** What a `pdf` document asks: one signature acknowledging it was read. */
export const ACKNOWLEDGEMENT_FIELD: DocumentField = {
  id: 'acknowledgement',
  label: 'I have read this document and I agree to it',
  type: 'signature',
  required: true,
};

const optionSchema = z.object({
  value: singleLine(z.string().trim().min(1, { message: 'Give the option a value' }).max(100)),
  label: singleLine(z.string().trim().min(1, { message: 'Give the option a label' }).max(200)),
});

const finiteNumber = z.number({ message: 'Enter a number' }); // Zod 4 refuses Infinity and NaN itself

export const fieldSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/i, { message: 'Use letters, digits, - or _ (at most 40)' }),
    label: singleLine(z.string().trim().min(1, { message: 'Give the field a label' }).max(200, { message: 'Use at most 200 characters' })),
    type: z.enum(FIELD_TYPES, { message: 'Unknown field type' }),
    help: z.string().trim().max(1000, { message: 'Use at most 1,000 characters' }).optional(),
    required: z.boolean().default(false),
    options: z.array(optionSchema).max(50).optional(),
    min: finiteNumber.optional(),
    max: finiteNumber.optional(),
    step: finiteNumber.positive({ message: 'Use a step above 0' }).optional(),
    unit: singleLine(z.string().trim().max(20, { message: 'Use at most 20 characters' })).optional(),
    dateLimit: z.enum(DATE_LIMITS, { message: 'Choose past or future' }).optional(),
  })
  .superRefine((field, ctx) => {
    const onlyFor = (keys: readonly (keyof typeof field)[], type: FieldType, message: string) => {
      if (field.type === type) return;
      for (const key of keys) if (field[key] !== undefined) ctx.addIssue({ code: 'custom', message, path: [key] });
    };
    onlyFor(['min', 'max', 'step', 'unit'], 'number', 'Only number fields have this');
    onlyFor(['dateLimit'], 'date', 'Only date fields have this');
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      ctx.addIssue({ code: 'custom', message: 'Make the largest at least the smallest', path: ['max'] });
    if (!isChoice(field.type)) return;
    const options = field.options ?? [];
    if (options.length < 2) ctx.addIssue({ code: 'custom', message: 'A choice needs at least two options', path: ['options'] });
    const values = options.map((o) => o.value);
    values.forEach((value, index) => {
      if (values.indexOf(value) !== index) ctx.addIssue({ code: 'custom', message: 'Each option needs its own value', path: ['options', index, 'value'] });
    });
  });

const fieldsSchema = z.array(fieldSchema).min(1, { message: 'Add at least one field' }).max(100, { message: 'At most 100 fields' });

/** Checked on the whole body (Zod runs it once every field is otherwise valid). */
function uniqueFieldIds(body: { fields?: { id?: unknown }[] | undefined }, ctx: z.RefinementCtx) {
  const ids = (body.fields ?? []).map((f) => f?.id);
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) ctx.addIssue({ code: 'custom', message: 'Each field needs its own id', path: ['fields', index, 'id'] });
  });
}

export const templateNameSchema = singleLine(z.string().trim().min(1, { message: 'Enter a name' }).max(200, { message: 'Use at most 200 characters' }));

const templateFields = { name: templateNameSchema, audience: z.enum(AUDIENCES, { message: 'Choose participant or host' }), fields: fieldsSchema };
export const createFormTemplateSchema = z.object(templateFields).superRefine(uniqueFieldIds);
/** The version an edit was made on, so an edit never silently replaces one it did not see. */
export const baseVersionSchema = z.coerce.number().int().min(1).optional();

export const updateTemplateSchema = z
  .object({ ...templateFields, version: baseVersionSchema })
  .partial()
  .superRefine(uniqueFieldIds)
  .refine(({ version: _v, ...patch }) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type CreateFormTemplate = z.output<typeof createFormTemplateSchema>;
export type UpdateTemplate = z.output<typeof updateTemplateSchema>;

/**
 * An answer per field id: text, a boolean, an option's value, a list of them, `YYYY-MM-DD`, a
 * number, or a signature: the signer's typed full name, or a PNG data URL drawn on the screen.
 */
const answersSchema = z.record(z.string(), z.unknown());
export type Answers = z.infer<typeof answersSchema>;

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
/** A drawn signature is a small image: beyond this it is not a signature. */
export const MAX_SIGNATURE_BYTES = 512 * 1024;
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const isDrawnSignature = (value: string) => value.startsWith('data:image/png;base64,');

/** A number with its unit, as a person writes it: `72.5 kg`. */
export const withUnit = (value: number | string, unit: string | undefined) => (unit ? `${value} ${unit}` : String(value));

/** Whether `value` is `from` plus a whole number of `step`s, allowing for binary fractions (0.1 + 0.2). */
const onStep = (value: number, from: number, step: number) => {
  const steps = (value - from) / step;
  return Math.abs(steps - Math.round(steps)) < 1e-7;
};

/** Why a number answer is outside the field's range or steps, said with the field's unit. */
export function numberError(field: Pick<DocumentField, 'min' | 'max' | 'step' | 'unit'>, value: number): string | null {
  const { min, max, step, unit } = field;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    if (min !== undefined && max !== undefined) return `Enter ${withUnit(min, unit)} to ${withUnit(max, unit)}`;
    return min !== undefined ? `Enter ${withUnit(min, unit)} or more` : `Enter ${withUnit(max!, unit)} or less`;
  }
  if (step !== undefined && !onStep(value, min ?? 0, step)) return `Use steps of ${withUnit(step, unit)}${min ? ` from ${withUnit(min, unit)}` : ''}`;
  return null;
}

/** Why a `YYYY-MM-DD` answer is on the wrong side of `today` (the signer's day) for the field's limit. */
export function dateLimitError(limit: DateLimit | undefined, value: string, today: string): string | null {
  if (limit === 'past' && value > today) return 'Enter a date that is not in the future';
  if (limit === 'future' && value < today) return 'Enter a date that is not in the past';
  return null;
}

function answerError(field: DocumentField, value: unknown, today: string): string | null {
  const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return field.required ? 'This field is required' : null;
  const values = new Set((field.options ?? []).map((o) => o.value));
  switch (field.type) {
    case 'short_text':
      return typeof value !== 'string' ? 'Enter text' : value.length > 500 ? 'Use at most 500 characters' : null;
    case 'long_text':
      return typeof value !== 'string' ? 'Enter text' : value.length > 10_000 ? 'Use at most 10,000 characters' : null;
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'Answer yes or no';
    case 'single_choice':
      return typeof value === 'string' && values.has(value) ? null : 'Choose one of the options';
    case 'multiple_choice':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && values.has(v)) && new Set(value).size === value.length
        ? null
        : 'Choose among the options';
    case 'date':
      return typeof value === 'string' && isDate(value) ? dateLimitError(field.dateLimit, value, today) : 'Enter a date as YYYY-MM-DD';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? numberError(field, value) : 'Enter a number';
    case 'signature':
      if (typeof value !== 'string') return 'Sign: type your full name or draw your signature';
      if (isDrawnSignature(value)) {
        if (!PNG_DATA_URL.test(value)) return 'The drawn signature is not a PNG image';
        return (value.length * 3) / 4 > MAX_SIGNATURE_BYTES ? 'The drawn signature is too large' : null;
      }
      return value.trim().length < 2 || value.length > 200 ? 'Type your full name to sign' : null;
  }
}

/**
 * Every problem with a set of answers, at `answers.<field id>`; the same rules in browser and
 * server. `today` (`YYYY-MM-DD`, the signer's day) is what date limits are measured against.
 */
export function validateAnswers(fields: DocumentField[], answers: Answers, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(fields.map((f) => f.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) errors.push({ path: `answers.${id}`, message: 'This document has no such field' });
  for (const field of fields) {
    const message = answerError(field, answers[field.id], today);
    if (message) errors.push({ path: `answers.${field.id}`, message });
  }
  return errors;
}

/** A document of a session: who must complete it, and whether they have. */
export const sessionDocumentSchema = z
  .object({
    id: z.uuid(),
    templateId: z.uuid(),
    name: z.string(),
    audience: z.enum(AUDIENCES),
    kind: documentKindSchema,
    version: z.number().int().positive(),
    assignee: z.object({ kind: z.enum(['participant', 'host']), id: z.uuid(), name: z.string() }),
    status: z.enum(['pending', 'completed']),
    completedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SessionDocument', description: 'A document of a session: who must complete it, and whether they have' });
export type SessionDocument = z.infer<typeof sessionDocumentSchema>;

/** One document with its questions, and its answers once completed. */
export const documentToCompleteSchema = sessionDocumentSchema
  .extend({
    fields: z.array(documentFieldSchema),
    answers: answersSchema.nullable(),
    completedBy: z.object({ kind: z.enum(['participant', 'user']), name: z.string() }).nullable(),
    fileUrl: z.string().nullable().describe('For a PDF document, where to read it.'),
  })
  .meta({ id: 'DocumentToComplete', description: 'A document of a session with its questions, and its answers once completed' });
export type DocumentToComplete = z.infer<typeof documentToCompleteSchema>;

export const completeDocumentSchema = z.object({ answers: answersSchema });
