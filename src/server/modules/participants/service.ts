import type { Kysely } from 'kysely';
import { contactErrors, type CreateParticipant, type Participant, type UpdateParticipant } from '../../../shared/participants';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
import { DomainError, invalid, notFound } from '../../errors';
import { requireParticipantRecordAccess } from '../access';
import { recordAudit } from '../audit';
import type { Actor } from '../auth';
import * as repo from './repo';

/** 409 naming the participant who already has this email, so the screen can offer them. */
export class ParticipantExists extends DomainError {
  constructor(
    readonly existing: Participant,
    path = 'email',
  ) {
    super('conflict', 'participant_exists', `${existing.name} already has this email address in the directory`, {
      errors: [{ path, message: `Already in the directory as ${existing.name}` }],
      extensions: { existing },
    });
  }
}

/** Creates a directory entry, or throws ParticipantExists when the email is already there. */
export async function addToDirectory(
  trx: Kysely<Database>,
  actor: Actor,
  input: CreateParticipant,
  at: Date,
  errorPath = 'email',
): Promise<Participant> {
  if (input.email) {
    const existing = await repo.findByEmail(trx, actor.organizationId, input.email);
    if (existing) throw new ParticipantExists(existing, errorPath);
  }
  const participant = await repo.insertParticipant(
    trx,
    actor.organizationId,
    { ...input, email: input.email ?? null, phone: input.phone ?? null, dateOfBirth: input.dateOfBirth ?? null },
    at,
  );
  await recordAudit(trx, {
    organizationId: actor.organizationId,
    actorUserId: actor.id,
    action: 'participant.created',
    entityType: 'participant',
    entityId: participant.id,
    participantIds: [participant.id],
    at,
  });
  return participant;
}

/** What else changes with a participant's email or phone (their sessions: links, messages), in the same transaction. */
export type ContactChanged = (trx: Kysely<Database>, actor: Actor, before: Participant, after: Participant) => Promise<void>;

/**
 * Every staff member of the organization reads its participant directory; who may change an entry
 * is the access module's participant record rule.
 */
export function createParticipantsService({ db, clock, contactChanged }: { db: Kysely<Database>; clock: Clock; contactChanged?: ContactChanged }) {
  const uniqueEmail = async <T>(actor: Actor, email: string | null | undefined, work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      // A concurrent insert of the same email lost the race: report it like a found duplicate.
      if (email && isUniqueViolation(error, 'participants_email_key')) {
        const existing = await repo.findByEmail(db, actor.organizationId, email);
        if (existing) throw new ParticipantExists(existing);
      }
      throw error;
    }
  };

  return {
    search: (actor: Actor, query: string, limit: number) => repo.searchParticipants(db, actor.organizationId, query, limit),

    async get(actor: Actor, id: string): Promise<Participant> {
      const [participant] = await repo.findParticipants(db, actor.organizationId, [id]);
      if (!participant) throw notFound('Participant');
      return participant;
    },

    create: (actor: Actor, input: CreateParticipant) =>
      uniqueEmail(actor, input.email, () => db.transaction().execute((trx) => addToDirectory(trx, actor, input, clock.now()))),

    update: (actor: Actor, id: string, patch: UpdateParticipant) =>
      uniqueEmail(actor, patch.email, () =>
        db.transaction().execute(async (trx) => {
          await requireParticipantRecordAccess(trx, actor, id);
          const [current] = await repo.findParticipants(trx, actor.organizationId, [id]);
          if (!current) throw notFound('Participant');
          const next = { ...current, ...patch };
          // The merged record must still carry the contact its invitation type needs.
          const missing = contactErrors({ ...next, email: next.email ?? undefined, phone: next.phone ?? undefined });
          if (missing.length > 0) throw invalid(missing);
          if (next.email && next.email !== current.email) {
            const existing = await repo.findByEmail(trx, actor.organizationId, next.email);
            if (existing) throw new ParticipantExists(existing);
          }
          const at = clock.now();
          const updated = await repo.updateParticipant(trx, actor.organizationId, id, next, at);
          await contactChanged?.(trx, actor, current, updated);
          await recordAudit(trx, {
            organizationId: actor.organizationId,
            actorUserId: actor.id,
            action: 'participant.updated',
            entityType: 'participant',
            entityId: id,
            participantIds: [id],
            at,
            data: { changed: Object.keys(patch) },
          });
          return updated;
        }),
      ),
  };
}

export type ParticipantsService = ReturnType<typeof createParticipantsService>;
