import { beforeEach, describe, expect, it } from 'vitest';
import { forgetStaffDrafts, staffDraftKey } from './staff-drafts';

describe('staff drafts', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('forgets every staff document draft and nothing else', () => {
    window.sessionStorage.setItem(staffDraftKey('doc-1'), '{"plan":"Rest"}');
    window.sessionStorage.setItem(staffDraftKey('doc-2'), '{"plan":"Ice"}');
    window.sessionStorage.setItem('carebeam.portal.timeZone.p1', 'Europe/Madrid');
    forgetStaffDrafts();
    expect(window.sessionStorage.getItem(staffDraftKey('doc-1'))).toBeNull();
    expect(window.sessionStorage.getItem(staffDraftKey('doc-2'))).toBeNull();
    expect(window.sessionStorage.getItem('carebeam.portal.timeZone.p1')).toBe('Europe/Madrid');
  });
});
