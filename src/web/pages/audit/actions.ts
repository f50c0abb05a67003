import type { AuditItem } from '../../../shared/audit';

/** What a sentence can name: who acted, the session (with its patients), the patients alone, the staff member it is about. */
export interface Words {
  actor: string;
  /** "Follow-up visit with Bella Ortiz", or the patients' names when there is no session. */
  session: string;
  /** The session's title alone, for sentences that already name the patient. */
  title: string;
  patients: string;
  entity: string;
}

interface ActionWords {
  group: string;
  /** The action's name in the filter. */
  label: string;
  sentence: (w: Words) => string;
}

// Most events are "<actor> <verb> <session>": these build them.
const onSession = (verb: string) => (w: Words) => `${w.actor} ${verb} ${w.session}`;
const onPatients = (verb: string) => (w: Words) => `${w.actor} ${verb} ${w.patients}`;
const onStaff = (verb: string) => (w: Words) => `${w.actor} ${verb} ${w.entity}`;
const alone = (verb: string) => (w: Words) => `${w.actor} ${verb}`;
const message = (what: string, outcome: 'sent' | 'failed') => (w: Words) => `${what} to ${w.patients} ${outcome} for ${w.title}`;

const SESSIONS = 'Sessions';
const MESSAGES = 'Messages';
const VISIT = 'During the visit';
const PATIENTS = 'Patients';
const STAFF = 'Staff and sign-in';
const SETTINGS = 'Settings';
const AUDIT = 'Audit';
const READS = 'Records viewed';
const PORTAL = 'Participants’ own pages';

