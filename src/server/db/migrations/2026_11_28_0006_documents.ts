import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Uploaded files (PDF documents); the bytes live in the file store, found by `storage_key`.
  await sql`
    CREATE TABLE files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations (id),
      storage_key text NOT NULL UNIQUE,
      filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
      content_type text NOT NULL,
      size integer NOT NULL CHECK (size > 0),
      sha256 text NOT NULL,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL,
      CONSTRAINT files_organization_id_id_key UNIQUE (organization_id, id)
    )`.execute(db);

  await sql`
    ALTER TABLE document_templates
      ADD COLUMN kind text NOT NULL DEFAULT 'form' CHECK (kind IN ('form', 'pdf')),
      ADD COLUMN current_version integer NOT NULL DEFAULT 1`.execute(db);

  // Editing a template makes a new version; documents keep the version they were assigned with.
  await sql`
    CREATE TABLE document_template_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      template_id uuid NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      name text NOT NULL,
      audience text NOT NULL CHECK (audience IN ('participant', 'host')),
      kind text NOT NULL CHECK (kind IN ('form', 'pdf')),
      fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
      file_id uuid,
      created_at timestamptz NOT NULL,
      created_by uuid,
      UNIQUE (template_id, version),
      FOREIGN KEY (organization_id, template_id) REFERENCES document_templates (organization_id, id) ON DELETE CASCADE,
      FOREIGN KEY (organization_id, file_id) REFERENCES files (organization_id, id)
    )`.execute(db);
  // A version never changes. (A template never used may still be deleted, versions and all.)
  await sql`
    CREATE TRIGGER document_template_versions_immutable BEFORE UPDATE ON document_template_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(db);
  await sql`
    INSERT INTO document_template_versions (organization_id, template_id, version, name, audience, kind, fields, created_at)
    SELECT organization_id, id, 1, name, audience, 'form', '[]'::jsonb, created_at FROM document_templates`.execute(db);

  await sql`
    ALTER TABLE session_documents
      ADD COLUMN template_version_id uuid REFERENCES document_template_versions (id),
      ADD COLUMN answers jsonb,
      ADD COLUMN completed_by_kind text CHECK (completed_by_kind IN ('participant', 'user')),
      ADD COLUMN completed_by_id uuid,
      ADD COLUMN completed_by_name text`.execute(db);
  await sql`
    UPDATE session_documents d SET template_version_id = v.id
    FROM document_template_versions v WHERE v.template_id = d.template_id AND v.version = 1`.execute(db);
  await sql`ALTER TABLE session_documents ALTER COLUMN template_version_id SET NOT NULL`.execute(db);
  // A completed document has its answers and its signer; a pending one has neither.
  await sql`
    ALTER TABLE session_documents ADD CONSTRAINT session_documents_completion CHECK (
      (status = 'completed') = (answers IS NOT NULL AND completed_at IS NOT NULL AND completed_by_kind IS NOT NULL))`.execute(db);
}
