import dayjs from 'dayjs';
import { type Answers, type DocumentField, validateAnswers } from '../../../shared/documents';
import type { FieldError } from '../../../shared/problem';

/** Pure helpers of the document form: what to send, where errors go, the tab's draft. */

export const isEmptyAnswer = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** One answer per field of this document, in field order; unanswered ones left out. */
export function answersToSend(fields: readonly DocumentField[], answers: Answers): Answers {
  const sent: Answers = {};
  for (const field of fields) {
    const value = answers[field.id];
    if (!isEmptyAnswer(value)) sent[field.id] = value;
  }
  return sent;
}

/** The person's own day, for date limits (the server checks again in their zone). */
export const localToday = () => dayjs().format('YYYY-MM-DD');

/**
 * A number out of range or a date on the wrong side of today is said as soon as it is entered,
 * not at Send; half-typed numbers ("-", "7.") wait until they are numbers.
 */
export function liveError(field: DocumentField | undefined, value: unknown): string | undefined {
  const checked = (field?.type === 'number' && typeof value === 'number') || (field?.type === 'date' && typeof value === 'string' && value !== '');
  return checked ? validateAnswers([field!], { [field!.id]: value }, localToday())[0]?.message : undefined;
}

export interface PlacedErrors {
  /** The first message for each field id. */
  readonly byField: Readonly<Record<string, string>>;
  /** Messages that belong to no field of this form. */
  readonly other: readonly string[];
}

/** Sorts `answers.<field id>` errors under their fields. */
export function placeErrors(fields: readonly DocumentField[], errors: readonly FieldError[]): PlacedErrors {
  const ids = new Set(fields.map((f) => f.id));
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const { path, message } of errors) {
    const id = path.startsWith('answers.') ? path.slice('answers.'.length) : null;
    if (id !== null && ids.has(id)) byField[id] ??= message;
    else other.push(message);
  }
  return { byField, other };
}

/** The field (in form order) whose error should take the focus. */
export const firstFieldWithError = (fields: readonly DocumentField[], byField: Readonly<Record<string, string | undefined>>) =>
  fields.find((f) => byField[f.id])?.id;

/** Scrolls to a field and puts the focus in its first control. */
export function focusField(form: HTMLElement | null, fieldId: string) {
  const box = Array.from(form?.querySelectorAll<HTMLElement>('[data-field-id]') ?? []).find((el) => el.dataset.fieldId === fieldId);
  if (!box) return;
  box.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const control = box.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea, button:not([disabled]), [tabindex="0"]');
  control?.focus({ preventScroll: true });
}

// Drafts live in sessionStorage, so they end with the tab. Signatures are left out: signing is
// an act to repeat, not text to restore.
const draftable = (fields: readonly DocumentField[]) => fields.filter((f) => f.type !== 'signature');

export function readDraft(key: string | undefined, fields: readonly DocumentField[]): Answers | null {
  if (!key) return null;
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(key) ?? 'null');
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return null;
    return answersToSend(draftable(fields), stored as Answers);
  } catch {
    return null;
  }
}

export function writeDraft(key: string | undefined, fields: readonly DocumentField[], answers: Answers) {
  if (!key) return;
  try {
    window.sessionStorage.setItem(key, JSON.stringify(answersToSend(draftable(fields), answers)));
  } catch {
    // Storage full or blocked: the answers stay on the page, just not across a reload.
  }
}

export function clearDraft(key: string | undefined) {
  if (!key) return;
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing was kept then.
  }
}
