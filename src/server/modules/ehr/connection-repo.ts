import type { Kysely, Selectable } from 'kysely';
import type { PublicJwk } from '../../../shared/ehr';
import type { Database, EhrConnectionsTable, EhrKeysTable, SigningAlgorithm } from '../../db/schema';

type Db = Kysely<Database>;

export type ConnectionRow = Selectable<EhrConnectionsTable>;
export type KeyRow = Selectable<EhrKeysTable>;

export function findConnection(db: Db, organizationId: string): Promise<ConnectionRow | undefined> {
  return db.selectFrom('ehr_connections').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
}

export async function saveConnection(
  db: Db,
  row: { organizationId: string; name: string; fhirBaseUrl: string; clientId: string; scopes: string; algorithm: SigningAlgorithm; autoSend: boolean; tokenUrl: string | null; by: string; at: Date },
  keepCheck: boolean,
): Promise<void> {
  const values = {
    organization_id: row.organizationId,
    name: row.name,
    fhir_base_url: row.fhirBaseUrl,
    client_id: row.clientId,
    scopes: row.scopes,
    algorithm: row.algorithm,
    auto_send: row.autoSend,
    token_url: row.tokenUrl,
    updated_by: row.by,
    updated_at: row.at,
  };
  // Where or how Carebeam connects changed: the last check no longer says anything about it.
  const check = keepCheck ? {} : { last_checked_at: null, last_check_ok: null, last_check_detail: null };
  await db
    .insertInto('ehr_connections')
    .values(values)
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ ...values, ...check }))
    .execute();
}

export async function recordCheck(db: Db, organizationId: string, check: { at: Date; ok: boolean; detail: string; tokenUrl: string | null }): Promise<void> {
  await db
    .updateTable('ehr_connections')
    .set({ last_checked_at: check.at, last_check_ok: check.ok, last_check_detail: check.detail.slice(0, 500), ...(check.tokenUrl ? { token_url: check.tokenUrl } : {}) })
    .where('organization_id', '=', organizationId)
    .execute();
}

export async function rememberTokenUrl(db: Db, organizationId: string, tokenUrl: string): Promise<void> {
  await db.updateTable('ehr_connections').set({ token_url: tokenUrl }).where('organization_id', '=', organizationId).execute();
}

export function currentKey(db: Db, organizationId: string): Promise<KeyRow | undefined> {
  return db.selectFrom('ehr_keys').selectAll().where('organization_id', '=', organizationId).where('retired_at', 'is', null).executeTakeFirst();
}

/** Retires the organization's key, if any, and makes this one current. */
export async function replaceKey(db: Db, key: { kid: string; organizationId: string; algorithm: SigningAlgorithm; publicJwk: object; sealedPrivateKey: string; at: Date }): Promise<void> {
  await db.updateTable('ehr_keys').set({ retired_at: key.at }).where('organization_id', '=', key.organizationId).where('retired_at', 'is', null).execute();
  await db
    .insertInto('ehr_keys')
    .values({ kid: key.kid, organization_id: key.organizationId, algorithm: key.algorithm, public_jwk: JSON.stringify(key.publicJwk), private_key: key.sealedPrivateKey, created_at: key.at })
    .execute();
}

/** The public halves of every organization's current key: the JWKS. */
export async function publishedKeys(db: Db): Promise<PublicJwk[]> {
  const rows = await db.selectFrom('ehr_keys').select('public_jwk').where('retired_at', 'is', null).orderBy('created_at').execute();
  // Written by newSigningKey: a public JWK with kid, alg and use.
  return rows.map((row) => row.public_jwk as PublicJwk);
}

export async function patientIdentifiers(db: Db, participantIds: string[]): Promise<Map<string, { system: string; value: string }>> {
  if (participantIds.length === 0) return new Map();
  const rows = await db.selectFrom('ehr_patient_identifiers').select(['participant_id', 'system', 'value']).where('participant_id', 'in', participantIds).execute();
  return new Map(rows.map((row) => [row.participant_id, { system: row.system, value: row.value }]));
}

export async function setPatientIdentifier(db: Db, row: { organizationId: string; participantId: string; system: string; value: string; by: string; at: Date }): Promise<void> {
  const values = { participant_id: row.participantId, organization_id: row.organizationId, system: row.system, value: row.value, updated_by: row.by, updated_at: row.at };
  await db
    .insertInto('ehr_patient_identifiers')
    .values(values)
    .onConflict((oc) => oc.column('participant_id').doUpdateSet({ system: values.system, value: values.value, updated_by: values.updated_by, updated_at: values.updated_at }))
    .execute();
}

export async function clearPatientIdentifier(db: Db, participantId: string): Promise<void> {
  await db.deleteFrom('ehr_patient_identifiers').where('participant_id', '=', participantId).execute();
}
