import { z } from 'zod';
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

export interface FieldOption {
  value: string;
  label: string;
}

export interface DocumentField {
  /** Stable across versions, so answers keep their meaning. */
  id: string;
  label: string;
  type: FieldType;
  help?: string | undefined;
  required: boolean;
  options?: FieldOption[] | undefined;
}

/** A form to fill in, or an uploaded PDF to read and acknowledge with a signature. */
export type DocumentKind = 'form' | 'pdf';

export interface DocumentTemplate {
  id: string;
  name: string;
  audience: Audience;
  kind: DocumentKind;
  /** The current version; editing a template makes a new one. */
  version: number;
  fields: DocumentField[];
  active: boolean;
  /** For a PDF document: the uploaded file. */
  file: { filename: string; size: number } | null;
}

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
  value: z.string().trim().min(1, { message: 'Give the option a value' }).max(100),
  label: z.string().trim().min(1, { message: 'Give the option a label' }).max(200),
});

export const fieldSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/i, { message: 'Use letters, digits, - or _ (at most 40)' }),
    label: z.string().trim().min(1, { message: 'Give the field a label' }).max(200, { message: 'Use at most 200 characters' }),
    type: z.enum(FIELD_TYPES, { message: 'Unknown field type' }),
    help: z.string().trim().max(1000, { message: 'Use at most 1,000 characters' }).optional(),
    required: z.boolean().default(false),
    options: z.array(optionSchema).max(50).optional(),
  })
  .superRefine((field, ctx) => {
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

export const templateNameSchema = z.string().trim().min(1, { message: 'Enter a name' }).max(200, { message: 'Use at most 200 characters' });

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
export type Answers = Record<string, unknown>;

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
/** A drawn signature is a small image: beyond this it is not a signature. */
export const MAX_SIGNATURE_BYTES = 512 * 1024;
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const isDrawnSignature = (value: string) => value.startsWith('data:image/png;base64,');

function answerError(field: DocumentField, value: unknown): string | null {
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
      return typeof value === 'string' && isDate(value) ? null : 'Enter a date as YYYY-MM-DD';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Enter a number';
    case 'signature':
      if (typeof value !== 'string') return 'Sign: type your full name or draw your signature';
      if (isDrawnSignature(value)) {
        if (!PNG_DATA_URL.test(value)) return 'The drawn signature is not a PNG image';
        return (value.length * 3) / 4 > MAX_SIGNATURE_BYTES ? 'The drawn signature is too large' : null;
      }
      return value.trim().length < 2 || value.length > 200 ? 'Type your full name to sign' : null;
  }
}

/** Every problem with a set of answers, at `answers.<field id>`; the same rules in browser and server. */
export function validateAnswers(fields: DocumentField[], answers: Answers): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(fields.map((f) => f.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) errors.push({ path: `answers.${id}`, message: 'This document has no such field' });
  for (const field of fields) {
    const message = answerError(field, answers[field.id]);
    if (message) errors.push({ path: `answers.${field.id}`, message });
  }
  return errors;
}

/** A document of a session: who must complete it, and whether they have. */
export interface SessionDocument {
  id: string;
  templateId: string;
  name: string;
  audience: Audience;
  kind: DocumentKind;
  version: number;
  assignee: { kind: 'participant' | 'host'; id: string; name: string };
  status: 'pending' | 'completed';
  completedAt: string | null;
}

/** One document with its questions, and its answers once completed. */
export interface DocumentToComplete extends SessionDocument {
  fields: DocumentField[];
  answers: Answers | null;
  completedBy: { kind: 'participant' | 'user'; name: string } | null;
  /** For a PDF document, where to read it. */
  fileUrl: string | null;
}

export const completeDocumentSchema = z.object({ answers: z.record(z.string(), z.unknown()) });
