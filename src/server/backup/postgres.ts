import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect';
import { countRows } from './row-counts';

/**
 * A postgres:// URL for pg_dump and pg_restore, its password moved to PGPASSWORD: a password on
 * the command line is visible to every user of the machine (`ps`).
 */
function clientArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${program} was not found: install the PostgreSQL client tools (version 15 or newer)`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * `pg_dump -Fc` of the database into `file`, and the row counts of the same moment: both read one
 * snapshot, exported by a repeatable-read transaction that stays open while pg_dump runs.
 */
export async function dumpPostgres(database: DatabaseHandle, url: string, file: string): Promise<Record<string, number>> {
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const snapshot = (await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx)).rows[0]!.id;
      const counts = await countRows(trx);
      const { dbname, env } = clientArgs(url);
      await run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${dbname}`], env);
      return counts;
    });
}

/**
 * Restores a `pg_dump -Fc` archive into an empty database, in one transaction (all or nothing).
 * Objects belong to the role restoring (the owner role); the app role's grants are given again
 * afterwards from privileges.ts, as its name may differ on the new server.
 */
export async function restorePostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = clientArgs(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file], env);
}
