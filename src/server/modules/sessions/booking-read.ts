import type { Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/schema';
import { hostContextQuery, toHostContext } from '../availability';
import { servicesQuery, toService } from '../catalog';
import { assignableTemplatesQuery } from '../documents';
import { newSessionNamesQuery } from '../messaging';
import { participantsQuery, toParticipant } from '../participants';

/**
 * Everything a booking reads before it writes, in one statement (one round trip instead of five):
 * the host with their Work Hours, the service, the documents (those asked for, else the service's
 * defaults), the participants named by id, and the names its invitations print. Each part is the
 * owning module's own query, nested as JSON; missing ones are undefined (host, service, names) or
 * absent (templates, participants), and the caller refuses them in its own order.
 */
export async function readBookingFacts(
  trx: Kysely<Database>,
  organizationId: string,
  wanted: { hostId: string; serviceId: string; sessionTypeId: string; templateIds: string[] | undefined; participantIds: string[] },
) {
  const row = await trx
    .selectNoFrom([
      jsonObjectFrom(hostContextQuery(trx, organizationId, wanted.hostId)).as('host'),
      jsonObjectFrom(servicesQuery(trx, organizationId, { includeInactive: true, ids: [wanted.serviceId] })).as('service'),
      jsonArrayFrom(assignableTemplatesQuery(trx, organizationId, wanted.templateIds ?? { defaultsOf: wanted.serviceId })).as('templates'),
      jsonArrayFrom(participantsQuery(trx, organizationId, wanted.participantIds)).as('participants'),
      jsonObjectFrom(newSessionNamesQuery(trx, organizationId, wanted.sessionTypeId, wanted.hostId)).as('names'),
    ])
    .executeTakeFirstOrThrow();
  return {
    host: row.host ? toHostContext(row.host) : undefined,
    service: row.service ? toService(row.service) : undefined,
    templates: row.templates,
    participants: row.participants.map(toParticipant),
    names: row.names ?? undefined,
  };
}
