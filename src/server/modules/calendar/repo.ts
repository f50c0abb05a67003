import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The active staff member a feed token belongs to, with their organization's name. */
export function findFeedOwner(db: Db, tokenHash: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'o.name as organization_name'])
    .where('u.calendar_feed_token_hash', '=', tokenHash)
    .where('u.deactivated_at', 'is', null)
    .executeTakeFirst();
}

/** The sessions a host hosts between two instants, with what a calendar entry names (no participants). */
export function hostedSessions(db: Db, hostId: string, from: Date, to: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('session_types as st', 'st.id', 's.session_type_id')
    .select(['s.id', 's.starts_at', 's.ends_at', 's.status', 's.version', 'sv.name as service_name', 'st.name as session_type_name'])
    .where('s.host_id', '=', hostId)
    .where('s.starts_at', '>', from)
    .where('s.starts_at', '<', to)
    .orderBy('s.starts_at')
    .execute();
}
