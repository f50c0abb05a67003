import { useSyncExternalStore } from 'react';
import type { ChatAttachment } from '../../../shared/chat';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from '../../../shared/chat-rules';
import { tabStorage } from '../../lib/tab-storage';
import { tooLargeText, uploadAttachment, uploadErrorText } from './upload';

/** A file chosen for the next message: uploading, uploaded (an attachment id), or refused. */
export interface DraftFile {
  readonly localId: string;
  readonly name: string;
  readonly size: number;
  readonly state: 'uploading' | 'uploaded' | 'failed';
  /** 0 to 1 while uploading. */
  readonly progress: number;
  readonly attachment: ChatAttachment | null;
  readonly error: string | null;
}

/** What is typed and attached for one thread, kept in the tab so closing the panel or reloading loses nothing. */
export interface Draft {
  readonly body: string;
  readonly files: readonly DraftFile[];
}

const EMPTY: Draft = { body: '', files: [] };
const INTERRUPTED = 'The upload was interrupted: remove the file and attach it again.';

// Storage is the source of truth (sign-out clears it); the cache keeps one object per stored text
// so renders see a stable draft, and the uploads carry on while the panel is closed.
const cache = new Map<string, { readonly raw: string | null; readonly draft: Draft }>();
const abortUpload = new Map<string, () => void>();
const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

function parse(raw: string | null): Draft {
  if (!raw) return EMPTY;
  try {
    const stored = JSON.parse(raw) as Partial<Draft>;
    // Read back after a reload: an upload that was under way then cannot resume.
    const files = (stored.files ?? []).map((f) => (f.state === 'uploading' ? { ...f, state: 'failed' as const, error: INTERRUPTED } : f));
    return { body: typeof stored.body === 'string' ? stored.body : '', files };
  } catch {
    return EMPTY;
  }
}

export function readDraft(key: string): Draft {
  const raw = tabStorage.get(key);
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.draft;
  const draft = parse(raw);
  cache.set(key, { raw, draft });
  return draft;
}

function write(key: string, draft: Draft) {
  const raw = draft.body === '' && draft.files.length === 0 ? null : JSON.stringify(draft);
  if (raw === null) tabStorage.remove(key);
  else tabStorage.set(key, raw);
  cache.set(key, { raw, draft });
  for (const listener of listeners) listener();
}

export const setDraftBody = (key: string, body: string) => write(key, { ...readDraft(key), body });

/** Empties the draft once its message is handed over for sending. */
export const clearDraft = (key: string) => write(key, EMPTY);

function changeFile(key: string, localId: string, patch: Partial<DraftFile>) {
  const draft = readDraft(key);
  // Removed meanwhile, or the draft was forgotten at sign-out: nothing to change.
  if (!draft.files.some((f) => f.localId === localId)) return;
  write(key, { ...draft, files: draft.files.map((f) => (f.localId === localId ? { ...f, ...patch } : f)) });
}

/**
 * Adds the chosen files to the draft and starts uploading each at once. Returns a note when
 * some did not fit in one message.
 */
export function attachFiles(key: string, uploadUrl: string, chosen: readonly File[]): string | null {
  const room = Math.max(0, MAX_ATTACHMENTS_PER_MESSAGE - readDraft(key).files.length);
  const taken = chosen.slice(0, room);
  for (const file of taken) {
    const localId = crypto.randomUUID();
    const tooLarge = file.size > MAX_ATTACHMENT_BYTES;
    const added: DraftFile = {
      localId,
      name: file.name,
      size: file.size,
      state: tooLarge ? 'failed' : 'uploading',
      progress: 0,
      attachment: null,
      error: tooLarge ? tooLargeText() : null,
    };
    const draft = readDraft(key);
    write(key, { ...draft, files: [...draft.files, added] });
    if (tooLarge) continue;

    const upload = uploadAttachment(uploadUrl, file, (progress) => changeFile(key, localId, { progress }));
    abortUpload.set(localId, upload.abort);
    upload.done
      .then(
        (attachment) => changeFile(key, localId, { state: 'uploaded', progress: 1, attachment }),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          changeFile(key, localId, { state: 'failed', error: uploadErrorText(error) });
        },
      )
      .finally(() => abortUpload.delete(localId));
  }
  return taken.length < chosen.length ? `Attach at most ${MAX_ATTACHMENTS_PER_MESSAGE} files to a message.` : null;
}

export function removeFile(key: string, localId: string) {
  abortUpload.get(localId)?.();
  const draft = readDraft(key);
  write(key, { ...draft, files: draft.files.filter((f) => f.localId !== localId) });
}

export const useDraft = (key: string): Draft => useSyncExternalStore(subscribe, () => readDraft(key));
