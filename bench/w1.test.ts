// The bench must not rot: on a tiny W1 workload, the driver's fold and fingerprint are the
// reference's (../shared/peers/w1.mjs). No timing is asserted.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryAdapter } from './stores/memory.js';
import { sqliteAdapter } from './stores/sqlite.js';
import type { StoreAdapter } from './stores/store-adapter.js';
import { runW1 } from './w1-driver.js';
import { loadW1, w1Path, type W1Module } from './w1-reference.js';

const STREAMS = 200;
// The reference lives outside the repo (../shared/peers); a checkout without it cannot run this.
const available = existsSync(w1Path);
if (!available) console.info(`skipped: the W1 reference ${w1Path} is not beside the repo, so the bench cannot be checked against it`);
const w1: W1Module = available ? await loadW1() : (undefined as unknown as W1Module);
const workload = available ? w1.generateWorkload(STREAMS) : { streams: [], events: 0 };

const run = (adapter: (dir: string) => StoreAdapter) => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-w1-test-'));
  return runW1(w1, adapter(dir), { streams: STREAMS, reads: 50, singleSeconds: 600, perStreamRead: true, concurrency: 4, dir, keep: false });
};

describe.skipIf(!available).each([
  ['memory', () => memoryAdapter()],
  ['sqlite', (dir: string) => sqliteAdapter({ dir, synchronous: 'NORMAL' })],
] as const)('W1 on the %s store', (_name, adapter) => {
  it('folds every event into the reference projection, over readAll and over readStream', async () => {
    // Given the tiny workload, When W1 runs on the store
    const result = await run(adapter);
    // Then the folds and the fingerprint are the reference's
    expect(result.fold).toEqual(w1.expectedFold(workload));
    expect(JSON.stringify(result.fold)).toBe(JSON.stringify(w1.expectedFold(workload)));
    expect(result.extra.fold_ok).toBe(true);
    expect(result.extra.fold_per_stream_ok).toBe(true);
    expect(result.extra.workload_sha256).toBe(w1.workloadSha256(workload));
    expect(result.events).toBe(workload.events);
    expect(result.extra.append_single_events).toBe(workload.events);
    expect(result.extra.append_concurrent_events).toBe(workload.events);
    expect(result.extra.checks).toEqual({
      no_stream_rejects_existing: true,
      wrong_version_rejected: true,
      correct_version_accepted_after_rejection: true,
      versions_without_gaps: true,
    });
    expect(result.extra.read_checksum).toBe(
      w1.readSample(STREAMS, 50).reduce((sum, n) => sum + (workload.streams[n - 1]?.length ?? 0), 0),
    );
  });
});
