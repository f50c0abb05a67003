import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { adminQuery, databaseUrl } from '../testing/databases';

/**
 * Where a spawned server keeps its data: a fresh embedded directory, or a fresh database on the
 * PostgreSQL server of TEST_DATABASE_URL when that is set (the suite runs on both).
 */
export async function freshStore(): Promise<{ env: Record<string, string>; kind: string; remove(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `carebeam_faults_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    return {
      env: { DATABASE_URL: databaseUrl(serverUrl, name) },
      kind: 'postgres',
      remove: async () => void (await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-faults-'));
  return { env: { DATA_DIR: dataDir, FILES_DIR: join(dataDir, 'files') }, kind: 'pglite', remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A provider of the demo clinic, a service and free start times far enough apart to book them all. */
export async function demoBookingTargets(origin: string, cookie: string, count: number) {
  const get = async (path: string) => (await fetch(`${origin}${path}`, { headers: { cookie } })).json();
  const me = await get('/api/me');
  const services = (await get('/api/services')) as { id: string; durationMinutes: number; sessionTypeIds: string[] }[];
  const service = services.find((s) => s.sessionTypeIds.length > 0)!;
  const hostId = me.user?.id ?? me.id;
  const availability = await get(`/api/availability?hostId=${hostId}&serviceId=${service.id}`);
  const starts: string[] = [];
  let free = 0;
  for (const slot of availability.slots as { start: string; end: string }[]) {
    if (Date.parse(slot.start) < free) continue;
    starts.push(slot.start);
    free = Date.parse(slot.end);
    if (starts.length === count) break;
  }
  return { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0]!, starts };
}
