// Quick W1 measurement of @motcua/store-sqlite beside the raw better-sqlite3 limit (the approach of
// ../shared/peers/sqlite-limit/bench.mjs), in one process and one run so the ratios mean something.
// Not a test, not the full W1 harness: appends single and batched, then read_all + fold.
// Run: pnpm exec tsx --conditions=source packages/store-sqlite/bench/w1-quick.ts [streams] [single-seconds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '@motcua/core';
import { openSqliteEventStore } from '../src/index.js';

interface W1Event {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
interface W1 {
  generateWorkload(streams: number): { streams: W1Event[][]; events: number };
  expectedFold(workload: unknown): unknown;
  singleAppendSchedule(workload: unknown): Iterable<[number, number]>;
  createProjection(): { apply(streamId: string, type: string, data: unknown): void; result(): unknown };
  streamName(n: number): string;
}

const w1 = (await import(process.env.W1_PATH ?? '/work/shared/peers/w1.mjs')) as W1;
const streams = Number(process.argv[2] ?? 10000);
const singleSeconds = Number(process.argv[3] ?? 8);
const workload = w1.generateWorkload(streams);
const expected = JSON.stringify(w1.expectedFold(workload));
const names = workload.streams.map((_, i) => w1.streamName(i + 1));
const dir = mkdtempSync(join(tmpdir(), 'motcua-w1-quick-'));
const now = () => process.hrtime.bigint();
const seconds = (t0: bigint) => Number(now() - t0) / 1e9;

// ---------------------------------------------------------------- the raw limit, as in bench.mjs
const rawOpen = (file: string, synchronous: string) => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(`CREATE TABLE IF NOT EXISTS events (global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, created_at INTEGER NOT NULL, UNIQUE (stream_id, stream_version))`);
  const lastVersion = db.prepare('SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1').pluck();
  const insert = db.prepare('INSERT INTO events (stream_id, stream_version, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const page = db.prepare('SELECT global_position, stream_id, stream_version, type, data, metadata, created_at FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?').raw();
  const append = db.transaction((streamId: string, events: W1Event[], expectedVersion: number) => {
    const current = (lastVersion.get(streamId) as number | undefined) ?? 0;
    if (current !== expectedVersion) throw new Error('conflict');
    const createdAt = Date.now();
    let v = expectedVersion;
    for (const e of events) insert.run(streamId, ++v, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), createdAt);
  });
  return {
    append: (s: string, e: W1Event[], v: number) => append.immediate(s, e, v),
    readAll: (after: number, limit: number) =>
      (page.all(after, limit) as unknown[][]).map((r) => ({
        globalPosition: r[0] as number, streamId: r[1] as string, streamVersion: r[2], type: r[3] as string,
        data: JSON.parse(r[4] as string), metadata: JSON.parse(r[5] as string), createdAt: r[6],
      })),
    close: () => db.close(),
  };
};

const asNew = (e: W1Event) => e as unknown as NewEvent;

const results: Record<string, unknown>[] = [];
const report = (line: Record<string, unknown>) => {
  results.push(line);
  console.log(JSON.stringify(line));
};

