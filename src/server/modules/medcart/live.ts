import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { LiveFeature } from '../live';
import { findImage } from './images-repo';

/**
 * MedCart on the live channel: when a reading or image arrives (or the session's send to the EHR
 * moves on), the session's open staff pages are told to reload what shows it. Participants see
 * no MedCart data; the one thing they hear is that staff took a still of their own video, with
 * its label, so that nobody is photographed without knowing.
 */
export function medcartLiveFeature({ db }: { db: Kysely<Database> }): LiveFeature {
  return {
    name: 'medcart',
    async event(event, clients) {
      if (event.kind !== 'medcart') return;
      for (const client of clients) {
        if (client.member.kind === 'staff') client.send({ type: 'medcart.changed', sessionId: event.sessionId, change: event.change });
      }
      const participants = clients.filter((c) => c.member.kind === 'participant');
      if (!event.imageId || participants.length === 0) return;
      const image = await findImage(db, event.sessionId, event.imageId);
      if (!image?.participantId) return;
      for (const client of participants) {
        if (client.member.id === image.participantId) client.send({ type: 'video.screenshot', label: image.label });
      }
    },
  };
}
