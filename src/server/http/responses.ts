import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { type Problem, problemSchema } from '../../shared/problem';

/*
 * Builders for a route's `schema.response`. The zod serializer checks every JSON answer
 * against them (a mismatch is a 500), and the OpenAPI document is generated from them.
 */

/** A JSON answer; described by the schema's own description unless the route says more. */
export function json<S extends z.ZodType>(schema: S, description?: string) {
  const text = description ?? z.globalRegistry.get(schema)?.description;
  if (!text) throw new Error('Describe this response: its schema has no description');
  return { description: text, content: { 'application/json': { schema } } };
}

/** A file sent as is (a PDF, a calendar), never serialized: documented by its media type. */
export function file(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: z.string().meta({ contentMediaType: mediaType }) } } };
}

/** 204: done, no body. */
export const noContent = z.undefined().describe('Done; the answer has no body');

const PROBLEMS = {
  400: {
    description: 'The request has invalid fields or is not valid JSON: `errors` names each field (`invalid_request`, `malformed_json`)',
    example: { code: 'invalid_request', detail: 'The request body has invalid fields', errors: [{ path: 'name', message: 'Enter a name' }] },
  },
  401: { description: 'Not signed in, or the sign-in has ended (`unauthenticated`)', example: { code: 'unauthenticated', detail: 'Sign in to continue' } },
  403: {
    description: 'The caller may not do this, or the request came from another site (`forbidden`)',
    example: { code: 'forbidden', detail: 'You do not have permission to do this' },
  },
  404: { description: "Nothing with this id in the caller's organization (`not_found`)", example: { code: 'not_found', detail: 'Session was not found' } },
  409: {
    description: 'Conflicts with the current state: `code` says which',
    example: { code: 'version_conflict', detail: 'Someone changed this since you opened it. Reload to see the latest.' },
  },
  413: { description: 'The upload is too large (`payload_too_large`)', example: { code: 'payload_too_large', detail: 'request file too large' } },
  415: { description: 'The file is not of a type accepted here (`unsupported_media_type`)', example: { code: 'unsupported_media_type', detail: 'Attach a PDF, an image (PNG, JPEG, HEIC) or a plain text file' } },
  422: {
    description: 'Well-formed but not acceptable: `code` says why',
    example: { code: 'idempotency_key_reused', detail: 'This Idempotency-Key was already used for a different request' },
  },
  429: {
    description: 'Too many attempts: wait the `Retry-After` seconds (`too_many_attempts`)',
    example: { code: 'too_many_attempts', detail: 'Too many sign-in attempts. Wait a minute and try again.' },
  },
  503: {
    description: 'Not ready for traffic (`not_ready`): `checks` names the part that failed',
    example: { code: 'not_ready', detail: 'Not ready: migrations' },
  },
  500: {
    description: 'Something failed on our side (`internal_error`); the answer shows nothing internal',
    example: { code: 'internal_error', detail: 'Something went wrong on our side. Please try again.' },
  },
} satisfies Record<number, { description: string; example: Pick<Problem, 'code' | 'detail' | 'errors'> }>;

export type ProblemStatus = Exclude<keyof typeof PROBLEMS, 500>;

const problemResponse = (status: keyof typeof PROBLEMS) => ({
  description: PROBLEMS[status].description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** A body as the route would send it, for the reference (the schema alone makes a poor example). */
export function problemExample(status: number): Problem | undefined {
  if (!(status in PROBLEMS)) return undefined;
  const { code, ...rest } = PROBLEMS[status as keyof typeof PROBLEMS].example;
  return { type: `urn:carebeam:problem:${code}`, title: STATUS_CODES[status] ?? 'Error', status, code, ...rest };
}

/** The problem+json errors a route can answer, and the 500 any route can. */
export function problems<const S extends ProblemStatus>(...statuses: S[]): Record<S | 500, ReturnType<typeof problemResponse>> {
  const all = [...statuses, 500 as const];
  return Object.fromEntries(all.map((status) => [status, problemResponse(status)])) as Record<S | 500, ReturnType<typeof problemResponse>>;
}
