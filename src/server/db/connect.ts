import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  /** A PGlite started from a dump of a data directory (tests copy one migrated database). */
  | { kind: 'pglite'; image: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

// Both drivers must hand the app the same JavaScript values: bigint as number (ids and counts
// stay far below 2^53) and `date` as the plain "YYYY-MM-DD" string (pg would make it a Date at
// local midnight, which shifts the day in other zones).
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

export const PGLITE_EXTENSIONS = { btree_gist };

export async function openPglite(target: { dataDir: string } | { image: Blob }): Promise<PGlite> {
  const parsers = { [types.INT8]: parseInt8, [types.DATE]: keepText };
  if ('dataDir' in target) mkdirSync(target.dataDir, { recursive: true });
  const pglite =
    'dataDir' in target
      ? new PGlite(target.dataDir, { extensions: PGLITE_EXTENSIONS, parsers })
      : new PGlite({ loadDataDir: target.image, extensions: PGLITE_EXTENSIONS, parsers });
  await pglite.waitReady;
  return pglite;
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE) return keepText;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, close: () => db.destroy() };
  }
  return pgliteDatabase(await openPglite(target));
}

/** Wraps an open PGlite; closing the handle closes it. */
export function pgliteDatabase(pglite: PGlite): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
