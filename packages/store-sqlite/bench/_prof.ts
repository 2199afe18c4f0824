import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '@motcua/core';
import { openSqliteEventStore } from '../src/index.js';
import { decodeRow } from '../src/decode-row.js';
const w1: any = await import('/work/shared/peers/w1.mjs');
const workload = w1.generateWorkload(10000);
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const file = join(dir, 's.db');
const store = openSqliteEventStore({ file, synchronous: 'NORMAL' });
for (let s = 0; s < 10000; s++) await store.appendToStream(w1.streamName(s + 1), workload.streams[s] as NewEvent[]);
await store.close();
const db = new Database(file);
db.pragma('mmap_size = 268435456'); db.pragma('cache_size = -65536');
const page = db.prepare('SELECT global_position, stream_id, stream_version, type, data, metadata FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?').raw();
const time = (label: string, f: (rows: unknown[][]) => void) => {
  for (let k = 0; k < 4; k++) {
    const t0 = process.hrtime.bigint();
    let n = 0;
    for (let after = 0; ;) { const rows = page.all(after, 1001) as unknown[][]; const c = Math.min(rows.length, 1000); const r2 = rows.slice(0, c); f(r2); n += c; if (rows.length <= 1000) break; after = r2[c-1]![0] as number; }
    if (k >= 2) console.log(label, Math.round(n / (Number(process.hrtime.bigint() - t0) / 1e9)));
  }
};
let sink = 0;
time('rows only', (rows) => { sink += rows.length; });
time('parse both', (rows) => { for (const r of rows) { const d = JSON.parse(r[4] as string); const m = JSON.parse(r[5] as string); sink += d ? 1 : 0; sink += m ? 1 : 0; } });
time('parse data only', (rows) => { for (const r of rows) { const d = JSON.parse(r[4] as string); sink += d ? 1 : 0; } });
time('decodeRow', (rows) => { for (const r of rows) { const e = decodeRow(r[0], r[1], r[2], r[3], r[4], r[5]); sink += e.metadata.globalPosition; } });
const lens = db.prepare('select avg(length(data)), avg(length(metadata)) from events').raw().get();
console.log(lens, sink > 0);
