import { benchMe } from './api-me.bench';
import { benchAuditRead } from './audit-read.bench';
import { benchAvailabilityApi } from './availability-api.bench';
import { benchAvailabilityEngine } from './availability-engine.bench';
import { benchChatFanout } from './chat-fanout.bench';
import { benchDocumentPdf } from './document-pdf.bench';
import { benchMedCart } from './medcart.bench';
import { type BenchDatabase, benchDatabases, dropBenchTemplates } from './lib/bench-app';
import { benchMemory } from './memory.bench';
import { type Figure, printTable, writeResults } from './lib/report';
import { benchPageWeight } from './page-weight.bench';
import { benchReminderClaim } from './reminders-claim.bench';
import { benchScaleOut } from './scale-out.bench';
import { benchCreateSessions } from './sessions-create.bench';
import { benchListSessions } from './sessions-list.bench';
import { benchStart } from './start.bench';

// Every benchmark, in order. Each returns figures beside floors measured in the same run. Those
// given a database run once on each (PGlite; PostgreSQL with BENCH_DATABASE_URL), figure and
// floor on the same one; the others run once (no database, or they compare databases themselves).
type Bench = { name: string; run: () => Promise<Figure[]> } | { name: string; perDatabase: (database: BenchDatabase) => Promise<Figure[]> };
const BENCHES: Bench[] = [
  { name: 'GET /api/me', perDatabase: benchMe },
  { name: 'audited read', perDatabase: benchAuditRead },
  { name: 'availability engine', run: benchAvailabilityEngine },
  { name: 'GET /api/availability', perDatabase: benchAvailabilityApi },
  { name: 'POST /api/sessions', perDatabase: benchCreateSessions },
  { name: 'GET /api/sessions', perDatabase: benchListSessions },
  { name: 'scale-out', run: benchScaleOut },
  { name: 'reminders claim', perDatabase: benchReminderClaim },
  { name: 'signed PDF', run: benchDocumentPdf },
  { name: 'MedCart readings and FHIR', perDatabase: benchMedCart },
  { name: 'chat fan-out', run: benchChatFanout },
  { name: 'page weight', run: benchPageWeight },
  { name: 'production start', run: benchStart },
  { name: 'memory', run: benchMemory },
];

const databases = benchDatabases();
if (databases.length === 1) process.stdout.write('(PostgreSQL skipped: set BENCH_DATABASE_URL to a server, e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');

// The name filter is the first argument that is not an option (`npm run bench -- chat --long`).
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const figures: Figure[] = [];
try {
  for (const bench of BENCHES) {
    if (only && !bench.name.toLowerCase().includes(only.toLowerCase())) continue;
    const runs = 'run' in bench ? [{ title: bench.name, run: bench.run }] : databases.map((database) => ({ title: `${bench.name} on ${database.label}`, run: () => bench.perDatabase(database).then((own) => own.map((f) => ({ ...f, database: database.label }))) }));
    for (const { title, run } of runs) {
      process.stdout.write(`running ${title}…\n`);
      const started = performance.now();
      figures.push(...(await run()));
      process.stdout.write(`  ${title}: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
} finally {
  await dropBenchTemplates();
}
printTable(figures);
console.log(`\nwritten to ${writeResults(figures)}`);