/** Every action Carebeam records, grouped and named in words. */
export const ACTION_WORDS: Record<string, ActionWords> = {
  'session.created': { group: SESSIONS, label: 'Session scheduled', sentence: onSession('scheduled') },
  'session.updated': { group: SESSIONS, label: 'Session edited', sentence: onSession('edited') },
  'session.rescheduled': { group: SESSIONS, label: 'Session rescheduled', sentence: onSession('rescheduled') },
  'session.canceled': { group: SESSIONS, label: 'Session canceled', sentence: onSession('canceled') },
  'session.next_scheduled': { group: SESSIONS, label: 'Next session scheduled', sentence: onSession('scheduled the next session after') },
  'session.participant_added': { group: SESSIONS, label: 'Participant added', sentence: (w) => `${w.actor} added ${w.patients} to ${w.title}` },
  'session.participant_removed': { group: SESSIONS, label: 'Participant removed', sentence: (w) => `${w.actor} removed ${w.patients} from ${w.title}` },
  'session.participant_contact_changed': { group: SESSIONS, label: 'Participant’s contact changed', sentence: (w) => `${w.actor} changed where ${w.patients} is invited for ${w.title}` },
  'session.documents_updated': { group: SESSIONS, label: 'Documents assigned', sentence: onSession('changed the documents of') },
  'session.document_completed': { group: SESSIONS, label: 'Document completed', sentence: onSession('completed a document of') },
  'session.note_added': { group: SESSIONS, label: 'Note written', sentence: onSession('wrote a note on') },
  'session.started': { group: SESSIONS, label: 'Session started', sentence: onSession('started') },
  'session.ended': { group: SESSIONS, label: 'Session ended', sentence: onSession('ended') },
  'session.no_show': { group: SESSIONS, label: 'Marked no-show', sentence: onSession('marked as a no-show') },
  'session.link_opened': { group: SESSIONS, label: 'Join link opened', sentence: onSession('opened their link to') },
  'session.reminder_requested': { group: MESSAGES, label: 'Reminder requested', sentence: onSession('sent a reminder for') },
  'session.invitation_sent': { group: MESSAGES, label: 'Invitation sent', sentence: message('Invitation', 'sent') },
  'session.invitation_failed': { group: MESSAGES, label: 'Invitation failed', sentence: message('Invitation', 'failed') },
  'session.update_sent': { group: MESSAGES, label: 'Update sent', sentence: message('Update', 'sent') },
  'session.cancellation_sent': { group: MESSAGES, label: 'Cancellation notice sent', sentence: message('Cancellation notice', 'sent') },
  'session.reminder_sent': { group: MESSAGES, label: 'Reminder sent', sentence: message('Reminder', 'sent') },
  'session.update_failed': { group: MESSAGES, label: 'Update failed', sentence: message('Update', 'failed') },
  'session.cancellation_failed': { group: MESSAGES, label: 'Cancellation notice failed', sentence: message('Cancellation notice', 'failed') },
  'session.reminder_failed': { group: MESSAGES, label: 'Reminder failed', sentence: message('Reminder', 'failed') },
  'session.new_message_sent': { group: MESSAGES, label: 'New-message notice sent', sentence: message('New-message notice', 'sent') },
  'session.new_message_failed': { group: MESSAGES, label: 'New-message notice failed', sentence: message('New-message notice', 'failed') },
  'session.contact_changed_sent': { group: MESSAGES, label: 'Contact-change notice sent', sentence: message('Contact-change notice', 'sent') },
  'session.contact_changed_failed': { group: MESSAGES, label: 'Contact-change notice failed', sentence: message('Contact-change notice', 'failed') },
  'session.chat_started': { group: VISIT, label: 'Chat started', sentence: onSession('started the chat of') },
  'session.attachment_shared': { group: VISIT, label: 'File shared in chat', sentence: onSession('shared a file in') },
  'chat_attachment.downloaded': { group: VISIT, label: 'Chat file downloaded', sentence: onSession('downloaded a chat file of') },
  'session.video_joined': { group: VISIT, label: 'Joined the video call', sentence: onSession('joined the video call of') },
  'session.video_left': { group: VISIT, label: 'Left the video call', sentence: onSession('left the video call of') },
  'session.video_admitted': { group: VISIT, label: 'Admitted to the call', sentence: (w) => `${w.actor} admitted ${w.patients} to the call` },
  'session.video_denied': { group: VISIT, label: 'Not let into the call', sentence: (w) => `${w.actor} did not let ${w.patients} into the call` },
  'session.video_removed': { group: VISIT, label: 'Removed from the call', sentence: (w) => `${w.actor} removed ${w.patients} from the call` },
  'session.screenshot_captured': { group: VISIT, label: 'Screenshot captured', sentence: onSession('captured a screenshot in') },
  'session.image_uploaded': { group: VISIT, label: 'Image uploaded', sentence: onSession('uploaded an image to') },
  'session_image.downloaded': { group: VISIT, label: 'Image downloaded', sentence: onSession('downloaded an image of') },
  'session.reading_recorded': { group: VISIT, label: 'Reading recorded', sentence: onSession('recorded a reading in') },
  'session.reading_corrected': { group: VISIT, label: 'Reading corrected', sentence: onSession('corrected a reading in') },
  'session.cart_attached': { group: VISIT, label: 'MedCart attached', sentence: onSession('attached a MedCart to') },
  'session.cart_detached': { group: VISIT, label: 'MedCart detached', sentence: onSession('detached a MedCart from') },
  'session.ehr_sent': { group: VISIT, label: 'Sent to the EHR', sentence: onSession('sent to the EHR') },
  'session.ehr_failed': { group: VISIT, label: 'EHR send failed', sentence: (w) => `Sending ${w.session} to the EHR failed` },
  'participant.created': { group: PATIENTS, label: 'Participant added to the directory', sentence: (w) => `${w.actor} added ${w.patients} to the directory` },
  'participant.updated': { group: PATIENTS, label: 'Participant record changed', sentence: onPatients('changed the record of') },
  'participant.ehr_identifier_set': { group: PATIENTS, label: 'EHR patient id set', sentence: onPatients('set the EHR patient id of') },
  'participant.ehr_identifier_cleared': { group: PATIENTS, label: 'EHR patient id cleared', sentence: onPatients('cleared the EHR patient id of') },
  'user.signed_in': { group: STAFF, label: 'Signed in', sentence: alone('signed in') },
  'user.signed_out_elsewhere': { group: STAFF, label: 'Signed out elsewhere', sentence: alone('signed out their other devices') },
  'user.created': { group: STAFF, label: 'Staff member invited', sentence: onStaff('invited') },
  'user.updated': { group: STAFF, label: 'Staff member changed', sentence: onStaff('changed the account of') },
  'user.password_changed': { group: STAFF, label: 'Password changed', sentence: alone('changed their password') },
  'user.password_set': { group: STAFF, label: 'Password set', sentence: (w) => `${w.entity} set a password` },
  'user.password_reset_requested': { group: STAFF, label: 'Password reset requested', sentence: (w) => `A password reset was requested for ${w.entity}` },
  'organization.updated': { group: SETTINGS, label: 'Settings changed', sentence: alone('changed the organization’s settings') },
  'work_hours.updated': { group: SETTINGS, label: 'Work Hours changed', sentence: onStaff('changed the Work Hours of') },
  'service.created': { group: SETTINGS, label: 'Service added', sentence: alone('added a service') },
  'service.updated': { group: SETTINGS, label: 'Service changed', sentence: alone('changed a service') },
  'document_template.created': { group: SETTINGS, label: 'Document template added', sentence: alone('added a document template') },
  'document_template.updated': { group: SETTINGS, label: 'Document template changed', sentence: alone('changed a document template') },
  'ehr_connection.saved': { group: SETTINGS, label: 'EHR connection saved', sentence: alone('saved the EHR connection') },
  'cart.registered': { group: SETTINGS, label: 'MedCart registered', sentence: alone('registered a MedCart') },
  'audit.exported': { group: AUDIT, label: 'Audit exported', sentence: alone('exported the audit trail') },
  'backup.created': { group: AUDIT, label: 'Backup made', sentence: alone('made a backup') },
  'session.list_read': { group: READS, label: 'Session list viewed', sentence: (w) => `${w.actor} viewed a list of sessions with ${w.patients}` },
  'session.read': { group: READS, label: 'Session viewed', sentence: onSession('viewed') },
  'session.history_read': { group: READS, label: 'History viewed', sentence: onSession('viewed the history of') },
  'session.calendar_downloaded': { group: READS, label: 'Calendar file downloaded', sentence: onSession('downloaded the calendar file of') },
  'note.read': { group: READS, label: 'Notes viewed', sentence: onSession('viewed the notes of') },
  'document.list_read': { group: READS, label: 'Documents listed', sentence: onSession('viewed the documents of') },
  'document.read': { group: READS, label: 'Document viewed', sentence: onSession('viewed a document of') },
  'document.pdf_downloaded': { group: READS, label: 'Signed PDF downloaded', sentence: onSession('downloaded a signed PDF of') },
  'document.file_downloaded': { group: READS, label: 'Document file opened', sentence: onSession('opened a document file of') },
  'chat.read': { group: READS, label: 'Chat viewed', sentence: onSession('viewed the chat of') },
  'reading.read': { group: READS, label: 'Readings viewed', sentence: onSession('viewed the readings of') },
  'reading.earlier_read': { group: READS, label: 'Earlier readings viewed', sentence: onPatients('viewed earlier readings of') },
  'session_image.list_read': { group: READS, label: 'Images listed', sentence: onSession('viewed the images of') },
  'session.fhir_exported': { group: READS, label: 'FHIR export', sentence: onSession('exported as FHIR') },
  'session.ehr_send_queued': { group: READS, label: 'EHR send asked for', sentence: onSession('asked to send to the EHR') },
  'participant.read': { group: READS, label: 'Participant record viewed', sentence: onPatients('viewed the record of') },
  'participant.searched': { group: READS, label: 'Directory searched', sentence: (w) => `${w.actor} searched the directory and saw ${w.patients}` },
  'outbox.read': { group: READS, label: 'Outbox viewed', sentence: (w) => `${w.actor} viewed messages to ${w.patients}` },
  'portal.session_read': { group: PORTAL, label: 'Opened their session', sentence: onSession('opened their page for') },
  'portal.calendar_downloaded': { group: PORTAL, label: 'Calendar file downloaded', sentence: onSession('downloaded the calendar file of') },
  'portal.documents_read': { group: PORTAL, label: 'Viewed their documents', sentence: onSession('viewed their documents for') },
  'portal.document_pdf_downloaded': { group: PORTAL, label: 'Downloaded a signed PDF', sentence: onSession('downloaded a signed PDF of') },
  'portal.document_file_downloaded': { group: PORTAL, label: 'Opened a document file', sentence: onSession('opened a document file of') },
  'portal.chat_read': { group: PORTAL, label: 'Viewed the chat', sentence: onSession('viewed the chat of') },
  'portal.attachment_downloaded': { group: PORTAL, label: 'Downloaded a chat file', sentence: onSession('downloaded a chat file of') },
  'participant.verification': { group: PORTAL, label: 'Confirmed who is joining', sentence: (w) => `${w.actor} answered the check of who is joining` },
  'participant.verification_code_sent': { group: PORTAL, label: 'Sign-in code sent', sentence: (w) => `A one-time code was sent to ${w.patients}` },
  'user.sign_in_failed': { group: STAFF, label: 'Sign-in failed', sentence: (w) => `A sign-in as ${w.entity} failed` },
  'user.mfa_enrolled': { group: STAFF, label: 'Two-step sign-in set up', sentence: alone('set up two-step sign-in') },
  'user.mfa_enrolment_failed': { group: STAFF, label: 'Two-step setup failed', sentence: alone('entered a wrong code setting up two-step sign-in') },
  'user.mfa_challenge': { group: STAFF, label: 'Two-step code entered', sentence: alone('entered a two-step sign-in code') },
  'user.mfa_recovery_code_used': { group: STAFF, label: 'Recovery code used', sentence: alone('signed in with a recovery code') },
  'user.mfa_recovery_codes_regenerated': { group: STAFF, label: 'New recovery codes', sentence: alone('made new recovery codes') },
  'user.mfa_recovery_codes_failed': { group: STAFF, label: 'New recovery codes refused', sentence: alone('was refused new recovery codes') },
  'user.mfa_reset': { group: STAFF, label: 'Two-step sign-in reset', sentence: onStaff('reset the two-step sign-in of') },
  'organization.created': { group: SETTINGS, label: 'Organization set up', sentence: (w) => `${w.actor} set up the organization` },
  'organization.deactivated': { group: SETTINGS, label: 'Organization deactivated', sentence: (w) => `${w.actor} deactivated the organization` },
  'organization.mfa_required': { group: SETTINGS, label: 'Two-step sign-in required', sentence: alone('required two-step sign-in for all staff') },
  'organization.mfa_not_required': { group: SETTINGS, label: 'Two-step sign-in optional', sentence: alone('made two-step sign-in optional') },
};

