import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { type Write, writeTogether } from '../../db/writes';
import type { DocumentAssignment } from './assignment';

type Db = Kysely<Database>;

/** Gives a session its documents, each to its participant or host, in the version chosen; null when there are none. */
export function sessionDocumentsWrite(organizationId: string, sessionId: string, assignments: DocumentAssignment[], at: Date): Write | null {
  if (assignments.length === 0) return null;
  return (db) =>
    db.insertInto('session_documents').values(
      assignments.map((a) => ({
        organization_id: organizationId,
        session_id: sessionId,
        template_id: a.templateId,
        template_version_id: a.versionId,
        participant_id: a.participantId,
        host_id: a.hostId,
        created_at: at,
      })),
    );
}

export async function insertSessionDocuments(db: Db, organizationId: string, sessionId: string, assignments: DocumentAssignment[], at: Date): Promise<void> {
  await writeTogether(db, [sessionDocumentsWrite(organizationId, sessionId, assignments, at)]);
}

/** Distinct templates assigned to the session, in the versions it was given, with their audience. */
export async function assignedTemplates(db: Db, sessionId: string) {
  return db
    .selectFrom('session_documents as d')
    .innerJoin('document_template_versions as v', 'v.id', 'd.template_version_id')
    .select(['v.template_id as id', 'v.name', 'v.audience', 'd.template_version_id as versionId'])
    .select((eb) => eb.fn.count<number>('d.id').filterWhere('d.status', '=', 'completed').as('completed'))
    .where('d.session_id', '=', sessionId)
    .groupBy(['v.template_id', 'v.name', 'v.audience', 'd.template_version_id'])
    .execute();
}

/** Takes templates off a session (the caller has checked that none of them was completed). */
export async function unassignTemplates(db: Db, sessionId: string, templateIds: string[]): Promise<void> {
  if (templateIds.length > 0) await db.deleteFrom('session_documents').where('session_id', '=', sessionId).where('template_id', 'in', templateIds).execute();
}

/** The host's documents follow the session to its new host. */
export async function moveHostDocuments(db: Db, sessionId: string, fromHostId: string, toHostId: string): Promise<void> {
  await db.updateTable('session_documents').set({ host_id: toHostId }).where('session_id', '=', sessionId).where('host_id', '=', fromHostId).execute();
}

/** A removed participant's unfinished documents go; what they completed stays with the session. */
export async function dropPendingDocuments(db: Db, sessionId: string, participantId: string): Promise<void> {
  await db.deleteFrom('session_documents').where('session_id', '=', sessionId).where('participant_id', '=', participantId).where('status', '=', 'pending').execute();
}
