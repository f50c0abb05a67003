import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** A session's documents with the version they were given, their assignee and the session's state. */
export function documentQuery(db: Db) {
  return db
    .selectFrom('session_documents as d')
    .innerJoin('document_template_versions as v', 'v.id', 'd.template_version_id')
    .innerJoin('sessions as s', 's.id', 'd.session_id')
    .leftJoin('participants as p', 'p.id', 'd.participant_id')
    .leftJoin('users as h', 'h.id', 'd.host_id')
    .select([
      'd.id',
      'd.organization_id',
      'd.session_id',
      'd.template_id',
      'd.participant_id',
      'd.host_id',
      'd.status',
      'd.answers',
      'd.completed_at',
      'd.completed_by_kind',
      'd.completed_by_name',
      'v.name',
      'v.audience',
      'v.kind',
      'v.version',
      'v.fields',
      'v.file_id',
      's.status as session_status',
      's.host_id as session_host_id',
      'p.name as participant_name',
      'p.time_zone as participant_time_zone',
      'h.name as host_name',
      'h.time_zone as host_time_zone',
    ]);
}

export type Row = Awaited<ReturnType<ReturnType<typeof documentQuery>['execute']>>[number];

/** What a signed PDF prints about its session. */
export function findSessionForPdf(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('session_types as st', 'st.id', 's.session_type_id')
    .innerJoin('users as h', 'h.id', 's.host_id')
    .select(['o.name as organization_name', 'sv.name as service_name', 'st.name as session_type_name', 'h.name as host_name', 's.starts_at', 's.ends_at'])
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
}
