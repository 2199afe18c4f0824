// A child process for the crash test: appends returns with inline document projections, the last of
// which makes a projection kill the process inside the append's transaction (after the events and the
// first projection's documents are written, before the commit).
// Usage: node --import tsx --conditions=source crash-appender.testkit.ts FILE APPENDS
import { openSqliteEventStore } from '../open.js';
import { CRASH_OFFICER, crashing, resultReturned, returns, returnStream, type Return } from './inline-documents.fixtures.testkit.js';

const [file, appends] = process.argv.slice(2);
if (file === undefined || appends === undefined) throw new Error('usage: FILE APPENDS');
const store = openSqliteEventStore({ file, synchronous: 'NORMAL', projections: [returns, crashing] });
const returnOf = (dossier: number, officerId: string): Return => ({ tenantId: 'tn', dossier, officerId, returnDate: '2026-03-02', late: dossier % 2 === 0 });
for (let n = 1; n <= Number(appends); n++) await store.appendToStream(returnStream(returnOf(n, 'officer-1')), [resultReturned(returnOf(n, 'officer-1'))]);
process.stderr.write('appended\n');
const last = returnOf(Number(appends) + 1, CRASH_OFFICER);
await store.appendToStream(returnStream(last), [resultReturned(last)]);
process.stderr.write('not killed\n');
