// pnpm exec tsx --conditions=source bench/read-all.ts [--streams N] [--synchronous NORMAL|FULL]
//   [--dir DIR] [--side store|limit] [--repeat K]
// Phase 3 of W1 alone (readAll pages of 1000 folded into the W1 projection), for working on the read
// path without the whole comparison: the store's file and a file in the raw limit's layout
// (../shared/peers/sqlite-limit/bench.mjs) are made once in DIR and kept; each run times one side.
// Run each side in its own process, as bench:compare does. bench:compare gives the numbers to quote.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isLeft } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { toNewEvent } from './w1-driver.js';
import { loadW1 } from './w1-reference.js';

const main = async () => {
  const w1 = await loadW1();
  const opts = w1.parseArgs(process.argv.slice(2).filter((a) => a !== '--'), { synchronous: 'NORMAL', side: 'store', repeat: '3' });
  const synchronous = String(opts.synchronous).toUpperCase() as 'NORMAL' | 'FULL';
  const dir = join(opts.dir, `motcua-read-all-${opts.streams}`);
  mkdirSync(dir, { recursive: true });
  const workload = w1.generateWorkload(opts.streams);
  const expected = JSON.stringify(w1.expectedFold(workload));
  const storeFile = join(dir, 'store.db');
  const limitFile = join(dir, 'limit.db');
  if (!existsSync(storeFile)) {
    const store = openSqliteEventStore({ file: storeFile, synchronous: 'NORMAL', pollIntervalMs: 0 });
    for (let s = 0; s < opts.streams; s++) {
      const result = await store.appendToStream(w1.streamName(s + 1), (workload.streams[s] ?? []).map(toNewEvent), { expectedVersion: 'no-stream' });
      if (isLeft(result)) throw new Error(result.left.message);
    }
    await store.close();
  }
  if (!existsSync(limitFile)) {
    const db = new Database(limitFile);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL,
      stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
      created_at INTEGER NOT NULL, UNIQUE (stream_id, stream_version))`);
    const insert = db.prepare('INSERT INTO events (stream_id, stream_version, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      workload.streams.forEach((stream, s) =>
        stream.forEach((e, v) => insert.run(w1.streamName(s + 1), v + 1, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), Date.now())),
      );
    })();
    db.close();
  }
  const page = w1.W1_READ_ALL_PAGE;
  const rss = w1.createRssSampler();
  // As in bench:w1, the workload (and, for the store, its events as NewEvents) stays alive while reading.
  const held = opts.side === 'store' ? workload.streams.map((stream) => stream.map(toNewEvent)) : [];
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < Number(opts.repeat); k++) {
    const projection = w1.createProjection();
    let t0: bigint;
    const c0 = process.cpuUsage();
    if (opts.side === 'limit') {
      const db = new Database(limitFile);
      for (const pragma of ['journal_mode = WAL', `synchronous = ${synchronous}`, 'temp_store = MEMORY', 'cache_size = -65536', 'mmap_size = 268435456']) db.pragma(pragma);
      const statement = db.prepare('SELECT global_position, stream_id, stream_version, type, data, metadata, created_at FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?').raw();
      t0 = w1.now();
      for (let after = 0; ; ) {
        const batch = (statement.all(after, page) as unknown[][]).map((r) => ({
          globalPosition: r[0] as number, streamId: r[1] as string, streamVersion: r[2], type: r[3] as string,
          data: JSON.parse(r[4] as string) as unknown, metadata: JSON.parse(r[5] as string) as unknown, createdAt: r[6],
        }));
        for (const e of batch) projection.apply(e.streamId, e.type, e.data);
        rss.tick();
        if (batch.length < page) break;
        after = (batch[batch.length - 1] as { globalPosition: number }).globalPosition;
      }
      times.push(w1.secondsSince(t0));
      db.close();
    } else {
      const store = openSqliteEventStore({ file: storeFile, synchronous, pollIntervalMs: 0 });
      t0 = w1.now();
      for (let after = 0; ; ) {
        const batch = await store.readAll({ after, maxCount: page });
        for (const e of batch.events) projection.apply(e.metadata.streamId, e.type, e.data);
        rss.tick();
        if (batch.isEnd || batch.events.length === 0) break;
        after = batch.nextPosition;
      }
      times.push(w1.secondsSince(t0));
      await store.close();
    }
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    if (JSON.stringify(projection.result()) !== expected) throw new Error('fold differs from the expected one');
  }
  const eps = times.map((s) => w1.round(workload.events / s));
  console.log(JSON.stringify({ side: opts.side, synchronous, events: workload.events, read_all_eps: eps, cpu_eps: cpu.map((s) => w1.round(workload.events / s)), held: held.length, rss_mb: w1.mb(rss.stop()) }));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
