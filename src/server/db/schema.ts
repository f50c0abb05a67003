import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentField } from '../../shared/documents';
import type { HistoryKind, MessageKind } from '../../shared/history';
import type { OutboxKind } from '../../shared/outbox';
import type { AdmissionState, MediaState, Signal } from '../../shared/video';
import type { ParticipantVerification } from '../../shared/organization';
import type { Role } from '../../shared/roles';
import type { UnitSystem } from '../../shared/vitals';
import type * as health from './schema-health';

export type * from './schema-health';

/** A column the database fills in on insert but that may also be given explicitly. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  time_zone: string;
  slot_step_minutes: Generated<number>;
  minimum_notice_minutes: Generated<number>;
  reminder_offsets_minutes: Generated<number[]>;
  join_window_minutes: Generated<number>;
  auto_complete_minutes: Generated<number>;
  preferred_units: Generated<UnitSystem>;
  locale: Generated<string>;
  created_at: Defaulted<Date>;
  /** Set by the operator's `org deactivate`: no sign-ins, no participant links. */
  deactivated_at: Generated<Date | null>;
  /** Staff must enrol a second factor (TOTP) before reaching anything. */
  require_mfa: Generated<boolean>;
  /** What a participant confirms before their link shows anything. */
  participant_verification: Generated<ParticipantVerification>;
  /** The logo (a row of `files`) and its size in pixels: all set or all null. */
  logo_file_id: Generated<string | null>;
  logo_width: Generated<number | null>;
  logo_height: Generated<number | null>;
}

export interface UsersTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  email: string;
  roles: Role[];
  time_zone: string;
  /** Null until an invited staff member chooses a password. */
  password_hash: string | null;
  deactivated_at: Date | null;
  calendar_feed_token_hash: Generated<string | null>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface SignInsTable {
  /** SHA-256 of the cookie token: a leaked table does not leak usable sign-ins. */
  token_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
  /** Password accepted, second factor not yet given: reaches nothing but the second step. */
  mfa_pending: Generated<boolean>;
}

/** A staff member's TOTP factor; without `enrolled_at` an enrolment in progress. */
export interface StaffMfaTable {
  user_id: string;
  /** Base32, never returned once enrolment completes. */
  totp_secret: string;
  enrolled_at: Date | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  last_step: number | null;
  created_at: Date;
}

export interface MfaRecoveryCodesTable {
  id: Generated<number>;
  user_id: string;
  /** SHA-256 of the code (codes carry 50 random bits, shown once). */
  code_hash: string;
  used_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  organization_id: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  at: Date;
  data: Json<Record<string, unknown>>;
  actor_kind: ColumnType<AuditActorKind, AuditActorKind | undefined, never>;
  actor_participant_id: string | null;
  participant_ids: ColumnType<string[], string[] | undefined, never>;
  session_id: string | null;
  outcome: ColumnType<AuditOutcome, AuditOutcome | undefined, never>;
  address: string | null;
  /** The row's place in its organization's hash chain, from 1 (see modules/audit/chain.ts). */
  seq: number;
  prev_hash: string;
  hash: string;
}

/** The last link of each organization's audit chain, locked by every append. */
export interface AuditChainHeadsTable {
  organization_id: string;
  seq: number;
  hash: string;
}

export type AuditActorKind = 'user' | 'participant' | 'system' | 'anonymous';
export type AuditOutcome = 'success' | 'denied' | 'failed';

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: Date;
}

export type Modality = 'video' | 'phone' | 'in_person';

export interface SessionTypesTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  modality: Modality;
  active: Generated<boolean>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface ServicesTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  description: Generated<string>;
  duration_minutes: number;
  active: Generated<boolean>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface ServiceSessionTypesTable {
  organization_id: string;
  service_id: string;
  session_type_id: string;
}

export interface WorkHoursTable {
  user_id: string;
  organization_id: string;
  time_zone: string;
  weekly: Json<{ weekday: number; start: string; end: string }[]>;
  overrides: Json<{ date: string; ranges: { start: string; end: string }[] }[]>;
  updated_at: Date;
}

export type { SessionStatus } from '../../shared/sessions';
import type { SessionStatus } from '../../shared/sessions';

