import { tabStorage } from './tab-storage';

// A staff member's drafts (documents, chat messages, forms) are theirs alone: forgotten when they sign
// out or someone else signs in on the same tab, so a shared clinic computer hands nothing on.
const STAFF_DRAFTS = 'carebeam.staff.';

export const staffDraftKey = (documentId: string) => `${STAFF_DRAFTS}document.${documentId}`;

/** What a staff member is typing to one chat thread of a session (see `threadKey`). */
export const staffChatDraftKey = (sessionId: string, thread: string) => `${STAFF_DRAFTS}chat.${sessionId}.${thread}`;

/** A staff form's unsaved input (the New Session panel, a note, Work Hours…), by the form's name. */
export const staffFormDraftKey = (name: string) => `${STAFF_DRAFTS}form.${name}`;

export function forgetStaffDrafts() {
  tabStorage.removeStartingWith(STAFF_DRAFTS);
}

const OWNER = `${STAFF_DRAFTS}owner`;

/**
 * Drafts belong to the staff member who typed them: when the tab finds someone else signed in
 * (a sign-in through another tab, an expired sign-in taken over by a colleague) or nobody, the
 * drafts kept so far are forgotten before any page can restore them.
 */
export function keepStaffDraftsFor(userId: string | null) {
  if (userId !== null && tabStorage.get(OWNER) === userId) return;
  forgetStaffDrafts();
  if (userId !== null) tabStorage.set(OWNER, userId);
}
