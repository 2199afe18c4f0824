import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '@motcua/core';
import { openSqliteEventStore } from '../src/index.js';
const w1: any = await import('/work/shared/peers/w1.mjs');
const S = 10000;
const workload = w1.generateWorkload(S);
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const file = join(dir, 's.db');
const rawFile = join(dir, 'raw.db');
const store = openSqliteEventStore({ file, synchronous: 'NORMAL' });
for (let s = 0; s < S; s++) await store.appendToStream(w1.streamName(s + 1), workload.streams[s] as NewEvent[]);
await store.close();
{
  const db = new Database(rawFile); db.pragma('journal_mode=WAL'); db.pragma('synchronous=NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, created_at INTEGER NOT NULL, UNIQUE (stream_id, stream_version))`);
  const ins = db.prepare('INSERT INTO events (stream_id, stream_version, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => { for (let s = 0; s < S; s++) workload.streams[s].forEach((e: any, i: number) => ins.run(w1.streamName(s + 1), i + 1, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), Date.now())); })();
  db.close();
}
const mk = (f: string, cols: string) => { const db = new Database(f, { readonly: true }); db.pragma('mmap_size = 268435456'); db.pragma('cache_size = -65536'); return db.prepare(`SELECT ${cols} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`).raw(); };
const ours = mk(file, 'global_position, stream_id, stream_version, type, data, metadata');
const raw = mk(rawFile, 'global_position, stream_id, stream_version, type, data, metadata, created_at');
const oursNoMeta = mk(file, 'global_position, stream_id, stream_version, type, data');
let sink = 0;
const run = (page: any) => { const t0 = process.hrtime.bigint(); let n = 0; for (let after = 0; ;) { const rows = page.all(after, 1000) as unknown[][]; n += rows.length; for (const r of rows) sink += (r[4] as string).length; if (rows.length < 1000) break; after = rows[rows.length-1]![0] as number; } return Math.round(n / (Number(process.hrtime.bigint() - t0) / 1e9)); };
const res: Record<string, number[]> = { ours: [], raw: [], oursNoMeta: [] };
for (let k = 0; k < 6; k++) { res.ours!.push(run(ours)); res.raw!.push(run(raw)); res.oursNoMeta!.push(run(oursNoMeta)); }
console.log(JSON.stringify(res), sink > 0);
const pc = (f: string) => { const db = new Database(f, {readonly: true}); const r = [db.pragma('page_count', {simple: true}), db.prepare('select avg(length(metadata)) from events').pluck().get()]; db.close(); return r; };
console.log(pc(file), pc(rawFile));