export interface SessionsTable {
  id: Generated<string>;
  organization_id: string;
  service_id: string;
  session_type_id: string;
  host_id: string;
  created_by: string;
  starts_at: Date;
  ends_at: Date;
  status: Generated<SessionStatus>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
  version: Generated<number>;
  canceled_at: Generated<Date | null>;
  cancel_reason: Generated<string | null>;
  previous_session_id: Generated<string | null>;
  started_at: Generated<Date | null>;
  ended_at: Generated<Date | null>;
}

export type InvitationType = 'email' | 'sms' | 'email_sms' | 'none';
export type Audience = 'participant' | 'host';

export interface ParticipantsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  time_zone: string;
  invitation_type: InvitationType;
  search_text: string;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
  /** `YYYY-MM-DD` (dates are read as text). */
  date_of_birth: Generated<string | null>;
}

export interface SessionParticipantsTable {
  organization_id: string;
  session_id: string;
  participant_id: string;
  invitation_type: InvitationType;
  added_at: Date;
}

export interface DocumentTemplatesTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  audience: Audience;
  kind: Generated<'form' | 'pdf'>;
  current_version: Generated<number>;
  active: Generated<boolean>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface ServiceDocumentTemplatesTable {
  organization_id: string;
  service_id: string;
  template_id: string;
}

export interface SessionDocumentsTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  template_id: string;
  participant_id: string | null;
  host_id: string | null;
  status: Generated<'pending' | 'completed'>;
  created_at: Date;
  completed_at: Date | null;
  template_version_id: string;
  answers: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  completed_by_kind: 'participant' | 'user' | null;
  completed_by_id: string | null;
  completed_by_name: string | null;
}

export type ActorKind = 'user' | 'participant' | 'system';

export interface SessionHistoryTable {
  id: Generated<number>;
  organization_id: string;
  session_id: string;
  at: Date;
  type: HistoryKind;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_name: string;
  summary: string;
  data: Json<Record<string, unknown>>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  session_id: string;
  created_at: Date;
}

export interface JoinTokensTable {
  token_hash: string;
  organization_id: string;
  session_id: string;
  participant_id: string;
  created_at: Date;
  expires_at: Date;
  first_used_at: Date | null;
}

export type PasswordLinkPurpose = 'invite' | 'reset' | 'setup';

export interface PasswordLinksTable {
  id: Generated<string>;
  purpose: PasswordLinkPurpose;
  organization_id: string | null;
  user_id: string | null;
  /** SHA-256 of the token: the token itself exists only in the message that carried it. */
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface PasswordResetRequestsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: Date;
}

export interface PortalSignInsTable {
  token_hash: string;
  organization_id: string;
  session_id: string;
  participant_id: string;
  created_at: Date;
  expires_at: Date;
  /** When this visit confirmed who is joining (organizations that ask). */
  verified_at: Generated<Date | null>;
}

export interface ParticipantVerificationCodesTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  participant_id: string;
  outbox_message_id: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Generated<Date | null>;
}

export interface ParticipantVerificationAttemptsTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  participant_id: string;
  succeeded: boolean;
  at: Date;
}

export type { MessageKind };
export type Channel = 'email' | 'sms';

export interface OutboxMessagesTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string | null;
  participant_id: string | null;
  /** A staff message's set-password link, minted at delivery. */
  password_link_id: Generated<string | null>;
  kind: OutboxKind;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  attachments: Json<{ filename: string; contentType: string; content: string }[]>;
  status: Generated<'queued' | 'sent' | 'failed'>;
  transport: string | null;
  provider_id: string | null;
  attempts: Generated<number>;
  next_attempt_at: Date;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  attempt_started_at: Date | null;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
}

export interface OutboxAttemptsTable {
  id: Generated<number>;
  message_id: string;
  at: Date;
  outcome: 'sent' | 'failed';
  transport: string;
  error: string | null;
}

export interface RemindersTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  participant_id: string;
  offset_minutes: number;
  due_at: Date;
  status: Generated<'pending' | 'sent' | 'skipped' | 'canceled'>;
  processed_at: Date | null;
}

/** The pending reminders (a reminder is pending while it has a row here), by when they fall due. */
export interface ReminderQueueTable {
  reminder_id: string;
  due_at: Date;
}

export interface SessionNotesTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  author_id: string;
  body: string;
  amends: string | null;
  created_at: Date;
}

