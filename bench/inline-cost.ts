// pnpm -s bench:inline-cost [--dossiers 1000,10000,100000] [--appends 2000] [--seed 42] [--units 60]
//   [--synthetic] [--only name,name] [--dir DIR] [--keep] [--page-size BYTES]
// The cost of an append with document projections folded inline, as history grows. One SQLite file at
// synchronous=NORMAL is filled (untimed) with a province-year of dossiers, appended by the inline
// store in group commits; each time the history reaches a size of `--dossiers`, `--appends` appends of
// another year's activity (one stream-day batch each, awaited one by one) are timed, first through a
// second connection without projections (the baseline), then through the inline store. The
// projections are the registry's (`createReadModels`: every read model and the dossier list), or a
// representative one of this file's with `--synthetic`; `--only` keeps some by name. One JSON line per
// measurement; each append line names the event types of the slowest appends (by wall time).
// Target: p50 and p99 flat with history (within 1.5x across sizes), p99 under 2 ms.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createReadModels, createVietnamCalendar, defaultRuleBook, defineProjection, documentKey, type AnyProjection } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { provinceYear, type DayBatch } from './read-models-workload.js';
import { benchOptions } from './options.js';

const { args, option, integer } = benchOptions();

const emit = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'inline-cost', ...line }));
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** A per-dossier document and four counters per event, each bounded (per day, never per year). */
const representative = defineProjection<{ readonly count: number; readonly last: number }>({
  name: 'bench-representative',
  version: 1,
  handlers: Object.fromEntries(
    (['DossierReceived', 'DossierTransferred', 'ProcessingCompleted', 'ResultReturned', 'DossierRated'] as const).map((type) => [
      type,
      {
        touches: (event: { readonly data: { readonly dossierCode: string; readonly occurredAt: string }; readonly metadata: { readonly tenantId: string } }) => {
          const { tenantId } = event.metadata;
          const day = event.data.occurredAt.slice(0, 10);
          return [
            documentKey(tenantId, 'dossier', event.data.dossierCode),
            documentKey(tenantId, 'day', day),
            documentKey(tenantId, 'type', type, day),
            documentKey(tenantId, 'unit', event.data.dossierCode.slice(0, 9), day),
            documentKey(tenantId, 'hour', event.data.occurredAt.slice(0, 13)),
          ];
        },
        evolve: (document: { readonly count: number } | undefined, event: { readonly metadata: { readonly globalPosition: number } }) => ({
          count: (document?.count ?? 0) + 1,
          last: event.metadata.globalPosition,
        }),
      },
    ]),
  ),
});

/** The registry's projections: every read model's and the dossier list's. */
const readModelProjections = (): readonly AnyProjection[] => createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() }).projections;

