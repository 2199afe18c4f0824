import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CorruptEventError, type NewEvent } from '@motcua/core';
import { openSqliteEventStore } from '../src/index.js';
import { decodeRow } from '../src/decode-row.js';
const w1: any = await import('/work/shared/peers/w1.mjs');
const S = 10000;
const workload = w1.generateWorkload(S);
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const file = join(dir, 's.db');
const store = openSqliteEventStore({ file, synchronous: 'NORMAL' });
for (let s = 0; s < S; s++) await store.appendToStream(w1.streamName(s + 1), workload.streams[s] as NewEvent[]);
await store.close();

const lazy = (globalPosition: any, streamId: any, streamVersion: any, type: any, dataJson: any, metadataJson: any) => {
  if (typeof streamId !== 'string' || typeof streamVersion !== 'number' || typeof globalPosition !== 'number' || typeof type !== 'string' || typeof dataJson !== 'string' || typeof metadataJson !== 'string') throw new Error('x');
  let data;
  try { data = JSON.parse(dataJson); } catch (e) { throw new CorruptEventError(streamId, streamVersion, globalPosition, 'data'); }
  if (metadataJson.charCodeAt(0) !== 123) throw new CorruptEventError(streamId, streamVersion, globalPosition, 'meta');
  let metadata: any;
  return {
    type, data,
    get metadata() {
      if (metadata === undefined) {
        metadata = JSON.parse(metadataJson);
        metadata.streamId = streamId; metadata.streamVersion = streamVersion; metadata.globalPosition = globalPosition;
      }
      return metadata;
    },
  };
};

const db = new Database(file, { readonly: true }); db.pragma('mmap_size = 268435456'); db.pragma('cache_size = -65536');
const page = db.prepare(`SELECT global_position, stream_id, stream_version, type, data, metadata FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`).raw();
const runner = (decode: any, touch: 'meta' | 'data') => () => {
  const proj = w1.createProjection();
  const t0 = process.hrtime.bigint(); let n = 0;
  for (let after = 0; ;) {
    const rows = page.all(after, 1001) as any[][]; const c = Math.min(rows.length, 1000);
    const evs = new Array(c); for (let i = 0; i < c; i++) { const r = rows[i]; evs[i] = decode(r[0], r[1], r[2], r[3], r[4], r[5]); }
    for (const e of evs) proj.apply(touch === 'meta' ? e.metadata.streamId : e.data.dossierId, e.type, e.data);
    n += c; if (rows.length <= 1000) break; after = rows[c - 1]![0];
  }
  return Math.round(n / (Number(process.hrtime.bigint() - t0) / 1e9));
};
const rawDecode = (p: any, s: any, v: any, t: any, d: any, m: any) => ({ globalPosition: p, streamId: s, streamVersion: v, type: t, data: JSON.parse(d), metadata: JSON.parse(m) });
const variants: Record<string, () => number> = {
  eager_meta: runner(decodeRow, 'meta'), lazy_meta: runner(lazy, 'meta'), eager_data: runner(decodeRow, 'data'), lazy_data: runner(lazy, 'data'), rawstyle_meta: runner(rawDecode, 'meta'),
};
const res: Record<string, number[]> = {};
for (let k = 0; k < 15; k++) for (const [name, f] of Object.entries(variants)) (res[name] ??= []).push(f());
for (const [name, xs] of Object.entries(res)) { xs.sort((a, b) => a - b); console.log(name.padEnd(14), 'median', xs[7], 'q3', xs[11], 'max', xs[14]); }
