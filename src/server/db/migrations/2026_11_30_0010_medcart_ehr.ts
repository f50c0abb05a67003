import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // How the MedCart tab shows vital signs: metric (°C, kg, cm, mmol/L) or US (°F, lb, in, mg/dL).
  await sql`ALTER TABLE organizations ADD COLUMN preferred_units text NOT NULL DEFAULT 'metric' CHECK (preferred_units IN ('metric', 'us'))`.execute(db);

  // Carts post readings with a bearer token; only its SHA-256 is kept, null once revoked.
  await sql`
    CREATE TABLE carts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations (id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      location text NOT NULL CHECK (length(location) <= 200),
      token_hash text UNIQUE,
      token_issued_at timestamptz,
      last_reading_at timestamptz,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT carts_organization_id_id_key UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id)
    )`.execute(db);

  // The one cart at the patient's side in a session, and whose readings it takes.
  await sql`
    CREATE TABLE session_carts (
      session_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      cart_id uuid NOT NULL,
      participant_id uuid,
      attached_by uuid NOT NULL,
      attached_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, cart_id) REFERENCES carts (organization_id, id),
      -- Removed from the session, the participant no longer gets the cart's readings.
      FOREIGN KEY (session_id, participant_id) REFERENCES session_participants (session_id, participant_id) ON DELETE SET NULL (participant_id)
    )`.execute(db);
  await sql`CREATE INDEX session_carts_cart_idx ON session_carts (cart_id)`.execute(db);

  // Readings never change but for one step: final → entered-in-error, when a correction replaces
  // them. Values are in the kind's canonical UCUM unit; the original value and unit as sent beside.
  await sql`
    CREATE TABLE readings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('blood_pressure', 'heart_rate', 'respiratory_rate', 'oxygen_saturation', 'body_temperature', 'body_weight', 'body_height', 'bmi', 'blood_glucose')),
      value double precision,
      systolic double precision,
      diastolic double precision,
      unit text NOT NULL,
      original_value double precision,
      original_systolic double precision,
      original_diastolic double precision,
      original_unit text NOT NULL,
      effective_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      source text NOT NULL CHECK (source IN ('manual', 'cart')),
      cart_id uuid,
      device_label text CHECK (length(device_label) <= 100),
      entered_by uuid,
      flag text CHECK (flag IN ('high', 'low')),
      status text NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'entered-in-error')),
      corrects uuid UNIQUE REFERENCES readings (id),
      corrected_by uuid REFERENCES readings (id),
      client_reading_id text CHECK (length(client_reading_id) BETWEEN 1 AND 100),
      raw_payload jsonb,
      CONSTRAINT readings_organization_id_id_key UNIQUE (organization_id, id),
      CHECK ((kind = 'blood_pressure') = (systolic IS NOT NULL AND diastolic IS NOT NULL AND value IS NULL)),
      CHECK ((kind = 'blood_pressure') OR (value IS NOT NULL AND systolic IS NULL AND diastolic IS NULL)),
      CHECK ((source = 'cart') = (cart_id IS NOT NULL AND client_reading_id IS NOT NULL)),
      CHECK (source = 'cart' OR entered_by IS NOT NULL),
      CHECK ((status = 'entered-in-error') = (corrected_by IS NOT NULL)),
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, participant_id) REFERENCES participants (organization_id, id),
      FOREIGN KEY (organization_id, cart_id) REFERENCES carts (organization_id, id),
      FOREIGN KEY (organization_id, entered_by) REFERENCES users (organization_id, id)
    )`.execute(db);
  // A cart's retry with the same id finds the first reading instead of adding a second.
  await sql`CREATE UNIQUE INDEX readings_cart_client_key ON readings (cart_id, client_reading_id) WHERE cart_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX readings_session_idx ON readings (session_id, effective_at)`.execute(db);
  await sql`CREATE INDEX readings_participant_idx ON readings (participant_id, kind, effective_at)`.execute(db);
  await sql`
    CREATE FUNCTION readings_only_marked_in_error() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR OLD.status <> 'final' OR NEW.status <> 'entered-in-error'
         OR (to_jsonb(NEW) - 'status' - 'corrected_by') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'corrected_by') THEN
        RAISE EXCEPTION 'readings change only from final to entered-in-error' USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER readings_append_only BEFORE UPDATE OR DELETE ON readings
    FOR EACH ROW EXECUTE FUNCTION readings_only_marked_in_error()`.execute(db);

  // Screenshots from the call and images uploaded to the MedCart tab: the bytes in `files`.
  await sql`
    CREATE TABLE session_images (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      file_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('screenshot', 'upload')),
      label text CHECK (length(label) BETWEEN 1 AND 200),
      participant_id uuid,
      taken_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, file_id) REFERENCES files (organization_id, id),
      FOREIGN KEY (organization_id, participant_id) REFERENCES participants (organization_id, id),
      FOREIGN KEY (organization_id, taken_by) REFERENCES users (organization_id, id)
    )`.execute(db);
  await sql`CREATE INDEX session_images_session_idx ON session_images (session_id, created_at)`.execute(db);
  await sql`
    CREATE TRIGGER session_images_append_only BEFORE UPDATE OR DELETE ON session_images
    FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(db);

  // The organization's EHR: where, as which client, and what the last "Test connection" found.
  await sql`
    CREATE TABLE ehr_connections (
      organization_id uuid PRIMARY KEY REFERENCES organizations (id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      fhir_base_url text NOT NULL,
      client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
      scopes text NOT NULL CHECK (length(scopes) BETWEEN 1 AND 1000),
      algorithm text NOT NULL CHECK (algorithm IN ('ES384', 'RS384')),
      auto_send boolean NOT NULL DEFAULT false,
      token_url text,
      last_checked_at timestamptz,
      last_check_ok boolean,
      last_check_detail text,
      updated_by uuid NOT NULL,
      updated_at timestamptz NOT NULL
    )`.execute(db);

  // Carebeam's signing keys for SMART Backend Services: public halves published in the JWKS,
  // private halves encrypted with EHR_KEY_SECRET. A retired key is no longer published.
  await sql`
    CREATE TABLE ehr_keys (
      kid uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations (id),
      algorithm text NOT NULL CHECK (algorithm IN ('ES384', 'RS384')),
      public_jwk jsonb NOT NULL,
      private_key text NOT NULL,
      created_at timestamptz NOT NULL,
      retired_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX ehr_keys_current_key ON ehr_keys (organization_id) WHERE retired_at IS NULL`.execute(db);

  // A participant's patient identifier in the EHR (e.g. an MRN), entered by staff.
  await sql`
    CREATE TABLE ehr_patient_identifiers (
      participant_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      system text NOT NULL CHECK (length(system) BETWEEN 1 AND 300),
      value text NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
      updated_by uuid NOT NULL,
      updated_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, participant_id) REFERENCES participants (organization_id, id)
    )`.execute(db);

  // Sends of a session to the EHR: an outbox. One queued send per session at a time; at most one
  // automatic send per session, whatever the number of instances looking for completed sessions.
  await sql`
    CREATE TABLE ehr_exports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      trigger text NOT NULL CHECK (trigger IN ('manual', 'auto', 'retry')),
      requested_by uuid,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      claimed_until timestamptz,
      last_error text,
      outcome jsonb,
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX ehr_exports_one_queued ON ehr_exports (session_id) WHERE status = 'queued'`.execute(db);
  await sql`CREATE UNIQUE INDEX ehr_exports_one_auto ON ehr_exports (session_id) WHERE trigger = 'auto'`.execute(db);
  await sql`CREATE INDEX ehr_exports_due_idx ON ehr_exports (next_attempt_at) WHERE status = 'queued'`.execute(db);
  await sql`CREATE INDEX ehr_exports_session_idx ON ehr_exports (session_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE ehr_export_attempts (
      id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
      export_id uuid NOT NULL REFERENCES ehr_exports (id),
      at timestamptz NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('sent', 'retrying', 'failed')),
      http_status integer,
      error text
    )`.execute(db);
  await sql`CREATE INDEX ehr_export_attempts_export_idx ON ehr_export_attempts (export_id)`.execute(db);

  // What each entry of a sent Bundle became in the EHR: its id there, created or already there.
  await sql`
    CREATE TABLE ehr_export_items (
      export_id uuid NOT NULL REFERENCES ehr_exports (id),
      item_kind text NOT NULL CHECK (item_kind IN ('patient', 'encounter', 'reading', 'image', 'document')),
      item_id uuid NOT NULL,
      resource_type text NOT NULL,
      fhir_id text,
      http_status text NOT NULL,
      PRIMARY KEY (export_id, item_kind, item_id)
    )`.execute(db);
  await sql`CREATE INDEX ehr_export_items_item_idx ON ehr_export_items (item_id)`.execute(db);
}
