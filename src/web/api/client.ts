import type { Problem } from '../../shared/problem';

/** An API answer other than 2xx, carrying the server's problem+json. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status() {
    return this.problem.status;
  }
  get code() {
    return this.problem.code;
  }
}

type Listener = () => void;
const signInEndedListeners = new Set<Listener>();

/** Called whenever a request finds the sign-in gone (expired, signed out elsewhere). */
export function onSignInEnded(listener: Listener): () => void {
  signInEndedListeners.add(listener);
  return () => signInEndedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export const networkProblem = (): Problem => ({
  type: 'urn:carebeam:problem:network',
  title: 'Network error',
  status: 0,
  code: 'network',
  detail: 'Carebeam could not be reached. Check your connection and try again.',
});

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  // A FormData body (a file upload) sets its own multipart content type with the boundary.
  const multipart = options.body instanceof FormData;
  const json = options.body !== undefined && !multipart;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: multipart ? (options.body as FormData) : JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem());
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;

  const problem: Problem =
    body && typeof body === 'object' && 'code' in body
      ? (body as Problem)
      : { type: 'about:blank', title: response.statusText, status: response.status, code: 'http_error' };
  if (response.status === 401 && problem.code === 'unauthenticated') signInEndedListeners.forEach((l) => l());
  throw new ApiError(problem);
}
