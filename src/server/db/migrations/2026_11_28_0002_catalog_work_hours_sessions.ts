import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Booking rules an administrator sets per organization.
  await db.schema
    .alterTable('organizations')
    .addColumn('slot_step_minutes', 'integer', (c) => c.notNull().defaultTo(15).check(sql`slot_step_minutes BETWEEN 5 AND 240`))
    .addColumn('minimum_notice_minutes', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`minimum_notice_minutes BETWEEN 0 AND 43200`),
    )
    .execute();

  // (organization_id, id) keys let child tables prove, in the schema, that what they point to
  // belongs to the same organization as they do.
  await sql`ALTER TABLE users ADD CONSTRAINT users_organization_id_id_key UNIQUE (organization_id, id)`.execute(db);

  await db.schema
    .createTable('session_types')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) BETWEEN 1 AND 100`))
    .addColumn('modality', 'text', (c) => c.notNull().check(sql`modality IN ('video', 'phone', 'in_person')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('session_types_organization_id_id_key', ['organization_id', 'id'])
    .execute();
  await sql`CREATE UNIQUE INDEX session_types_name_key ON session_types (organization_id, lower(name))`.execute(db);

  await db.schema
    .createTable('services')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) BETWEEN 1 AND 120`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo('').check(sql`length(description) <= 2000`))
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes BETWEEN 5 AND 480`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('services_organization_id_id_key', ['organization_id', 'id'])
    .execute();
  await sql`CREATE UNIQUE INDEX services_name_key ON services (organization_id, lower(name))`.execute(db);

  await sql`
    CREATE TABLE service_session_types (
      organization_id uuid NOT NULL,
      service_id uuid NOT NULL,
      session_type_id uuid NOT NULL,
      PRIMARY KEY (service_id, session_type_id),
      FOREIGN KEY (organization_id, service_id) REFERENCES services (organization_id, id) ON DELETE CASCADE,
      FOREIGN KEY (organization_id, session_type_id) REFERENCES session_types (organization_id, id)
    )`.execute(db);

  // A provider's Work Hours: the weekly pattern and date overrides, kept as the API shape and
  // validated by the API; the engine reads the whole document at once.
  await sql`
    CREATE TABLE work_hours (
      user_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      time_zone text NOT NULL,
      weekly jsonb NOT NULL CHECK (jsonb_typeof(weekly) = 'array'),
      overrides jsonb NOT NULL CHECK (jsonb_typeof(overrides) = 'array'),
      updated_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id)
    )`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations (id),
      service_id uuid NOT NULL,
      session_type_id uuid NOT NULL,
      host_id uuid NOT NULL,
      created_by uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'in_progress', 'completed', 'canceled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT sessions_time_order CHECK (ends_at > starts_at),
      -- As long as the longest service: lets time-window queries bound starts_at on both sides.
      CONSTRAINT sessions_length CHECK (ends_at - starts_at <= interval '480 minutes'),
      FOREIGN KEY (organization_id, service_id) REFERENCES services (organization_id, id),
      FOREIGN KEY (organization_id, session_type_id) REFERENCES session_types (organization_id, id),
      FOREIGN KEY (organization_id, host_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      -- No double booking, decided by the database: a host's non-canceled sessions never overlap.
      CONSTRAINT sessions_no_overlap EXCLUDE USING gist (
        host_id WITH =, tstzrange(starts_at, ends_at) WITH &&
      ) WHERE (status <> 'canceled')
    )`.execute(db);
  await sql`CREATE INDEX sessions_organization_start_idx ON sessions (organization_id, starts_at, id)`.execute(db);
  await sql`CREATE INDEX sessions_host_start_idx ON sessions (host_id, starts_at, id)`.execute(db);
}
