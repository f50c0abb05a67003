import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { type Actor, hashToken, newToken } from '../auth';
import { setCalendarFeedTokenHash } from '../users';
import { calendarFile } from './ics';
import { findFeedOwner, hostedSessions } from './repo';

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
      await setCalendarFeedTokenHash(db, actor.id, hashToken(token));
      return feedUrl(token);
    },

    async revoke(actor: Actor): Promise<void> {
      await setCalendarFeedTokenHash(db, actor.id, null);
    },

    async render(token: string): Promise<string> {
      const user = await findFeedOwner(db, hashToken(token));
      if (!user) throw new DomainError('not_found', 'not_found', 'This calendar feed does not exist');
      const now = clock.now().getTime();
      const sessions = await hostedSessions(db, user.id, new Date(now - 30 * DAY), new Date(now + 180 * DAY));
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
