import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import type { Actor } from '../auth/actor';
import { hashToken, newToken } from '../auth/tokens';
import { calendarFile } from './ics';

const DAY = 24 * 60 * 60_000;

/**
 * A staff member's private calendar feed (webcal) of the sessions they host. Calendar apps
 * fetch it without our cookies, so the URL carries a secret token (only its hash is kept) and
 * the events name no participant: an external calendar is no place for patient data.
 */
export function createCalendarFeed({ db, clock, publicUrl }: { db: Kysely<Database>; clock: Clock; publicUrl: URL }) {
  const feedUrl = (token: string) => {
    const url = new URL(`/api/calendar/feed/${token}.ics`, publicUrl);
    return { url: url.toString(), webcal: url.toString().replace(/^https?:/, 'webcal:') };
  };

  return {
    /** A new feed URL; any earlier one stops working. Shown once: we cannot show it again. */
    async regenerate(actor: Actor): Promise<{ url: string; webcal: string }> {
      const token = newToken();
      await db.updateTable('users').set({ calendar_feed_token_hash: hashToken(token) }).where('id', '=', actor.id).execute();
      return feedUrl(token);
    },

    async revoke(actor: Actor): Promise<void> {
      await db.updateTable('users').set({ calendar_feed_token_hash: null }).where('id', '=', actor.id).execute();
    },

    async render(token: string): Promise<string> {
      const user = await db
        .selectFrom('users as u')
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .select(['u.id', 'o.name as organization_name'])
        .where('u.calendar_feed_token_hash', '=', hashToken(token))
        .where('u.deactivated_at', 'is', null)
        .executeTakeFirst();
      if (!user) throw new DomainError('not_found', 'not_found', 'This calendar feed does not exist');
      const now = clock.now().getTime();
      const sessions = await db
        .selectFrom('sessions as s')
        .innerJoin('services as sv', 'sv.id', 's.service_id')
        .innerJoin('session_types as st', 'st.id', 's.session_type_id')
        .select(['s.id', 's.starts_at', 's.ends_at', 's.status', 's.version', 'sv.name as service_name', 'st.name as session_type_name'])
        .where('s.host_id', '=', user.id)
        .where('s.starts_at', '>', new Date(now - 30 * DAY))
        .where('s.starts_at', '<', new Date(now + 180 * DAY))
        .orderBy('s.starts_at')
        .execute();
      return calendarFile({
        name: `${user.organization_name} · Carebeam`,
        method: 'publish',
        stamp: clock.now(),
        events: sessions.map((s) => {
          const url = new URL(`/sessions/${s.id}`, publicUrl).toString();
          return {
            sessionId: s.id,
            version: s.version,
            start: s.starts_at.toISOString(),
            end: s.ends_at.toISOString(),
            summary: `${s.service_name} (${s.session_type_name})`,
            description: `Open in Carebeam: ${url}`,
            url,
            canceled: s.status === 'canceled',
          };
        }),
      });
    },
  };
}

export type CalendarFeed = ReturnType<typeof createCalendarFeed>;
