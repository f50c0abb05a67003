import { beforeEach, describe, expect, it } from 'vitest';
import { forgetStaffDrafts, keepStaffDraftsFor, staffChatDraftKey, staffDraftKey, staffFormDraftKey } from './staff-drafts';

describe('staff drafts', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('forgets every staff document and chat draft and nothing else', () => {
    window.sessionStorage.setItem(staffDraftKey('doc-1'), '{"plan":"Rest"}');
    window.sessionStorage.setItem(staffDraftKey('doc-2'), '{"plan":"Ice"}');
    window.sessionStorage.setItem(staffChatDraftKey('s1', 'session'), '{"body":"See you soon"}');
    window.sessionStorage.setItem('carebeam.portal.timeZone.p1', 'Europe/Madrid');
    forgetStaffDrafts();
    expect(window.sessionStorage.getItem(staffDraftKey('doc-1'))).toBeNull();
    expect(window.sessionStorage.getItem(staffDraftKey('doc-2'))).toBeNull();
    expect(window.sessionStorage.getItem(staffChatDraftKey('s1', 'session'))).toBeNull();
    expect(window.sessionStorage.getItem('carebeam.portal.timeZone.p1')).toBe('Europe/Madrid');
  });

  it('keeps a staff member’s drafts for them, and forgets them when someone else or nobody is signed in', () => {
    keepStaffDraftsFor('ana');
    window.sessionStorage.setItem(staffFormDraftKey('new-session'), '{"step":2}');
    keepStaffDraftsFor('ana');
    expect(window.sessionStorage.getItem(staffFormDraftKey('new-session'))).toBe('{"step":2}');
    keepStaffDraftsFor('ben');
    expect(window.sessionStorage.getItem(staffFormDraftKey('new-session'))).toBeNull();
    window.sessionStorage.setItem(staffFormDraftKey('note'), '{"text":"Ben typed this"}');
    keepStaffDraftsFor(null);
    expect(window.sessionStorage.getItem(staffFormDraftKey('note'))).toBeNull();
    keepStaffDraftsFor('ana');
    expect(window.sessionStorage.getItem(staffFormDraftKey('note'))).toBeNull();
  });
});