const main = async () => {
  const sizes = option('dossiers', '1000,10000,100000')
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
  const appends = integer('appends', 2000);
  const seed = integer('seed', 42);
  const units = integer('units', 60);
  const keep = args.includes('--keep');
  const only = option('only', '')
    .split(',')
    .filter((name) => name !== '');
  const projections = (args.includes('--synthetic') ? [representative] : readModelProjections()).filter((p) => only.length === 0 || only.includes(p.name));
  if (projections.length === 0) throw new Error('no projection to fold');
  emit({ projections: projections.map((p) => p.name) });
  const dir = option('dir', '') || mkdtempSync(join(tmpdir(), 'motcua-inline-cost-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'events.db');
  const tenantId = 'province-thai-nguyen';
  const largest = sizes[sizes.length - 1] ?? 1000;
  const history = provinceYear({ events: Math.round(largest * 5.7), seed, year: 2026, units, officersPerUnit: 10, procedures: 150, tenantId });
  // Another year's activity, appended one batch at a time while timed.
  const live = (function* () {
    for (const day of provinceYear({ events: Math.round(Math.max(largest, 3 * appends * sizes.length) * 5.7), seed: seed + 1, year: 2027, units, officersPerUnit: 10, procedures: 150, tenantId })) yield* day;
  })();
  const nextLive = (): DayBatch => {
    const next = live.next();
    if (next.done === true) throw new Error('the live year ran out: ask for fewer --appends');
    return next.value;
  };
  const pageSize = integer('page-size', 4096);
  const store = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0, projections, pageSize });
  const rows: { dossiers: number; p50: number; p99: number }[] = [];
  let dossiers = 0;
  try {
    for (const size of sizes) {
      // Untimed: history up to `size` dossiers, folded inline in group commits.
      const loadStart = performance.now();
      while (dossiers < size) {
        const day = history.next();
        if (day.done === true) break;
        for (let i = 0; i < day.value.length; i += 2000) {
          const group = day.value.slice(i, i + 2000);
          await Promise.all(group.map((batch) => store.appendToStream(batch.streamId, batch.events)));
          for (const batch of group) dossiers += batch.events.filter((event) => event.type === 'DossierReceived').length;
        }
      }
      const events = await store.headPosition();
      emit({ phase: 'history', dossiers, events, loadSeconds: round((performance.now() - loadStart) / 1000) });

      // Wall time per append, and the process's CPU time (what the append cost, without waiting for the cores).
      // The batches are generated before the clock starts, and the heap collected (with `--expose-gc`,
      // as the script runs), so the appends timed pay for no object of the generator.
      const time = async (append: (batch: DayBatch) => Promise<unknown>) => {
        const wall: number[] = [];
        const cpu: number[] = [];
        const slowest: { ms: number; cpuMs: number; types: string }[] = [];
        const batches = Array.from({ length: appends }, nextLive);
        (globalThis as { gc?: () => void }).gc?.();
        for (const batch of batches) {
          const cpuStart = process.cpuUsage();
          const start = performance.now();
          await append(batch);
          const ms = performance.now() - start;
          wall.push(ms);
          const used = process.cpuUsage(cpuStart);
          const cpuMs = (used.user + used.system) / 1000;
          cpu.push(cpuMs);
          slowest.push({ ms: round(ms), cpuMs: round(cpuMs), types: batch.events.map((event) => event.type).join('+') });
        }
        slowest.sort((a, b) => b.ms - a.ms);
        return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b), slowest: slowest.slice(0, Math.max(1, Math.ceil(appends / 100))) };
      };
      // The baseline: a connection without projections (its events are folded by the next inline append).
      const plain = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0 });
      const baseline = await time((batch) => plain.appendToStream(batch.streamId, batch.events));
      await plain.close();
      const warmUp = nextLive();
      await store.appendToStream(warmUp.streamId, warmUp.events);
      const inline = await time((batch) => store.appendToStream(batch.streamId, batch.events));
      const failed: string[] = [];
      for (const projection of projections) {
        const header = await store.documents.header(projection.name);
        if (header?.status !== 'running') failed.push(`${projection.name}: ${header?.failure?.message ?? 'no copy'}`);
        for (const failure of header?.provinceFailures ?? []) failed.push(`${projection.name}: province ${failure.tenantId}: ${failure.message}`);
      }
      const p50 = percentile(inline.wall, 50);
      const p99 = percentile(inline.wall, 99);
      rows.push({ dossiers: size, p50, p99 });
      emit({
        phase: 'append',
        dossiers,
        events: await store.headPosition(),
        appends,
        p50Ms: round(p50),
        p99Ms: round(p99),
        maxMs: round(inline.wall[inline.wall.length - 1] ?? 0),
        meanMs: round(inline.wall.reduce((a, b) => a + b, 0) / inline.wall.length),
        cpuP50Ms: round(percentile(inline.cpu, 50)),
        cpuP99Ms: round(percentile(inline.cpu, 99)),
        baselineP50Ms: round(percentile(baseline.wall, 50)),
        baselineP99Ms: round(percentile(baseline.wall, 99)),
        baselineCpuP50Ms: round(percentile(baseline.cpu, 50)),
        baselineCpuP99Ms: round(percentile(baseline.cpu, 99)),
        slowest: inline.slowest,
        failed,
      });
    }
    const spread = (values: readonly number[]) => Math.max(...values) / Math.min(...values);
    emit({
      phase: 'summary',
      p50Spread: round(spread(rows.map((r) => r.p50))),
      p99Spread: round(spread(rows.map((r) => r.p99))),
      flatWithin1_5x: spread(rows.map((r) => r.p50)) <= 1.5 && spread(rows.map((r) => r.p99)) <= 1.5,
      p99Under2Ms: rows.every((r) => r.p99 < 2),
    });
  } finally {
    await store.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
};

await main();
