import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The module graph, checked from the source: modules talk through their front door (index.ts),
// write only their own tables, and depend on each other without cycles.

const SERVER = fileURLToPath(new URL('..', import.meta.url));
const MODULES = join(SERVER, 'modules');

/** Which module writes each table. A new table needs an owner here before it can be written. */
const OWNER: Record<string, string> = {
  organizations: 'organization',
  users: 'users',
  sign_ins: 'auth',
  login_failures: 'auth',
  staff_mfa: 'auth',
  mfa_recovery_codes: 'auth',
  password_links: 'auth',
  // The outbox's link secret (made by its migration, read by messaging).
  server_secrets: 'messaging',
  password_reset_requests: 'auth',
  audit_events: 'audit',
  audit_chain_heads: 'audit',
  session_types: 'catalog',
  services: 'catalog',
  service_session_types: 'catalog',
  work_hours: 'work-hours',
  sessions: 'sessions',
  session_participants: 'sessions',
  idempotency_keys: 'sessions',
  participants: 'participants',
  document_templates: 'documents',
  document_template_versions: 'documents',
  service_document_templates: 'documents',
  session_documents: 'documents',
  files: 'files',
  session_history: 'history',
  join_tokens: 'portal',
  portal_sign_ins: 'portal',
  participant_verification_codes: 'portal',
  participant_verification_attempts: 'portal',
  outbox_messages: 'messaging',
  outbox_attempts: 'messaging',
  reminders: 'messaging',
  reminder_queue: 'messaging',
  session_notes: 'notes',
  chat_sequences: 'chat',
  chat_messages: 'chat',
  chat_attachments: 'chat',
  chat_reads: 'chat',
  live_connections: 'live',
  video_admissions: 'video',
  video_signals: 'video',
  carts: 'medcart',
  session_carts: 'medcart',
  readings: 'medcart',
  session_images: 'medcart',
  ehr_connections: 'ehr',
  ehr_keys: 'ehr',
  ehr_patient_identifiers: 'ehr',
  ehr_exports: 'ehr',
  ehr_export_attempts: 'ehr',
  ehr_export_items: 'ehr',
};

const modules = readdirSync(MODULES).filter((name) => statSync(join(MODULES, name)).isDirectory());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const moduleOf = (file: string) => relative(MODULES, file).split('/')[0]!;
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

/** The module an import reaches into, and whether it went past its index.ts. */
function crossing(file: string, specifier: string): { module: string; deep: boolean } | null {
  if (!specifier.startsWith('.')) return null;
  const target = relative(MODULES, join(file, '..', specifier));
  if (target.startsWith('..')) return null;
  const [module, ...rest] = target.split('/');
  const inside = file.startsWith(join(MODULES, module!) + '/');
  if (inside) return null;
  return { module: module!, deep: rest.length > 0 && rest.join('/') !== 'index' };
}

const appFiles = [join(SERVER, 'app.ts'), join(SERVER, 'main.ts'), ...sourceFiles(join(SERVER, 'jobs')), ...sourceFiles(join(SERVER, 'http'))];
const moduleFiles = modules.flatMap((module) => sourceFiles(join(MODULES, module)));

describe('module boundaries', () => {
  it('every module has a front door', () => {
    for (const module of modules) expect(statSync(join(MODULES, module, 'index.ts')).isFile(), `${module}/index.ts`).toBe(true);
  });

  it('reaches other modules only through their index.ts', () => {
    const deep = [...moduleFiles, ...appFiles].flatMap((file) =>
      importsOf(file).flatMap((specifier) => (crossing(file, specifier)?.deep ? [`${relative(SERVER, file)} imports ${specifier}`] : [])),
    );
    expect(deep).toEqual([]);
  });

  it('writes only its own tables', () => {
    const writes = /(?:insertInto|updateTable|deleteFrom)\('([a-z_]+)|(?:INSERT INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/g;
    const foreign = moduleFiles.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(writes)].flatMap((match) => {
        const table = match[1] ?? match[2]!;
        if (!(table in OWNER)) return []; // an SQL word after UPDATE in a comment, not a table
        return OWNER[table] === moduleOf(file) ? [] : [`${relative(SERVER, file)} writes ${table} (owned by ${OWNER[table]})`];
      }),
    );
    expect(foreign).toEqual([]);
  });

  it('gives every table an owner', () => {
    const schema = readFileSync(join(SERVER, 'db', 'schema.ts'), 'utf8');
    const tables = [.../export interface Database \{([^}]*)\}/.exec(schema)![1]!.matchAll(/^\s+([a-z_]+):/gm)].map((m) => m[1]!);
    expect(tables.filter((table) => !(table in OWNER))).toEqual([]);
    expect(Object.keys(OWNER).filter((table) => !tables.includes(table))).toEqual([]);
  });

  it('has no dependency cycle between modules', () => {
    const edges = new Map(modules.map((module) => [module, new Set<string>()]));
    for (const file of moduleFiles) {
      for (const specifier of importsOf(file)) {
        const target = crossing(file, specifier);
        if (target) edges.get(moduleOf(file))!.add(target.module);
      }
    }
    const cycles: string[] = [];
    const visit = (module: string, path: string[]) => {
      if (path.includes(module)) return void cycles.push([...path.slice(path.indexOf(module)), module].join(' → '));
      for (const next of edges.get(module) ?? []) visit(next, [...path, module]);
    };
    for (const module of modules) visit(module, []);
    expect(cycles).toEqual([]);
  });
});
