import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { invalid } from '../../errors';
import type { Actor } from '../auth/actor';
import { listTemplates } from './repo';

/** Active templates of the organization among `ids`; unknown ones are reported at their index. */
export async function requireTemplates(db: Kysely<Database>, organizationId: string, ids: string[], path: string) {
  const found = await listTemplates(db, organizationId, ids);
  const known = new Set(found.map((t) => t.id));
  const errors = ids.flatMap((id, index) => (known.has(id) ? [] : [{ path: `${path}.${index}`, message: 'Unknown document' }]));
  if (errors.length > 0) throw invalid(errors);
  return found;
}

export function createDocumentsService({ db }: { db: Kysely<Database> }) {
  return {
    listTemplates: (actor: Actor) => listTemplates(db, actor.organizationId),
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