for (const synchronous of ['NORMAL', 'FULL'] as const) {
  // append_single: interleaved streams, one event per call, awaited one by one
  {
    const raw = rawOpen(join(dir, `raw-single-${synchronous}.db`), synchronous);
    const version = new Int32Array(streams);
    let n = 0;
    const t0 = now();
    for (const [s, e] of w1.singleAppendSchedule(workload)) {
      raw.append(names[s] as string, [workload.streams[s]?.[e] as W1Event], version[s] as number);
      version[s] = (version[s] as number) + 1;
      if ((++n & 63) === 0 && seconds(t0) > singleSeconds) break;
    }
    report({ synchronous, phase: 'append_single', system: 'raw-limit', events: n, eps: Math.round(n / seconds(t0)) });
    raw.close();
  }
  {
    const store = openSqliteEventStore({ file: join(dir, `store-single-${synchronous}.db`), synchronous });
    const version = new Int32Array(streams);
    let n = 0;
    const t0 = now();
    for (const [s, e] of w1.singleAppendSchedule(workload)) {
      const v = version[s] as number;
      const r = await store.appendToStream(names[s] as string, [asNew(workload.streams[s]?.[e] as W1Event)], {
        expectedVersion: v === 0 ? 'no-stream' : v,
      });
      if (r._tag === 'Left') throw new Error(r.left.message);
      version[s] = v + 1;
      if ((++n & 63) === 0 && seconds(t0) > singleSeconds) break;
    }
    report({ synchronous, phase: 'append_single', system: 'store-sqlite', events: n, eps: Math.round(n / seconds(t0)) });
    await store.close();
  }
  // 32 callers at once, each appending single events to its own streams (W1's single schedule split
  // between them): what group commit is for. Not a W1 phase.
  for (const groupCommit of ['microtask', false] as const) {
    const store = openSqliteEventStore({ file: join(dir, `store-32-${synchronous}-${groupCommit}.db`), synchronous, groupCommit });
    const schedule = [...w1.singleAppendSchedule(workload)];
    const version = new Int32Array(streams);
    let n = 0;
    const t0 = now();
    const lane = async (k: number) => {
      for (const [s, e] of schedule) {
        if (s % 32 !== k) continue;
        const v = version[s] as number;
        const r = await store.appendToStream(names[s] as string, [asNew(workload.streams[s]?.[e] as W1Event)], {
          expectedVersion: v === 0 ? 'no-stream' : v,
        });
        if (r._tag === 'Left') throw new Error(r.left.message);
        version[s] = v + 1;
        n++;
        if (seconds(t0) > singleSeconds) break;
      }
    };
    await Promise.all(Array.from({ length: 32 }, (_, k) => lane(k)));
    const stats = store.commitStats();
    report({ synchronous, phase: 'append_single_32_callers', system: `store-sqlite groupCommit=${groupCommit}`, events: n, eps: Math.round(n / seconds(t0)), appends_per_transaction: +(stats.appends / stats.transactions).toFixed(1) });
    await store.close();
  }
  // append_batch: one call per stream with the whole stream
  const rawBatch = join(dir, `raw-batch-${synchronous}.db`);
  const storeBatch = join(dir, `store-batch-${synchronous}.db`);
  {
    const raw = rawOpen(rawBatch, synchronous);
    const t0 = now();
    for (let s = 0; s < streams; s++) raw.append(names[s] as string, workload.streams[s] as W1Event[], 0);
    report({ synchronous, phase: 'append_batch', system: 'raw-limit', eps: Math.round(workload.events / seconds(t0)) });
    raw.close();
  }
  {
    const store = openSqliteEventStore({ file: storeBatch, synchronous });
    const t0 = now();
    for (let s = 0; s < streams; s++) {
      const r = await store.appendToStream(names[s] as string, (workload.streams[s] as W1Event[]).map(asNew), { expectedVersion: 'no-stream' });
      if (r._tag === 'Left') throw new Error(r.left.message);
    }
    report({ synchronous, phase: 'append_batch', system: 'store-sqlite', eps: Math.round(workload.events / seconds(t0)) });
    await store.close();
  }
  // read_all + fold, pages of 1000, twice each, alternating, best of two
  for (let round = 0; round < 2; round++) {
    {
      const raw = rawOpen(rawBatch, synchronous);
      const projection = w1.createProjection();
      const t0 = now();
      for (let after = 0; ; ) {
        const page = raw.readAll(after, 1000);
        for (const e of page) projection.apply(e.streamId, e.type, e.data);
        if (page.length < 1000) break;
        after = (page[page.length - 1] as { globalPosition: number }).globalPosition;
      }
      const eps = Math.round(workload.events / seconds(t0));
      report({ synchronous, phase: 'read_all_fold', system: 'raw-limit', round, eps, fold_ok: JSON.stringify(projection.result()) === expected });
      raw.close();
    }
    {
      const store = openSqliteEventStore({ file: storeBatch, synchronous });
      const projection = w1.createProjection();
      const t0 = now();
      for (let after = 0; ; ) {
        const page = await store.readAll({ after, maxCount: 1000 });
        for (const e of page.events) projection.apply(e.metadata.streamId, e.type, e.data);
        if (page.isEnd) break;
        after = page.nextPosition;
      }
      const eps = Math.round(workload.events / seconds(t0));
      report({ synchronous, phase: 'read_all_fold', system: 'store-sqlite', round, eps, fold_ok: JSON.stringify(projection.result()) === expected });
      await store.close();
    }
  }
}
rmSync(dir, { recursive: true, force: true });
