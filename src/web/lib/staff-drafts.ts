// A staff member's drafts are theirs alone: forgotten when they sign out or someone else signs
// in on the same tab, so a shared clinic computer hands no answers on.
const STAFF_DRAFTS = 'carebeam.staff.document.';

export const staffDraftKey = (documentId: string) => `${STAFF_DRAFTS}${documentId}`;

export function forgetStaffDrafts() {
  try {
    const keys = Array.from({ length: window.sessionStorage.length }, (_, i) => window.sessionStorage.key(i));
    for (const key of keys) if (key?.startsWith(STAFF_DRAFTS)) window.sessionStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing was kept.
  }
}
