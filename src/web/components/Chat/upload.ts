import type { ChatAttachment } from '../../../shared/chat';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/chat-rules';
import type { Problem } from '../../../shared/problem';
import { ApiError, networkProblem } from '../../api/client';

export interface Upload {
  readonly done: Promise<ChatAttachment>;
  readonly abort: () => void;
}

/** What to tell a person about a refused file, in their words rather than the status code's. */
export function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 415) return 'This kind of file can’t be sent: use PDF, PNG, JPEG, HEIC or plain text.';
  if (error instanceof ApiError && error.status === 413) return tooLargeText();
  return error instanceof Error ? error.message : 'The file could not be uploaded.';
}

export const tooLargeText = () => `Larger than ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB: send a smaller file.`;

/**
 * Uploads one file as a multipart POST (field `file`), reporting progress from 0 to 1. XHR,
 * because fetch cannot tell how much of a request body has gone out.
 */
export function uploadAttachment(url: string, file: File, onProgress: (fraction: number) => void): Upload {
  const request = new XMLHttpRequest();
  const done = new Promise<ChatAttachment>((resolve, reject) => {
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) return resolve(body as ChatAttachment);
      const problem: Problem =
        body && typeof body === 'object' && 'code' in body
          ? (body as Problem)
          : { type: 'about:blank', title: request.statusText || 'Upload failed', status: request.status, code: 'http_error' };
      reject(new ApiError(problem));
    };
    request.onerror = () => reject(new ApiError(networkProblem()));
    request.onabort = () => reject(new DOMException('The upload was canceled', 'AbortError'));
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
  return { done, abort: () => request.abort() };
}
