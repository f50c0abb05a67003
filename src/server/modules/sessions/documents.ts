import type { Clock } from '../../clock';
import { conflict } from '../../errors';
import type { Actor } from '../auth';
import { assignedTemplates, documentAssignments, insertSessionDocuments, requireTemplates, unassignTemplates } from '../documents';
import { changeSession, type Db, type ManagementDeps, recordChange, requireNotOver, type SessionRow } from './change';
import * as repo from './repo';

/** Adds or removes assignments so the session's documents are exactly `templateIds`; true if any changed. */
export async function assignDocuments(trx: Db, clock: Clock, actor: Actor, row: SessionRow, templateIds: string[]): Promise<boolean> {
  const wanted = await requireTemplates(trx, actor.organizationId, templateIds, 'documentTemplateIds');
  const current = await assignedTemplates(trx, row.id);
  const added = wanted.filter((t) => !current.some((c) => c.id === t.id));
  const removed = current.filter((c) => !wanted.some((t) => t.id === c.id));
  const locked = removed.find((t) => t.completed > 0);
  if (locked) throw conflict('document_completed', `${locked.name} has been completed and stays with the session`);
  if (added.length === 0 && removed.length === 0) return false;
  const participants = await repo.sessionParticipantIds(trx, row.id);
  await insertSessionDocuments(trx, row.organization_id, row.id, documentAssignments(added, participants, row.host_id), clock.now());
  await unassignTemplates(trx, row.id, removed.map((t) => t.id));
  await recordChange(trx, clock, actor, row, { type: 'documents_updated', data: { added: added.map((t) => t.name), removed: removed.map((t) => t.name) } });
  return true;
}

/** The Documents tab's "assign": the session's documents become exactly these. */
export function setSessionDocuments(deps: ManagementDeps, actor: Actor, id: string, templateIds: string[]): Promise<void> {
  return changeSession(deps, actor, id, async (trx, row) => {
    requireNotOver(row);
    if (await assignDocuments(trx, deps.clock, actor, row, templateIds)) await repo.bumpVersion(trx, id, deps.clock.now());
  });
}
