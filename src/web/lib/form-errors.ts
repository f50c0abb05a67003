import { ApiError } from '../api/client';

interface FormWithErrors {
  setErrors(errors: Record<string, string>): void;
}

/**
 * Puts the server's field errors (problem+json `errors`) under the matching form fields and
 * returns the message to show above the form, if any is left over.
 */
export function applyServerErrors(form: FormWithErrors, error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  // The screen lock asks the person to sign in again; the form keeps its input meanwhile.
  if (error.code === 'unauthenticated') return '';
  const fieldErrors = error.problem.errors ?? [];
  if (fieldErrors.length > 0) {
    form.setErrors(Object.fromEntries(fieldErrors.map((e) => [e.path, e.message])));
    return '';
  }
  return error.message;
}