export interface FilesTable {
  id: Generated<string>;
  organization_id: string;
  storage_key: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_by: string | null;
  created_at: Date;
}

export interface DocumentTemplateVersionsTable {
  id: Generated<string>;
  organization_id: string;
  template_id: string;
  version: number;
  name: string;
  audience: Audience;
  kind: 'form' | 'pdf';
  fields: Json<DocumentField[]>;
  file_id: string | null;
  created_at: Date;
  created_by: string | null;
}

export type LiveMemberKind = 'staff' | 'participant';

export interface ChatSequencesTable {
  session_id: string;
  last_seq: number;
}

export interface ChatMessagesTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  seq: number;
  sender_kind: LiveMemberKind;
  sender_user_id: string | null;
  sender_participant_id: string | null;
  sender_name: string;
  /** The participant whose private thread (with the session's staff) this is in; null: the whole session. */
  thread_participant_id: string | null;
  body: string;
  client_message_id: string;
  created_at: Date;
}

export interface ChatAttachmentsTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  file_id: string;
  uploader_kind: LiveMemberKind;
  uploader_id: string;
  message_id: string | null;
  created_at: Date;
}

export interface ChatReadsTable {
  session_id: string;
  reader_kind: LiveMemberKind;
  reader_id: string;
  /** 'session', or the participant id of a private thread. */
  thread: string;
  last_read_seq: number;
}

export interface LiveConnectionsTable {
  id: string;
  instance_id: string;
  organization_id: string;
  /** Null for a staff member's own channel (across their sessions). */
  session_id: string | null;
  member_kind: LiveMemberKind;
  member_id: string;
  connected_at: Date;
  seen_at: Date;
  /** Set while this socket is in the session's video call. */
  in_call_since: Generated<Date | null>;
  media: ColumnType<MediaState, string | undefined, string>;
}

export interface VideoAdmissionsTable {
  session_id: string;
  participant_id: string;
  state: AdmissionState;
  since: Date;
}

export interface VideoSignalsTable {
  id: Generated<number>;
  session_id: string;
  from_client: string;
  to_client: string;
  signal: Json<Signal>;
  created_at: Date;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sign_ins: SignInsTable;
  staff_mfa: StaffMfaTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  login_failures: LoginFailuresTable;
  password_links: PasswordLinksTable;
  password_reset_requests: PasswordResetRequestsTable;
  session_types: SessionTypesTable;
  services: ServicesTable;
  service_session_types: ServiceSessionTypesTable;
  work_hours: WorkHoursTable;
  sessions: SessionsTable;
  participants: ParticipantsTable;
  session_participants: SessionParticipantsTable;
  document_templates: DocumentTemplatesTable;
  service_document_templates: ServiceDocumentTemplatesTable;
  session_documents: SessionDocumentsTable;
  session_history: SessionHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
  join_tokens: JoinTokensTable;
  portal_sign_ins: PortalSignInsTable;
  participant_verification_codes: ParticipantVerificationCodesTable;
  participant_verification_attempts: ParticipantVerificationAttemptsTable;
  outbox_messages: OutboxMessagesTable;
  outbox_attempts: OutboxAttemptsTable;
  server_secrets: ServerSecretsTable;
  reminders: RemindersTable;
  reminder_queue: ReminderQueueTable;
  session_notes: SessionNotesTable;
  files: FilesTable;
  document_template_versions: DocumentTemplateVersionsTable;
  chat_sequences: ChatSequencesTable;
  chat_messages: ChatMessagesTable;
  chat_attachments: ChatAttachmentsTable;
  chat_reads: ChatReadsTable;
  live_connections: LiveConnectionsTable;
  video_admissions: VideoAdmissionsTable;
  video_signals: VideoSignalsTable;
  carts: health.CartsTable;
  session_carts: health.SessionCartsTable;
  readings: health.ReadingsTable;
  session_images: health.SessionImagesTable;
  ehr_connections: health.EhrConnectionsTable;
  ehr_keys: health.EhrKeysTable;
  ehr_patient_identifiers: health.EhrPatientIdentifiersTable;
  ehr_exports: health.EhrExportsTable;
  ehr_export_attempts: health.EhrExportAttemptsTable;
  ehr_export_items: health.EhrExportItemsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
