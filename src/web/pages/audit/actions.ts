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
  'session.chat_started': { group: VISIT, label: 'Chat started', sentence: onSession('started the chat of') },
  'session.attachment_shared': { group: VISIT, label: 'File shared in chat', sentence: onSession('shared a file in') },
  'chat_attachment.downloaded': { group: VISIT, label: 'Chat file downloaded', sentence: onSession('downloaded a chat file of') },
  'session.video_joined': { group: VISIT, label: 'Joined the video call', sentence: onSession('joined the video call of') },
  'session.video_left': { group: VISIT, label: 'Left the video call', sentence: onSession('left the video call of') },
  'session.video_admitted': { group: VISIT, label: 'Admitted to the call', sentence: (w) => `${w.actor} admitted ${w.patients} to the call` },
  'session.screenshot_captured': { group: VISIT, label: 'Screenshot captured', sentence: onSession('captured a screenshot in') },
  'session.image_uploaded': { group: VISIT, label: 'Image uploaded', sentence: onSession('uploaded an image to') },
  'session_image.downloaded': { group: VISIT, label: 'Image downloaded', sentence: onSession('downloaded an image of') },
  'session.reading_recorded': { group: VISIT, label: 'Reading recorded', sentence: onSession('recorded a reading in') },
  'session.reading_corrected': { group: VISIT, label: 'Reading corrected', sentence: onSession('corrected a reading in') },
  'session.cart_attached': { group: VISIT, label: 'MedCart attached', sentence: onSession('attached a MedCart to') },
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
