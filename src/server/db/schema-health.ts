import type { ColumnType, Generated } from 'kysely';
import type { ReadingFlag, ReadingKind } from '../../shared/vitals';

// The tables of the medcart and ehr modules (vital signs, carts, images, the EHR connection and
// its sends); the Database interface in schema.ts lists them with the rest.

type Json<T> = ColumnType<T, string, string>;

export interface CartsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  location: string;
  /** SHA-256 of the bearer token; null once revoked. */
  token_hash: string | null;
  token_issued_at: Date | null;
  last_reading_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface SessionCartsTable {
  session_id: string;
  organization_id: string;
  cart_id: string;
  participant_id: string | null;
  attached_by: string;
  attached_at: Date;
}

export interface ReadingsTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  participant_id: string;
  kind: ReadingKind;
  value: number | null;
  systolic: number | null;
  diastolic: number | null;
  unit: string;
  original_value: number | null;
  original_systolic: number | null;
  original_diastolic: number | null;
  original_unit: string;
  effective_at: Date;
  recorded_at: Date;
  source: 'manual' | 'cart';
  cart_id: string | null;
  device_label: string | null;
  entered_by: string | null;
  flag: ReadingFlag | null;
  status: Generated<'final' | 'entered-in-error'>;
  corrects: string | null;
  corrected_by: Generated<string | null>;
  client_reading_id: string | null;
  raw_payload: ColumnType<unknown, string | null, string | null>;
}

export interface SessionImagesTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  file_id: string;
  kind: 'screenshot' | 'upload';
  label: string | null;
  participant_id: string | null;
  taken_by: string;
  created_at: Date;
}

export type SigningAlgorithm = 'ES384' | 'RS384';

export interface EhrConnectionsTable {
  organization_id: string;
  name: string;
  fhir_base_url: string;
  client_id: string;
  scopes: string;
  algorithm: SigningAlgorithm;
  auto_send: Generated<boolean>;
  token_url: string | null;
  last_checked_at: Date | null;
  last_check_ok: boolean | null;
  last_check_detail: string | null;
  updated_by: string;
  updated_at: Date;
}

export interface EhrKeysTable {
  kid: string;
  organization_id: string;
  algorithm: SigningAlgorithm;
  public_jwk: Json<Record<string, unknown>>;
  /** Encrypted with a key derived from EHR_KEY_SECRET. */
  private_key: string;
  created_at: Date;
  retired_at: Date | null;
}

export interface EhrPatientIdentifiersTable {
  participant_id: string;
  organization_id: string;
  system: string;
  value: string;
  updated_by: string;
  updated_at: Date;
}

export type EhrExportStatus = 'queued' | 'sent' | 'failed';
export type EhrItemKind = 'patient' | 'encounter' | 'reading' | 'image' | 'document';

export interface EhrExportsTable {
  id: Generated<string>;
  /** The order sends were queued in (several may share a clock reading). */
  seq: Generated<number>;
  organization_id: string;
  session_id: string;
  trigger: 'manual' | 'auto' | 'retry';
  requested_by: string | null;
  status: Generated<EhrExportStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  claimed_until: Date | null;
  last_error: string | null;
  outcome: ColumnType<unknown, string | null, string | null>;
  created_at: Date;
  finished_at: Date | null;
}

export interface EhrExportAttemptsTable {
  id: Generated<number>;
  export_id: string;
  at: Date;
  outcome: 'sent' | 'retrying' | 'failed';
  http_status: number | null;
  error: string | null;
}

export interface EhrExportItemsTable {
  export_id: string;
  item_kind: EhrItemKind;
  item_id: string;
  resource_type: string;
  fhir_id: string | null;
  http_status: string;
}
