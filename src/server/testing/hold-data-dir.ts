// A process that opens an embedded data directory and keeps it open until it is killed:
// `node --import tsx src/server/testing/hold-data-dir.ts <dir>` prints "open" once it holds it.
import { openDatabase } from '../db/connect';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-data-dir.ts <data directory>');
await openDatabase({ kind: 'pglite', dataDir });
process.stdout.write('open\n');
setInterval(() => undefined, 60_000);
