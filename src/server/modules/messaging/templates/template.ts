/** What every message about a session can say, already worked out for one recipient. */
export interface TemplateInput {
  organizationName: string;
  /** "Follow-up visit with Dr. Ada Okafor". */
  what: string;
  sessionTypeName: string;
  /** The session's time in the recipient's zone, the zone named. */
  when: string;
  /** Why the session was canceled, when it was. */
  reason?: string | undefined;
  /** " Please complete 2 forms on your session page before it." or "" (SMS only). */
  forms: string;
}

/**
 * One kind of message: its email subject and opening line, and its SMS. Subjects and SMS show on
 * lock screens and shared phones: they carry the clinic's name, the time and (SMS) the link, never
 * the service, the provider, the documents or a cancel reason; the email's body may.
 */
export interface MessageTemplate {
  /** A message about a session that is off: no join link, no calendar add, no paperwork. */
  canceled: boolean;
  subject(input: TemplateInput): string;
  lead(input: TemplateInput): string;
  /** Short; the link (if any) last, where phones find it cleanly. */
  sms(input: TemplateInput): string;
}
