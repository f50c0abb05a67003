import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentField } from '../../shared/documents';
import type { Role } from '../../shared/roles';

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
  created_at: Defaulted<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  email: string;
  roles: Role[];
  time_zone: string;
  password_hash: string;
  deactivated_at: Date | null;
  calendar_feed_token_hash: Generated<string | null>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie token: a leaked table does not leak usable sessions. */
  token_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
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
}

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

export type SessionStatus = 'scheduled' | 'in_progress' | 'completed' | 'canceled';

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
  type: string;
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

export interface PortalSessionsTable {
  token_hash: string;
  organization_id: string;
  session_id: string;
  participant_id: string;
  created_at: Date;
  expires_at: Date;
}

export type MessageKind = 'invitation' | 'update' | 'cancellation' | 'reminder';
export type Channel = 'email' | 'sms';

export interface OutboxMessagesTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string | null;
  participant_id: string | null;
  kind: MessageKind;
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

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  audit_events: AuditEventsTable;
  login_failures: LoginFailuresTable;
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
  portal_sessions: PortalSessionsTable;
  outbox_messages: OutboxMessagesTable;
  outbox_attempts: OutboxAttemptsTable;
  reminders: RemindersTable;
  session_notes: SessionNotesTable;
  files: FilesTable;
  document_template_versions: DocumentTemplateVersionsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
