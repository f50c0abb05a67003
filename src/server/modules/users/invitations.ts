import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface Invitee {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  organizationId: string;
  organizationName: string;
}

/**
 * Emails a staff member a single-use link to choose a password, in the caller's transaction. The
 * messaging module provides it (app.ts wires it in): messaging already depends on users through
 * calendar, so users cannot import it.
 */
export type SendPasswordLink = (db: Kysely<Database>, invitee: Invitee, purpose: 'invite' | 'reset', now: Date) => Promise<void>;
