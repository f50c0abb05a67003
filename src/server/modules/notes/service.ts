import type { Kysely } from 'kysely';
import type { SessionNote } from '../../../shared/session-management';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { invalid } from '../../errors';
import type { Actor } from '../auth';
import { recordHistory } from '../history';
import { requireSessionAccess } from '../access';

/** Notes are staff-only: no portal route reads them. */
export function createNotesService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  return {
    /** Newest first, each with its author; amendments point at the note they correct. */
    async list(actor: Actor, sessionId: string): Promise<SessionNote[]> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      const rows = await db
        .selectFrom('session_notes as n')
        .innerJoin('users as u', 'u.id', 'n.author_id')
        .select(['n.id', 'n.body', 'n.amends', 'n.created_at', 'u.id as author_id', 'u.name as author_name'])
        .where('n.session_id', '=', sessionId)
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        body: row.body,
        amends: row.amends,
        author: { id: row.author_id, name: row.author_name },
        createdAt: row.created_at.toISOString(),
      }));
    },

    async add(actor: Actor, sessionId: string, input: { body: string; amends?: string | undefined }): Promise<SessionNote> {
      const session = await requireSessionAccess(db, actor, sessionId, 'manage');
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        if (input.amends) {
          const original = await trx.selectFrom('session_notes').select('id').where('id', '=', input.amends).where('session_id', '=', sessionId).executeTakeFirst();
          if (!original) throw invalid([{ path: 'amends', message: 'This note is not part of the session' }]);
        }
        const note = await trx
          .insertInto('session_notes')
          .values({ organization_id: session.organization_id, session_id: sessionId, author_id: actor.id, body: input.body, amends: input.amends ?? null, created_at: now })
          .returning(['id', 'body', 'amends', 'created_at'])
          .executeTakeFirstOrThrow();
        await recordHistory(trx, {
          organizationId: session.organization_id,
          sessionId,
          at: now,
          type: 'note_added',
          actor: { kind: 'user', id: actor.id, name: actor.name },
          data: { noteId: note.id, amends: note.amends },
        });
        return { id: note.id, body: note.body, amends: note.amends, author: { id: actor.id, name: actor.name }, createdAt: note.created_at.toISOString() };
      });
    },
  };
}

export type NotesService = ReturnType<typeof createNotesService>;
