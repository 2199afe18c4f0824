// W1 (../shared/peers/WORKLOAD.md) against a motcua store, through the EventStore port only, the way
// an embedder calls it. Returns the JSON line's object; w1.ts prints it.
import { rmSync } from 'node:fs';
import { isLeft, type EventStore, type NewEvent } from '@motcua/core';
import type { StoreAdapter } from './stores/store-adapter.js';
import type { W1Event, W1Fold, W1Module, W1RssSampler, W1Workload } from './w1-reference.js';

export interface W1RunOptions {
  readonly streams: number;
  readonly reads: number;
  readonly singleSeconds: number;
  readonly perStreamRead: boolean;
  /** Extra phase: this many appenders in flight together on distinct streams; 0 skips it. */
  readonly concurrency: number;
  /** Temporary directory of the run (made by the caller, holds the adapter's files). */
  readonly dir: string;
  readonly keep: boolean;
}

// Business time of each W1 event: the timestamp field its data carries.
const OCCURRED_AT: Readonly<Record<string, string>> = {
  DossierReceived: 'receivedAt',
  DossierTransferred: 'transferredAt',
  SupplementRequested: 'requestedAt',
  SupplementReceived: 'receivedAt',
  DossierProcessingCompleted: 'completedAt',
  ResultReturned: 'returnedAt',
  DossierRated: 'ratedAt',
};

/** A W1 event as motcua's NewEvent: W1's correlation, causation and actor, plus tenant and business time. */
export const toNewEvent = (event: W1Event): NewEvent => ({
  type: event.type,
  data: event.data,
  metadata: {
    occurredAt: String(event.data[OCCURRED_AT[event.type] ?? ''] ?? '2024-01-01T00:00:00.000Z'),
    actor: { id: event.metadata.actor, role: 'system' },
    tenantId: String(event.data.tenantId),
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
  },
});

const expectedVersion = (version: number) => (version === 0 ? ('no-stream' as const) : version);

const appendOrThrow = async (store: EventStore, streamId: string, events: readonly NewEvent[], version: number) => {
  const result = await store.appendToStream(streamId, events, { expectedVersion: expectedVersion(version) });
  if (isLeft(result)) throw new Error(`append to ${streamId} at ${version} refused: ${result.left.message}`);
};

/** The untimed semantic check on a scratch database: what the store really enforces. */
const checkSemantics = async (store: EventStore, event: NewEvent) => {
  const outcome = async (version: number | 'no-stream') =>
    isLeft(await store.appendToStream('check-1', [event], { expectedVersion: version })) ? 'rejected' : 'accepted';
  await appendOrThrow(store, 'check-1', [event], 0);
  const checks = {
    no_stream_rejects_existing: (await outcome('no-stream')) === 'rejected',
    wrong_version_rejected: (await outcome(5)) === 'rejected',
    correct_version_accepted_after_rejection: (await outcome(1)) === 'accepted',
  };
  const read = await store.readStream('check-1');
  return { ...checks, versions_without_gaps: read.events.map((e) => e.metadata.streamVersion).join(',') === '1,2' };
};

const sameFold = (a: W1Fold, b: W1Fold) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Phase 3's timed loop, in a function of its own (as are 3b's and 4's) like the peers' small top-level
 * loops. Inside runW1 it shared the tier of the whole driver, whose optimized code V8 drops each time a
 * new phase reaches code it has not run yet and then recompiles (70-140 ms of concurrent compiling
 * measured on 2 cores): the fold was partly timed while the driver ran unoptimized.
 */
const readAllFold = async (w1: W1Module, store: EventStore, rss: W1RssSampler) => {
  const page = w1.W1_READ_ALL_PAGE;
  const t0 = w1.now();
  const projection = w1.createProjection();
  let readCount = 0;
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, maxCount: page });
    for (const e of batch.events) projection.apply(e.metadata.streamId, e.type, e.data);
    readCount += batch.events.length;
    rss.tick();
    if (batch.isEnd || batch.events.length === 0) break;
    after = batch.nextPosition;
  }
  return { seconds: w1.secondsSince(t0), projection, readCount };
};

