import { afterEach, describe, expect, it } from 'vitest';
import { forgetStaffDrafts, staffChatDraftKey } from '../../lib/staff-drafts';
import { clearDraft, readDraft, setDraftBody } from './drafts';

const KEY = staffChatDraftKey('s1', 'session');

afterEach(() => sessionStorage.clear());

describe('chat drafts', () => {
  it('keeps the typed text in the tab’s storage and gives the same object back until it changes', () => {
    setDraftBody(KEY, 'See you at ten');
    expect(JSON.parse(sessionStorage.getItem(KEY)!)).toEqual({ body: 'See you at ten', files: [] });
    expect(readDraft(KEY)).toBe(readDraft(KEY));
    clearDraft(KEY);
    expect(sessionStorage.getItem(KEY)).toBeNull();
    expect(readDraft(KEY)).toEqual({ body: '', files: [] });
  });

  it('reads an upload cut short by a reload as failed, with a way out', () => {
    const uploading = { localId: 'f1', name: 'scan.pdf', size: 10, state: 'uploading', progress: 0.5, attachment: null, error: null };
    sessionStorage.setItem(KEY, JSON.stringify({ body: 'My scan', files: [uploading] }));
    expect(readDraft(KEY).files).toEqual([{ ...uploading, state: 'failed', error: 'The upload was interrupted: remove the file and attach it again.' }]);
  });

  it('forgets a staff member’s chat draft at sign-out, even the copy held in memory', () => {
    setDraftBody(KEY, 'For Marta only');
    expect(readDraft(KEY).body).toBe('For Marta only');
    forgetStaffDrafts();
    expect(readDraft(KEY).body).toBe('');
  });
});
