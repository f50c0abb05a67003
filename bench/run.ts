import { benchMe } from './api-me.bench';
import { benchAuditRead } from './audit-read.bench';
import { benchAvailabilityApi } from './availability-api.bench';
import { benchAvailabilityEngine } from './availability-engine.bench';
import { benchChatFanout } from './chat-fanout.bench';
import { benchDocumentPdf } from './document-pdf.bench';
import { benchMedCart } from './medcart.bench';
import { benchMemory } from './memory.bench';
import { type Figure, printTable, writeResults } from './lib/report';
import { benchPageWeight } from './page-weight.bench';
import { benchReminderClaim } from './reminders-claim.bench';
import { benchCreateSessions } from './sessions-create.bench';
import { benchListSessions } from './sessions-list.bench';
import { benchStart } from './start.bench';

// Every benchmark, in order. Each returns figures beside floors measured in the same run.
const BENCHES: { name: string; run: () => Promise<Figure[]> }[] = [
  { name: 'GET /api/me', run: benchMe },
  { name: 'audited read', run: benchAuditRead },
  { name: 'availability engine', run: benchAvailabilityEngine },
  { name: 'GET /api/availability', run: benchAvailabilityApi },
  { name: 'POST /api/sessions', run: benchCreateSessions },
  { name: 'GET /api/sessions', run: benchListSessions },
  { name: 'reminders claim', run: benchReminderClaim },
  { name: 'signed PDF', run: benchDocumentPdf },
  { name: 'MedCart readings and FHIR', run: benchMedCart },
  { name: 'chat fan-out', run: benchChatFanout },
  { name: 'page weight', run: benchPageWeight },
  { name: 'production start', run: benchStart },
  { name: 'memory', run: benchMemory },
];

// The name filter is the first argument that is not an option (`npm run bench -- chat --long`).
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const figures: Figure[] = [];
for (const bench of BENCHES) {
  if (only && !bench.name.toLowerCase().includes(only.toLowerCase())) continue;
  process.stdout.write(`running ${bench.name}…\n`);
  const started = performance.now();
  figures.push(...(await bench.run()));
  process.stdout.write(`  ${bench.name}: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
printTable(figures);
console.log(`\nwritten to ${writeResults(figures)}`);
