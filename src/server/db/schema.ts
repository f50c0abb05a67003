import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../../shared/roles';

/** A column the database fills in on insert but that may also be given explicitly. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  time_zone: string;
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
  id: Generated<string>;
  organization_id: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  at: Date;
  data: Json<Record<string, unknown>>;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string;
  at: Date;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  audit_events: AuditEventsTable;
  login_failures: LoginFailuresTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
