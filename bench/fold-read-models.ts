// pnpm -s bench:fold-read-models [--events 100000] [--seed 42] [--units 60] [--only name,name] [--rounds 3]
// Folds an in-memory province-year slice (the generator of bench:read-models, untimed) into a
// DocumentSession per projection with `foldBatch`, no store, and prints per projection the CPU time
// (user + system of this thread, so the machine's load matters less), events/s over the events of the
// whole slice, and documents written per event (of the slice, and of those it handles). One JSON line per
// projection, from its best round.
import { createReadModels, createVietnamCalendar, defaultRuleBook } from '@motcua/core';
import type { RecordedEvent } from '../packages/core/src/kernel/envelope.js';
import { eventTypesOf, type AnyProjection, type DocumentReader, type EventHandler } from '../packages/core/src/read-side/engine/document-projection.js';
import { checkEvent } from '../packages/core/src/read-side/engine/fold.js';
import { foldPages } from './fold-pages.js';
import { provinceYear } from './read-models-workload.js';
import { benchOptions } from './options.js';

const { option } = benchOptions();
const events = Number(option('events', '100000'));
const rounds = Number(option('rounds', '3'));
const only = option('only', '').split(',').filter((name) => name !== '');

const log: RecordedEvent[] = [];
const versions = new Map<string, number>();
for (const day of provinceYear({
  events,
  seed: Number(option('seed', '42')),
  year: 2026,
  units: Number(option('units', '60')),
  officersPerUnit: 8,
  procedures: 400,
  tenantId: 'hcm',
})) {
  for (const batch of day) {
    for (const event of batch.events) {
      const streamVersion = (versions.get(batch.streamId) ?? 0) + 1;
      versions.set(batch.streamId, streamVersion);
      log.push({
        type: event.type,
        data: event.data,
        metadata: {
          ...event.metadata,
          eventId: `e-${log.length + 1}`,
          streamId: batch.streamId,
          streamVersion,
          globalPosition: log.length + 1,
          recordedAt: event.metadata.occurredAt,
        },
      } as RecordedEvent);
    }
  }
}
// Pages of 1000 events, shared by every projection as the engine shares the page it reads. Codec checks
// are shared by every projection folding the same event: done once here, outside the timing.
const pages: RecordedEvent[][] = [];
for (let from = 0; from < log.length; from += 1000) pages.push(log.slice(from, from + 1000));
for (const event of log) checkEvent(event);

const projections: readonly AnyProjection[] = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() }).projections.filter(
  (projection) => only.length === 0 || only.includes(projection.name),
);

const cpuMs = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

interface Measured {
  readonly projection: AnyProjection;
  readonly counted: AnyProjection;
  readonly handled: number;
  best: number;
  touched: number;
  documents: number;
}

// Counts the keys each handled event touches (what the engine writes per event, before a batch merges them).
let touched = 0;
const measured: Measured[] = projections.map((projection) => {
  const types = new Set<string>(eventTypesOf(projection));
  const counted: AnyProjection = {
    ...projection,
    handlers: Object.fromEntries(
      Object.entries(projection.handlers as Record<string, EventHandler<unknown, RecordedEvent>>).map(([type, handler]) => [
        type,
        {
          ...handler,
          touches: (event: RecordedEvent, documents: DocumentReader<unknown>) => {
            const keys = handler.touches(event, documents);
            touched += keys.length;
            return keys;
          },
        },
      ]),
    ),
  };
  return { projection, counted, handled: log.filter((event) => types.has(event.type)).length, best: Infinity, touched: 0, documents: 0 };
});

// Rounds go over every projection in turn, so a slow moment of the machine spoils one projection's round, not all of them.
for (let round = 0; round < rounds; round++) {
  for (const m of measured) {
    touched = 0;
    const start = process.cpuUsage();
    const session = foldPages(m.counted, pages);
    m.best = Math.min(m.best, cpuMs(start));
    m.touched = touched;
    m.documents = session.cached;
  }
}

let totalMs = 0;
for (const { projection, handled, best, touched: written, documents } of measured) {
  totalMs += best;
  console.log(
    JSON.stringify({
      projection: projection.name,
      version: projection.version,
      events: log.length,
      handled,
      cpu_ms: Math.round(best),
      events_per_s: Math.round(log.length / (best / 1000)),
      handled_per_s: Math.round(handled / (best / 1000)),
      documents_per_handled_event: Math.round((written / Math.max(1, handled)) * 100) / 100,
      documents_per_event: Math.round((written / log.length) * 100) / 100,
      documents,
    }),
  );
}
console.log(JSON.stringify({ projection: 'all (sequential)', events: log.length, cpu_ms: Math.round(totalMs), events_per_s: Math.round(log.length / (totalMs / 1000)) }));