/** Phase 3b: the same fold through readStream, n = 1..S. */
const perStreamFold = async (w1: W1Module, store: EventStore, names: readonly string[], rss: W1RssSampler) => {
  const t0 = w1.now();
  const projection = w1.createProjection();
  for (const name of names) {
    for (const e of (await store.readStream(name)).events) projection.apply(name, e.type, e.data);
    rss.tick();
  }
  return { seconds: w1.secondsSince(t0), projection };
};

/** Phase 4: each read of a sampled stream, folded into one dossier, timed alone (ns). */
const readStreamLatency = async (w1: W1Module, store: EventStore, sample: readonly number[], rss: W1RssSampler) => {
  const latency = new Float64Array(sample.length);
  let readChecksum = 0;
  for (let i = 0; i < sample.length; i++) {
    const name = w1.streamName(sample[i] as number);
    const t = w1.now();
    const state = w1.initialDossier();
    for (const e of (await store.readStream(name)).events) w1.evolveDossier(state, e.type, e.data);
    latency[i] = Number(w1.now() - t);
    readChecksum += state.events;
    rss.tick();
  }
  return { latency, readChecksum };
};

const secondsOf = (s: number | null) => (s === null ? null : +s.toFixed(2));

export const runW1 = async (w1: W1Module, adapter: StoreAdapter, options: W1RunOptions) => {
  // ---------------------------------------------------------------- untimed setup
  const workload: W1Workload = w1.generateWorkload(options.streams);
  const expected = w1.expectedFold(workload);
  const sha = w1.workloadSha256(workload);
  const names = workload.streams.map((_, i) => w1.streamName(i + 1));
  const events: NewEvent[][] = workload.streams.map((stream) => stream.map(toNewEvent));
  const streamEvents = (s: number) => events[s] as NewEvent[];
  const rssBaseline = process.memoryUsage.rss();
  const rss = w1.createRssSampler();
  const notes: string[] = [];

  let store = await adapter.create('check');
  const checks = await checkSemantics(store, streamEvents(0)[0] as NewEvent);
  await adapter.release('check', store);

  // ---------------------------------------------------------------- 1. append_single
  store = await adapter.create('single');
  const version = new Int32Array(options.streams);
  const capNs = BigInt(Math.round(options.singleSeconds * 1e9));
  let singleEvents = 0;
  let singleCapped = false;
  let t0 = w1.now();
  for (const [s, e] of w1.singleAppendSchedule(workload)) {
    await appendOrThrow(store, names[s] as string, [streamEvents(s)[e] as NewEvent], version[s] as number);
    version[s] = (version[s] as number) + 1;
    singleEvents++;
    rss.tick();
    if ((singleEvents & 63) === 0 && w1.now() - t0 > capNs) {
      singleCapped = true;
      break;
    }
  }
  const appendSingleS = w1.secondsSince(t0);
  await adapter.release('single', store);

  // ---------------------------------------------------------------- 2. append_batch
  store = await adapter.create('batch');
  t0 = w1.now();
  for (let s = 0; s < options.streams; s++) {
    await appendOrThrow(store, names[s] as string, streamEvents(s), 0);
    rss.tick();
  }
  const appendBatchS = w1.secondsSince(t0);
  await adapter.release('batch', store);

  // ---------------------------------------------------------------- 3. read_all_fold (readAll pages)
  store = await adapter.reopen('batch');
  const { seconds: readAllS, projection, readCount } = await readAllFold(w1, store, rss);
  const fold = projection.result();
  if (readCount !== workload.events) throw new Error(`read_all read ${readCount} events, expected ${workload.events}`);

  // 3b (extra): the same fold through readStream, n = 1..S
  let readAllPerStreamS: number | null = null;
  let foldPerStreamOk: boolean | null = null;
  if (options.perStreamRead) {
    const perStream = await perStreamFold(w1, store, names, rss);
    readAllPerStreamS = perStream.seconds;
    foldPerStreamOk = sameFold(perStream.projection.result(), expected);
  }

  // ---------------------------------------------------------------- 4. read_stream_latency
  const { latency, readChecksum } = await readStreamLatency(w1, store, w1.readSample(options.streams, options.reads), rss);
  await adapter.release('batch', store);
  latency.sort();

  // ---------------------------------------------------------------- extra: concurrent appenders
  let concurrent: {
    append_concurrent_eps?: number;
    append_concurrent_events?: number;
    append_concurrent_capped?: boolean;
    concurrency?: number;
    append_concurrent_appends_per_transaction?: number | null;
  } = {};
  let appendConcurrentS: number | null = null;
  if (options.concurrency > 0) {
    // Lane k owns the streams s with s % N === k and appends them in the seed-43 order, one event per
    // call with its expected version; the N lanes are in flight together.
    const lanes: [number, number][][] = Array.from({ length: options.concurrency }, () => []);
    for (const [s, e] of w1.singleAppendSchedule(workload)) lanes[s % options.concurrency]?.push([s, e]);
    store = await adapter.create('concurrent');
    const laneVersion = new Int32Array(options.streams);
    let appended = 0;
    let capped = false;
    t0 = w1.now();
    const lane = async (work: [number, number][]) => {
      for (const [s, e] of work) {
        if (capped) return;
        await appendOrThrow(store, names[s] as string, [streamEvents(s)[e] as NewEvent], laneVersion[s] as number);
        laneVersion[s] = (laneVersion[s] as number) + 1;
        appended++;
        rss.tick();
        if ((appended & 63) === 0 && w1.now() - t0 > capNs) capped = true;
      }
    };
    await Promise.all(lanes.map(lane));
    appendConcurrentS = w1.secondsSince(t0);
    const stats = adapter.commitStats?.(store);
    await adapter.release('concurrent', store);
    concurrent = {
      append_concurrent_eps: w1.round(appended / appendConcurrentS),
      append_concurrent_events: appended,
      append_concurrent_capped: capped,
      concurrency: options.concurrency,
      append_concurrent_appends_per_transaction: stats ? +(stats.appends / stats.transactions).toFixed(1) : null,
    };
  }

  const peak = rss.stop();
  const dbBytes = await adapter.sizeBytes('batch');
  const dbSingleBytes = await adapter.sizeBytes('single');
  await adapter.dispose(options.keep);
  if (!options.keep) rmSync(options.dir, { recursive: true, force: true });
  if (singleCapped) notes.push(`append_single capped at ${options.singleSeconds} s`);

  return {
    system: adapter.system,
    version: adapter.version,
    streams: options.streams,
    events: workload.events,
    append_single_eps: w1.round(singleEvents / appendSingleS),
    append_batch_eps: w1.round(workload.events / appendBatchS),
    read_all_eps: w1.round(workload.events / readAllS),
    read_p50_us: w1.round(w1.percentile(latency, 0.5) / 1000),
    read_p99_us: w1.round(w1.percentile(latency, 0.99) / 1000),
    rss_mb: w1.mb(peak),
    db_mb: dbBytes === null ? null : w1.mb(dbBytes),
    fold,
    extra: {
      append_single_events: singleEvents,
      append_single_capped: singleCapped,
      fold_ok: sameFold(fold, expected),
      fold_per_stream_ok: foldPerStreamOk,
      workload_sha256: sha,
      append_api: "store.appendToStream(streamId, events, { expectedVersion: 'no-stream' | version }) (Either, Left = refused)",
      read_all_api: `store.readAll({ after, maxCount: ${w1.W1_READ_ALL_PAGE} }) paged by global position`,
      read_all_per_stream_eps: readAllPerStreamS === null ? null : w1.round(workload.events / readAllPerStreamS),
      read_stream_api: 'store.readStream(streamId)',
      ...concurrent,
      checks,
      seconds: {
        append_single: secondsOf(appendSingleS),
        append_batch: secondsOf(appendBatchS),
        read_all: secondsOf(readAllS),
        read_all_per_stream: secondsOf(readAllPerStreamS),
        ...(appendConcurrentS === null ? {} : { append_concurrent: secondsOf(appendConcurrentS) }),
      },
      read_checksum: readChecksum,
      rss_baseline_mb: w1.mb(rssBaseline),
      db_single_mb: dbSingleBytes === null ? null : w1.mb(dbSingleBytes),
      ...adapter.extra,
      settings: adapter.settings,
      node: process.version,
      notes,
    },
  };
};

export type W1Result = Awaited<ReturnType<typeof runW1>>;
