import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetStaffDrafts, staffFormDraftKey } from './staff-drafts';
import { readDraft, usePersistentDraft } from './usePersistentDraft';

const key = staffFormDraftKey('new-session');

describe('usePersistentDraft', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('keeps the value while it is dirty and drops it once it is not', () => {
    const { rerender } = renderHook(({ value, dirty }) => usePersistentDraft(key, value, dirty), { initialProps: { value: { step: 2 }, dirty: true } });
    expect(readDraft(key)).toEqual({ step: 2 });
    rerender({ value: { step: 1 }, dirty: false });
    expect(readDraft(key)).toBeNull();
  });

  it('is forgotten with the other staff drafts at sign-out', () => {
    renderHook(() => usePersistentDraft(key, { step: 2 }, true));
    forgetStaffDrafts();
    expect(readDraft(key)).toBeNull();
  });

  it('reads nothing from a value that is not JSON', () => {
    window.sessionStorage.setItem(key, '{broken');
    expect(readDraft(key)).toBeNull();
  });
});
