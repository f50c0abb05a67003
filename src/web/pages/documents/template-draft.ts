import {
  type Audience,
  createFormTemplateSchema,
  type DateLimit,
  type DocumentField,
  type DocumentTemplate,
  type FieldType,
  isChoice,
} from '../../../shared/documents';

/**
 * What the form builder edits. Field ids and option values are what stored answers refer to, so
 * they never change once saved; new ones are made from their labels when the form is saved.
 */
export interface OptionDraft {
  readonly key: string;
  /** The saved value; null for an option not saved yet. */
  readonly value: string | null;
  label: string;
}

export interface FieldDraft {
  readonly key: string;
  /** The saved id; null for a field not saved yet. */
  readonly id: string | null;
  type: FieldType;
  label: string;
  help: string;
  required: boolean;
  /** Kept while the type changes back and forth; sent for choice fields only. */
  options: OptionDraft[];
  /** Number fields: '' for no limit; like options, kept across type changes and sent only for numbers. */
  min: number | '';
  max: number | '';
  step: number | '';
  unit: string;
  /** Date fields: '' for any date. */
  dateLimit: DateLimit | '';
}

export interface TemplateDraft {
  name: string;
  audience: Audience;
  fields: FieldDraft[];
}

let keys = 0;
const newKey = () => `k${++keys}`;

export const newOption = (): OptionDraft => ({ key: newKey(), value: null, label: '' });

const NO_LIMITS = { min: '', max: '', step: '', unit: '', dateLimit: '' } as const;

export function newField(type: FieldType): FieldDraft {
  return { key: newKey(), id: null, type, label: '', help: '', required: type === 'signature', options: isChoice(type) ? [newOption(), newOption()] : [], ...NO_LIMITS };
}

export function draftOf(template: DocumentTemplate | null): TemplateDraft {
  if (!template) return { name: '', audience: 'participant', fields: [newField('short_text')] };
  return {
    name: template.name,
    audience: template.audience,
    fields: template.fields.map((f) => ({
      key: newKey(),
      id: f.id,
      type: f.type,
      label: f.label,
      help: f.help ?? '',
      required: f.required,
      options: (f.options ?? []).map((o) => ({ key: newKey(), value: o.value, label: o.label })),
      min: f.min ?? '',
      max: f.max ?? '',
      step: f.step ?? '',
      unit: f.unit ?? '',
      dateLimit: f.dateLimit ?? '',
    })),
  };
}

/** `Date of birth` → `date_of_birth`; accents dropped, at most 40 characters. */
export function slug(label: string, fallback: string): string {
  const made = label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36)
    .replace(/_+$/, '');
  return made || fallback;
}

/** A name for something new that none of `taken` has; `taken` is updated. */
function claim(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** The API body: saved ids and values kept, new ones claimed from their labels. */
export function toTemplateBody(draft: TemplateDraft): { name: string; audience: Audience; fields: DocumentField[] } {
  const fieldIds = new Set(draft.fields.flatMap((f) => (f.id ? [f.id] : [])));
  const fields = draft.fields.map((f): DocumentField => {
    const field: DocumentField = { id: f.id ?? claim(slug(f.label, 'field'), fieldIds), label: f.label.trim(), type: f.type, required: f.required };
    if (f.help.trim()) field.help = f.help.trim();
    if (isChoice(f.type)) {
      const values = new Set(f.options.flatMap((o) => (o.value ? [o.value] : [])));
      field.options = f.options.map((o) => ({ value: o.value ?? claim(slug(o.label, 'option'), values), label: o.label.trim() }));
    }
    if (f.type === 'number') {
      for (const key of ['min', 'max', 'step'] as const) if (f[key] !== '') field[key] = f[key];
      if (f.unit.trim()) field.unit = f.unit.trim();
    }
    if (f.type === 'date' && f.dateLimit) field.dateLimit = f.dateLimit;
    return field;
  });
  return { name: draft.name.trim(), audience: draft.audience, fields };
}

/**
 * The shared template rules, checked in the browser: the errors land at the same paths the server
 * would report (`fields.2.options.0.label`), which are the builder's own paths too.
 */
export function validateDraft(draft: TemplateDraft): Record<string, string> {
  const result = createFormTemplateSchema.safeParse(toTemplateBody(draft));
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join('.')] ??= issue.message;
  return errors;
}
