import type { UseFormReturnType } from '@mantine/form';
import { useEffect, useState } from 'react';
import { tabStorage } from './tab-storage';

/** What was kept under `key` by `usePersistentDraft`, or null. */
export function readDraft<T>(key: string): T | null {
  const raw = tabStorage.get(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

/** Drops a kept draft: call it when the input was saved or knowingly discarded. */
export const forgetDraft = (key: string) => tabStorage.remove(key);

/**
 * Keeps `value` in this tab's storage under `key` while it holds unsaved input (`dirty`), and
 * drops it once it no longer does, so a reload or Back/Forward can bring it back with `readDraft`.
 * Use a staff-draft key (lib/staff-drafts) so signing out forgets it.
 */
export function usePersistentDraft(key: string, value: unknown, dirty: boolean) {
  const json = JSON.stringify(value);
  useEffect(() => {
    if (dirty) tabStorage.set(key, json);
    else tabStorage.remove(key);
  }, [key, json, dirty]);
}

/** `usePersistentDraft` for a Mantine form: brings back what was typed when the form first renders. */
export function usePersistentForm<V>(form: UseFormReturnType<V>, key: string) {
  const [kept] = useState(() => readDraft<V>(key));
  useEffect(() => {
    if (kept) form.setValues(kept);
    // Once, when the form appears; later renders keep what is typed now.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kept]);
  usePersistentDraft(key, form.getValues(), form.isDirty());
}
