import { benchMe } from './api-me.bench';
import { benchAvailabilityApi } from './availability-api.bench';
import { benchAvailabilityEngine } from './availability-engine.bench';
import { benchDocumentPdf } from './document-pdf.bench';
import { type Figure, printTable, writeResults } from './lib/report';
import { benchReminderClaim } from './reminders-claim.bench';
import { benchCreateSessions } from './sessions-create.bench';
import { benchListSessions } from './sessions-list.bench';

// Every benchmark, in order. Each returns figures beside floors measured in the same run.
const BENCHES: { name: string; run: () => Promise<Figure[]> }[] = [
  { name: 'GET /api/me', run: benchMe },
  { name: 'availability engine', run: benchAvailabilityEngine },
  { name: 'GET /api/availability', run: benchAvailabilityApi },
  { name: 'POST /api/sessions', run: benchCreateSessions },
  { name: 'GET /api/sessions', run: benchListSessions },
  { name: 'reminders claim', run: benchReminderClaim },
  { name: 'signed PDF', run: benchDocumentPdf },
];

const only = process.argv[2];
const figures: Figure[] = [];
for (const bench of BENCHES) {
  if (only && !bench.name.toLowerCase().includes(only.toLowerCase())) continue;
  process.stdout.write(`running ${bench.name}…\n`);
  figures.push(...(await bench.run()));
}
printTable(figures);
console.log(`\nwritten to ${writeResults(figures)}`);
