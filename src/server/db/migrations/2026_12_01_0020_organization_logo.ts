import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The organization's logo: a checked PNG, JPEG or WebP kept in `files`, with its size in pixels
  // so pages and emails reserve its box before it loads. All three set together, or none.
  await sql`
    ALTER TABLE organizations
      ADD COLUMN logo_file_id uuid,
      ADD COLUMN logo_width integer CHECK (logo_width > 0),
      ADD COLUMN logo_height integer CHECK (logo_height > 0),
      -- One of the organization's own files, never another's.
      ADD CONSTRAINT organizations_logo_file FOREIGN KEY (id, logo_file_id) REFERENCES files (organization_id, id),
      ADD CONSTRAINT organizations_logo_whole CHECK ((logo_file_id IS NULL) = (logo_width IS NULL) AND (logo_width IS NULL) = (logo_height IS NULL))`.execute(db);
}
