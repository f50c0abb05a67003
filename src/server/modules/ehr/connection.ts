import type { Kysely } from 'kysely';
import type { EhrConnection, EhrStatus, PatientIdentifier, SaveEhrConnection } from '../../../shared/ehr';
import type { Clock } from '../../clock';
import type { Database, SigningAlgorithm } from '../../db/schema';
import { conflict, DomainError } from '../../errors';
import { requireSessionAccess } from '../access';
import { recordAudit } from '../audit';
import { type Actor, requireRole } from '../auth';
import * as repo from './connection-repo';
import type { EhrGateway } from './gateway';
import { encryptPrivateKey, newSigningKey } from './keys';

type Db = Kysely<Database>;

export interface ConnectionDeps {
  db: Db;
  clock: Clock;
  gateway: EhrGateway;
  keySecret: string | null;
  publicUrl: URL;
}

export function statusOf(connection: repo.ConnectionRow | undefined): EhrStatus {
  return {
    connected: connection !== undefined,
    name: connection?.name ?? null,
    lastCheckedAt: connection?.last_checked_at?.toISOString() ?? null,
    lastCheckOk: connection?.last_check_ok ?? null,
    lastCheckDetail: connection?.last_check_detail ?? null,
    autoSend: connection?.auto_send ?? false,
  };
}

/** The organization's EHR connection: its settings and signing key (administrators), its status (everyone). */
export function createEhrConnectionService({ db, clock, gateway, keySecret, publicUrl }: ConnectionDeps) {
  const jwksUrl = new URL('/.well-known/jwks.json', publicUrl).toString();

  async function makeKey(trx: Db, organizationId: string, algorithm: SigningAlgorithm, at: Date): Promise<void> {
    if (!keySecret) throw conflict('ehr_key_secret_missing', 'Set EHR_KEY_SECRET on the server before connecting an EHR');
    const key = await newSigningKey(algorithm);
    const sealedPrivateKey = encryptPrivateKey(keySecret, key.privatePem, { organizationId, kid: key.kid });
    await repo.replaceKey(trx, { kid: key.kid, organizationId, algorithm, publicJwk: key.publicJwk, sealedPrivateKey, at });
  }

  const audit = (trx: Db, actor: Actor, action: string, at: Date, data: Record<string, unknown> = {}) =>
    recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType: 'ehr_connection', entityId: actor.organizationId, at, data });

  async function view(trx: Db, organizationId: string): Promise<EhrConnection> {
    const connection = await repo.findConnection(trx, organizationId);
    const key = await repo.currentKey(trx, organizationId);
    return {
      status: statusOf(connection),
      settings: connection
        ? { name: connection.name, fhirBaseUrl: connection.fhir_base_url, clientId: connection.client_id, scopes: connection.scopes, algorithm: connection.algorithm, autoSend: connection.auto_send, tokenUrl: connection.token_url }
        : null,
      key: key ? { kid: key.kid, algorithm: key.algorithm, createdAt: key.created_at.toISOString() } : null,
      jwksUrl,
      keySecretConfigured: keySecret !== null,
    };
  }

  return {
    /** Every staff member sees whether an EHR is connected (the MedCart tab's status line). */
    status: async (actor: Actor): Promise<EhrStatus> => statusOf(await repo.findConnection(db, actor.organizationId)),

    async get(actor: Actor): Promise<EhrConnection> {
      requireRole(actor, 'admin');
      return view(db, actor.organizationId);
    },

    /** Saves the settings; makes a key pair on first save or when the algorithm changes. */
    async save(actor: Actor, input: SaveEhrConnection): Promise<EhrConnection> {
      requireRole(actor, 'admin');
      return db.transaction().execute(async (trx) => {
        const at = clock.now();
        const before = await repo.findConnection(trx, actor.organizationId);
        const key = await repo.currentKey(trx, actor.organizationId);
        if (!key || key.algorithm !== input.algorithm) await makeKey(trx, actor.organizationId, input.algorithm, at);
        const sameServer = before?.fhir_base_url === input.fhirBaseUrl;
        const sameClient = sameServer && before?.client_id === input.clientId && before.scopes === input.scopes && key?.algorithm === input.algorithm;
        await repo.saveConnection(trx, { organizationId: actor.organizationId, ...input, tokenUrl: sameServer ? (before?.token_url ?? null) : null, by: actor.id, at }, sameClient);
        await audit(trx, actor, 'ehr_connection.saved', at, { fhirBaseUrl: input.fhirBaseUrl, algorithm: input.algorithm, autoSend: input.autoSend });
        return view(trx, actor.organizationId);
      });
    },

    /** A new key pair; the old public key leaves the JWKS at once. */
    async rotateKey(actor: Actor): Promise<EhrConnection> {
      requireRole(actor, 'admin');
      return db.transaction().execute(async (trx) => {
        const connection = await repo.findConnection(trx, actor.organizationId);
        if (!connection) throw conflict('no_ehr_connection', 'Set up the EHR connection first');
        const at = clock.now();
        await makeKey(trx, actor.organizationId, connection.algorithm, at);
        await audit(trx, actor, 'ehr_connection.key_rotated', at);
        return view(trx, actor.organizationId);
      });
    },

    /** Gets a token and reads the EHR's metadata; the result is what the status line shows. */
    async test(actor: Actor): Promise<EhrStatus> {
      requireRole(actor, 'admin');
      if (!(await repo.findConnection(db, actor.organizationId))) throw conflict('no_ehr_connection', 'Set up the EHR connection first');
      const result = await gateway.check(actor.organizationId);
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.recordCheck(trx, actor.organizationId, { at, ...result });
        await audit(trx, actor, 'ehr_connection.tested', at, { ok: result.ok });
      });
      return statusOf(await repo.findConnection(db, actor.organizationId));
    },

    jwks: async () => ({ keys: await repo.publishedKeys(db) }),

    /** Staff of a session record a participant's patient identifier in the EHR (null clears it). */
    async setPatientIdentifier(actor: Actor, sessionId: string, participantId: string, identifier: PatientIdentifier | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await requireSessionAccess(trx, actor, sessionId, 'manage');
        const inSession = await trx.selectFrom('session_participants').select('participant_id').where('session_id', '=', sessionId).where('participant_id', '=', participantId).executeTakeFirst();
        if (!inSession) throw new DomainError('not_found', 'not_found', 'Participant was not found');
        const at = clock.now();
        if (identifier) await repo.setPatientIdentifier(trx, { organizationId: actor.organizationId, participantId, ...identifier, by: actor.id, at });
        else await repo.clearPatientIdentifier(trx, participantId);
        await recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action: identifier ? 'participant.ehr_identifier_set' : 'participant.ehr_identifier_cleared', entityType: 'participant', entityId: participantId, participantIds: [participantId], sessionId, at });
      });
    },
  };
}

export type EhrConnectionService = ReturnType<typeof createEhrConnectionService>;
