import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const MANIFEST = 'manifest.json';
/** The database inside a backup: a `pg_dump -Fc` archive, or a PGlite data directory as a gzipped tar. */
export const DATABASE_FILE = { postgres: 'database.dump', pglite: 'database.tar.gz' } as const;
/** The stored files, each under its key, beside the manifest. */
export const FILES_DIR = 'files';

const manifestSchema = z.object({
  format: z.literal(1),
  kind: z.enum(['postgres', 'pglite']),
  createdAt: z.iso.datetime(),
  /** The newest migration the database had applied. */
  migration: z.string().nullable(),
  /** Rows of every table at the time of the backup; a restore must find the same. */
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  /** Local files (FILES_DIR) copied into the backup; null when files live in an S3 bucket (its own versioning keeps them). */
  files: z.array(z.object({ key: z.string(), bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).nullable(),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Written last: a directory without a manifest is not a backup (cut short). */
export async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  await writeFile(join(directory, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export async function readManifest(directory: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(directory, MANIFEST), 'utf8');
  } catch {
    throw new Error(`${directory} holds no ${MANIFEST}: not a Carebeam backup, or one cut short`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${join(directory, MANIFEST)} is not a Carebeam backup manifest (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}
