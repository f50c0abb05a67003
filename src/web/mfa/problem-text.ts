import { ApiError } from '../api/client';

/** What to tell a person whose code was refused. */
export function codeProblemText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_code') return 'That code is not correct. Codes change every 30 seconds: enter the one your app shows now.';
    if (error.code === 'too_many_attempts') return 'Too many codes tried. Wait five minutes, then try again.';
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}
