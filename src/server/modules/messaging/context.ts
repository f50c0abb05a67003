import type { Kysely } from 'kysely';
import type { Modality } from '../../../shared/catalog';
import type { InvitationType } from '../../../shared/participants';
import type { SessionStatus } from '../../../shared/sessions';
import type { Database } from '../../db/schema';

/** Everything a message about a session says: the session, its participants and their pending documents. */
export interface MessageContext {
  organizationId: string;
  organizationName: string;
  /** The operator deactivated the organization: nothing more goes out for it. */
  organizationDeactivated: boolean;
  /** The logo's size in pixels, when the organization has one; its bytes join the email when it is sent. */
  organizationLogo: { width: number; height: number } | null;
  session: {
    id: string;
    start: string;
    end: string;
    version: number;
    status: SessionStatus;
    serviceName: string;
    sessionTypeName: string;
    modality: Modality;
    hostName: string;
  };
  participants: {
    id: string;
    name: string;
    timeZone: string;
    email: string | null;
    phone: string | null;
    invitationType: InvitationType;
    /** Names of the documents this participant has yet to complete, as of when the message is written. */
    pendingDocuments: string[];
  }[];
}

export async function loadMessageContext(db: Kysely<Database>, sessionId: string): Promise<MessageContext> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('session_types as st', 'st.id', 's.session_type_id')
    .innerJoin('users as h', 'h.id', 's.host_id')
    .select([
      's.id',
      's.organization_id',
      'o.name as organization_name',
      'o.deactivated_at as organization_deactivated_at',
      'o.logo_width',
      'o.logo_height',
      's.starts_at',
      's.ends_at',
      's.version',
      's.status',
      'sv.name as service_name',
      'st.name as session_type_name',
      'st.modality',
      'h.name as host_name',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const participants = await db
    .selectFrom('session_participants as sp')
    .innerJoin('participants as p', 'p.id', 'sp.participant_id')
    .select(['p.id', 'p.name', 'p.time_zone', 'p.email', 'p.phone', 'sp.invitation_type'])
    .where('sp.session_id', '=', sessionId)
    .orderBy('sp.added_at')
    .execute();
  const pending = await db
    .selectFrom('session_documents as d')
    .innerJoin('document_template_versions as v', 'v.id', 'd.template_version_id')
    .select(['d.participant_id', 'v.name'])
    .where('d.session_id', '=', sessionId)
    .where('d.status', '=', 'pending')
    .where('d.participant_id', 'is not', null)
    .orderBy('v.name')
    .execute();
  const pendingFor = (participantId: string) => pending.filter((d) => d.participant_id === participantId).map((d) => d.name);
  return {
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    organizationDeactivated: row.organization_deactivated_at !== null,
    organizationLogo: logoSize(row),
    session: {
      id: row.id,
      start: row.starts_at.toISOString(),
      end: row.ends_at.toISOString(),
      version: row.version,
      status: row.status,
      serviceName: row.service_name,
      sessionTypeName: row.session_type_name,
      modality: row.modality,
      hostName: row.host_name,
    },
    participants: participants.map((p) => ({
      id: p.id,
      name: p.name,
      timeZone: p.time_zone,
      email: p.email,
      phone: p.phone,
      invitationType: p.invitation_type,
      pendingDocuments: pendingFor(p.id),
    })),
  };
}

/** The names a new session's messages print that its booking does not hold: organization, session type, host. */
export const newSessionNamesQuery = (db: Kysely<Database>, organizationId: string, sessionTypeId: string, hostId: string) =>
  db
    .selectFrom('organizations as o')
    .innerJoin('session_types as st', 'st.organization_id', 'o.id')
    .innerJoin('users as h', 'h.organization_id', 'o.id')
    .select(['o.name as organization_name', 'o.deactivated_at as organization_deactivated_at', 'o.logo_width', 'o.logo_height', 'st.name as session_type_name', 'st.modality', 'h.name as host_name'])
    .where('o.id', '=', organizationId)
    .where('st.id', '=', sessionTypeId)
    .where('h.id', '=', hostId);

type NewSessionNames = NonNullable<Awaited<ReturnType<ReturnType<typeof newSessionNamesQuery>['executeTakeFirst']>>>;

/**
 * The context of a session its booking is writing, from what the booking already holds (times,
 * service, participants with their documents) and the names it read with its other facts
 * (`newSessionNamesQuery`; the deactivation time as JSON text there): reading back the rows it
 * just wrote would take three queries inside its transaction.
 */
export function newSessionMessageContext(
  names: Omit<NewSessionNames, 'organization_deactivated_at'> & { organization_deactivated_at: Date | string | null },
  session: { id: string; organizationId: string; start: Date; end: Date; serviceName: string },
  participants: MessageContext['participants'],
): MessageContext {
  return {
    organizationId: session.organizationId,
    organizationName: names.organization_name,
    organizationDeactivated: names.organization_deactivated_at !== null,
    organizationLogo: logoSize(names),
    session: {
      id: session.id,
      start: session.start.toISOString(),
      end: session.end.toISOString(),
      version: 1,
      status: 'scheduled',
      serviceName: session.serviceName,
      sessionTypeName: names.session_type_name,
      modality: names.modality,
      hostName: names.host_name,
    },
    participants,
  };
}

/** The organization's logo size, for a message not about a session (a staff member's own account). */
export async function loadOrganizationLogoSize(db: Kysely<Database>, organizationId: string): Promise<MessageContext['organizationLogo']> {
  const row = await db.selectFrom('organizations').select(['logo_width', 'logo_height']).where('id', '=', organizationId).executeTakeFirst();
  return row ? logoSize(row) : null;
}

const logoSize = (row: { logo_width: number | null; logo_height: number | null }) =>
  row.logo_width && row.logo_height ? { width: row.logo_width, height: row.logo_height } : null;
