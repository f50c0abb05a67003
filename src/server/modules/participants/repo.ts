import { type Kysely, sql } from 'kysely';
import type { Participant } from '../../../shared/participants';
import { normalizeForSearch } from '../../../shared/search';
import type { Database, InvitationType } from '../../db/schema';

type Db = Kysely<Database>;

const COLUMNS = ['id', 'name', 'email', 'phone', 'time_zone', 'invitation_type', 'date_of_birth'] as const;

export const toParticipant = (row: {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  time_zone: string;
  invitation_type: InvitationType;
  date_of_birth: string | null;
}): Participant => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  timeZone: row.time_zone,
  invitationType: row.invitation_type,
  dateOfBirth: row.date_of_birth,
});

/** What a search matches: the name without accents, the email, the phone's digits. */
export const searchTextOf = (p: { name: string; email: string | null; phone: string | null }) =>
  normalizeForSearch([p.name, p.email ?? '', p.phone ?? ''].join(' '));

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Name, email or phone containing the query; names starting with it first. */
export async function searchParticipants(db: Db, organizationId: string, query: string, limit: number): Promise<Participant[]> {
  const needle = normalizeForSearch(query);
  const digits = query.replace(/\D/g, '');
  let builder = db.selectFrom('participants').select(COLUMNS).where('organization_id', '=', organizationId);
  if (needle) {
    const pattern = `%${escapeLike(needle)}%`;
    builder = builder.where((eb) =>
      eb.or([
        eb('search_text', 'like', pattern),
        ...(digits.length >= 3 ? [eb('phone', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  const rows = await builder
    .orderBy(sql`CASE WHEN search_text LIKE ${`${escapeLike(needle)}%`} THEN 0 ELSE 1 END`)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toParticipant);
}

/** The organization's participants among `ids` (none for none). */
export const participantsQuery = (db: Db, organizationId: string, ids: string[]) =>
  db
    .selectFrom('participants')
    .select(COLUMNS)
    .where('organization_id', '=', organizationId)
    .where((eb) => (ids.length > 0 ? eb('id', 'in', ids) : eb.lit(false)));

export async function findParticipants(db: Db, organizationId: string, ids: string[]): Promise<Participant[]> {
  if (ids.length === 0) return [];
  return (await participantsQuery(db, organizationId, ids).execute()).map(toParticipant);
}

export async function findByEmail(db: Db, organizationId: string, email: string): Promise<Participant | undefined> {
  const row = await db
    .selectFrom('participants')
    .select(COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row && toParticipant(row);
}

export interface NewParticipant {
  name: string;
  email: string | null;
  phone: string | null;
  timeZone: string;
  invitationType: InvitationType;
  dateOfBirth: string | null;
}

export async function insertParticipant(db: Db, organizationId: string, p: NewParticipant, at: Date): Promise<Participant> {
  const row = await db
    .insertInto('participants')
    .values({
      organization_id: organizationId,
      name: p.name,
      email: p.email,
      phone: p.phone,
      time_zone: p.timeZone,
      invitation_type: p.invitationType,
      date_of_birth: p.dateOfBirth,
      search_text: searchTextOf(p),
      created_at: at,
      updated_at: at,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toParticipant(row);
}

export async function updateParticipant(db: Db, organizationId: string, id: string, p: NewParticipant, at: Date): Promise<Participant> {
  const row = await db
    .updateTable('participants')
    .set({
      name: p.name,
      email: p.email,
      phone: p.phone,
      time_zone: p.timeZone,
      invitation_type: p.invitationType,
      date_of_birth: p.dateOfBirth,
      search_text: searchTextOf(p),
      updated_at: at,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toParticipant(row);
}