/** "session.participant_removed" → "Session participant removed": for actions this map does not know yet. */
export const readableAction = (action: string) => {
  const words = action.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const ACTOR_FALLBACK: Record<AuditItem['actor']['kind'], string> = {
  user: 'A former staff member',
  participant: 'A participant',
  system: 'Carebeam',
  anonymous: 'Someone not signed in',
};

const list = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** The event as a sentence: "Dr. Ana Ruiz rescheduled Follow-up visit with Bella Ortiz". */
export function describeEvent(item: AuditItem): string {
  const patients = list(item.participants.map((p) => p.name)) || 'nobody';
  const title = item.session?.title ?? (item.sessionId ? 'a session' : null);
  const words: Words = {
    actor: item.actor.name ?? ACTOR_FALLBACK[item.actor.kind],
    session: title ? (item.participants.length > 0 ? `${title} with ${patients}` : title) : patients,
    title: title ?? 'a session',
    patients,
    entity: item.entity.name ?? (item.entity.type === 'user' ? 'a staff member' : 'their own account'),
  };
  const known = ACTION_WORDS[item.action];
  if (known) return known.sentence(words);
  const about = title || item.participants.length > 0 ? ` · ${words.session}` : '';
  return `${words.actor}: ${readableAction(item.action).toLowerCase()}${about}`;
}

/** The action filter's choices, grouped as the map groups them. */
export const actionChoices = () => {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const [value, { group, label }] of Object.entries(ACTION_WORDS)) groups.set(group, [...(groups.get(group) ?? []), { value, label }]);
  return [...groups].map(([group, items]) => ({ group, items }));
};
