import type { Kysely } from 'kysely';
import type { Attendance, IceConfig } from '../../../shared/video';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { requireParticipantAccess, requireSessionAccess } from '../access';
import type { Actor, PortalVisitor } from '../auth';
import { recordHistory } from '../history';
import { takeOutOfCall } from '../live';
import { findParticipants } from '../participants';
import { attendanceFrom } from './attendance';
import { iceConfigFor, type IceSettings } from './ice';
import * as repo from './repo';

type Db = Kysely<Database>;

const notAdmitted = () => new DomainError('forbidden', 'not_admitted', 'Wait until the clinic lets you into the call');

/** The door of the call (admit, deny, remove), its ICE servers, and the attendance it leaves. */
export function createVideoService({ db, clock, ice }: { db: Db; clock: Clock; ice: IceSettings }) {
  async function participantOf(trx: Db, actor: Actor, sessionId: string, participantId: string) {
    const [participant] = await findParticipants(trx, actor.organizationId, [participantId]);
    if (!participant || (await repo.admissionOf(trx, sessionId, participantId)) === null) throw notFound('Participant');
    return participant;
  }

  /** A staff decision at the door, with its history line; every instance hears of it. */
  async function decide(actor: Actor, sessionId: string, work: (trx: Db, at: Date) => Promise<{ participantId: string; name: string }[]>, type: 'video_admitted' | 'video_denied' | 'video_removed') {
    await db.transaction().execute(async (trx) => {
      const session = await requireSessionAccess(trx, actor, sessionId, 'manage');
      const at = clock.now();
      for (const person of await work(trx, at)) {
        await recordHistory(trx, { organizationId: session.organization_id, sessionId, at, actor: { kind: 'user', id: actor.id, name: actor.name }, type, data: person });
      }
      await notify(trx, { kind: 'call', sessionId });
    });
  }

  return {
    /** Lets one participant in, or (none named) everyone waiting. */
    admit: (actor: Actor, sessionId: string, participantId?: string) =>
      decide(actor, sessionId, (trx, at) => repo.admitWaiting(trx, sessionId, at, participantId), 'video_admitted'),

    deny: (actor: Actor, sessionId: string, participantId: string) =>
      decide(actor, sessionId, async (trx, at) => {
        const participant = await participantOf(trx, actor, sessionId, participantId);
        await repo.setAdmission(trx, sessionId, participantId, 'denied', at);
        return [{ participantId, name: participant.name }];
      }, 'video_denied'),

    /** Out of the call at once; back only if admitted again. */
    remove: (actor: Actor, sessionId: string, participantId: string) =>
      decide(actor, sessionId, async (trx, at) => {
        const participant = await participantOf(trx, actor, sessionId, participantId);
        await repo.setAdmission(trx, sessionId, participantId, 'removed', at);
        await takeOutOfCall(trx, sessionId, { kind: 'participant', id: participantId });
        return [{ participantId, name: participant.name }];
      }, 'video_removed'),

    async iceForStaff(actor: Actor, sessionId: string): Promise<IceConfig> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      return iceConfigFor(ice, `staff-${actor.id}`, clock.now());
    },

    /** Only for a participant let into the call: TURN is not handed to whoever holds a link. */
    async iceForParticipant(visitor: PortalVisitor): Promise<IceConfig> {
      await requireParticipantAccess(db, visitor, 'take_part');
      if ((await repo.admissionOf(db, visitor.sessionId, visitor.participantId)) !== 'admitted') throw notAdmitted();
      return iceConfigFor(ice, `participant-${visitor.participantId}`, clock.now());
    },

    async attendance(actor: Actor, sessionId: string): Promise<Attendance> {
      const session = await requireSessionAccess(db, actor, sessionId, 'read');
      const rows = await repo.callHistory(db, sessionId);
      const events = rows.flatMap((row) =>
        row.actor_id && row.actor_kind !== 'system' && (row.type === 'video_joined' || row.type === 'video_left')
          ? [{ type: row.type, at: row.at, actor: { kind: row.actor_kind === 'user' ? ('staff' as const) : ('participant' as const), id: row.actor_id, name: row.actor_name } }]
          : [],
      );
      const running = session.status === 'in_progress';
      return attendanceFrom(events, session.ended_at ?? (running ? clock.now() : session.ends_at), running);
    },
  };
}

export type VideoService = ReturnType<typeof createVideoService>;
