import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock, isLeft, parseProvinceStreamId, STREAM_DEFINITIONS, strayFields, toVietnamDate } from '@motcua/core';
import { openSqliteEventStore, sqliteChainRows } from '@motcua/store-sqlite';
import { tempDir } from '../cli.testkit.js';
import { checkLine } from '../transfer/check-line.js';
import { toExportLine } from '../transfer/export-events.js';
import { lastDayOf, provinceYear, provinceYearOfTexts, type DayBatch, type WorkloadOptions } from './province-year.js';
import { writeProvinceYear } from './write-province-year.js';

const CODECS = new Map(STREAM_DEFINITIONS.map((definition) => [definition.name, definition.eventCodec as unknown as { members: ReadonlyMap<string, never> }]));

const shape = (seed: number, units: number, dossiersPerUnitPerDay: number, workingDays: number): WorkloadOptions => ({
  seed,
  year: 2026,
  units,
  officersPerUnit: 3,
  procedures: 12,
  tenantId: 'test-province',
  dossiersPerUnitPerDay,
  workingDays,
  organisation: true,
  inBusinessTimeOrder: true,
});

const daysOf = (options: WorkloadOptions): DayBatch[][] => [...provinceYear(options)];
const eventsOf = (days: readonly DayBatch[][]) => days.flatMap((day) => day.flatMap((batch) => batch.events.map((event) => ({ streamId: batch.streamId, event }))));

const shapes = fc.tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 25 }));

describe('the province-year generator', () => {
  it('dates no event after lastDayOf (what motcua generate holds against today)', () => {
    fc.assert(
      fc.property(shapes, ([seed, units, perDay, days]) => {
        const options = shape(seed, units, perDay, days);
        const last = lastDayOf(options);
        const latest = eventsOf(daysOf(options)).reduce((max, { event }) => {
          const day = toVietnamDate(event.metadata.occurredAt);
          return day > max ? day : max;
        }, '');
        expect(latest <= last, `latest ${latest}, bound ${last}`).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('gives every event exactly the fields of its codec, in a stream of its kind and of the province', () => {
    fc.assert(
      fc.property(shapes, ([seed, units, perDay, days]) => {
        for (const { streamId, event } of eventsOf(daysOf(shape(seed, units, perDay, days)))) {
          const parsed = parseProvinceStreamId(streamId);
          expect(parsed?.tenantId).toBe('test-province');
          expect(event.metadata.tenantId).toBe('test-province');
          const codec = CODECS.get(parsed!.kind)?.members.get(event.type) as Parameters<typeof strayFields>[0] | undefined;
          expect(codec, `${event.type} in ${streamId}`).toBeDefined();
          const decoded = codec!.decode({ type: event.type, data: event.data });
          expect(isLeft(decoded) ? decoded.left.map((error) => error.context.map((c) => c.key).join('.')) : []).toEqual([]);
          expect(strayFields(codec!, { type: event.type, data: event.data })).toEqual([]);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('refers only to units, officers and dossiers it created before', () => {
    fc.assert(
      fc.property(shapes, ([seed, units, perDay, days]) => {
        const unitsSeen = new Set<string>();
        const officersSeen = new Set<string>();
        const dossiersSeen = new Set<string>();
        for (const { streamId, event } of eventsOf(daysOf(shape(seed, units, perDay, days)))) {
          const data = event.data as Record<string, unknown>;
          if (event.type === 'UnitEstablished') unitsSeen.add(String(data.code));
          if (event.type === 'OfficerAppointed') {
            expect(unitsSeen).toContain(data.unitId);
            officersSeen.add(String(data.officerId));
          }
          if (event.type === 'DossierReceived') {
            expect(unitsSeen).toContain(data.receivingUnitId);
            dossiersSeen.add(String(data.dossierCode));
          }
          if (typeof data.officerId === 'string') expect(officersSeen).toContain(data.officerId);
          if (typeof data.unitId === 'string') expect(unitsSeen).toContain(data.unitId);
          // A dossier's stream may open with the guidance given before its receipt; an incident names a received dossier.
          if (streamId.startsWith('incident-') && typeof data.dossierCode === 'string') expect(dossiersSeen).toContain(data.dossierCode);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("keeps each stream's events in business-time order and names the version each batch follows", () => {
    fc.assert(
      fc.property(shapes, ([seed, units, perDay, days]) => {
        const versions = new Map<string, number>();
        const last = new Map<string, number>();
        for (const day of daysOf(shape(seed, units, perDay, days))) {
          for (const batch of day) {
            expect(batch.expectedVersion).toBe(versions.get(batch.streamId) ?? 0);
            versions.set(batch.streamId, batch.expectedVersion + batch.events.length);
            for (const event of batch.events) {
              const at = Date.parse(event.metadata.occurredAt);
              expect(at).toBeGreaterThanOrEqual(last.get(batch.streamId) ?? 0);
              last.set(batch.streamId, at);
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('gives the same events for the same seed, and other events for another seed', () => {
    fc.assert(
      fc.property(shapes, ([seed, units, perDay, days]) => {
        const digest = (s: number) => createHash('sha256').update(JSON.stringify(daysOf(shape(s, units, perDay, days)))).digest('hex');
        expect(digest(seed)).toBe(digest(seed));
        expect(digest(seed)).not.toBe(digest(seed + 1));
      }),
      { numRuns: 5 },
    );
  });

  it('gives the same events with their data as JSON text (provinceYearOfTexts), day by day and batch by batch', () => {
    fc.assert(
      fc.property(shapes, fc.boolean(), ([seed, units, perDay, days], organisation) => {
        const options = { ...shape(seed, units, perDay, days), organisation };
        const texts = [...provinceYearOfTexts(options)];
        const asObjects = daysOf(options);
        expect(
          texts.map((day) =>
            day.map(({ streamId, events, expectedVersion }) => ({
              streamId,
              events: events.map(({ type, dataJson, metadata }) => ({ type, data: JSON.parse(dataJson) as unknown, metadata })),
              expectedVersion,
            })),
          ),
        ).toEqual(asObjects);
        // Each text is what serialising the object gives, character for character.
        expect(texts.flat().flatMap((batch) => batch.events.map((event) => event.dataJson))).toEqual(
          asObjects.flat().flatMap((batch) => batch.events.map((event) => JSON.stringify(event.data))),
        );
      }),
      { numRuns: 10 },
    );
  });

  it('keeps the slices of the read-model benchmarks as they were (options without the province-year shape)', () => {
    const digest = createHash('sha256');
    const options = { events: 5000, seed: 42, year: 2026, units: 6, officersPerUnit: 3, procedures: 10, tenantId: 'bench' };
    for (const day of provinceYear(options)) digest.update(JSON.stringify(day.map(({ streamId, events }) => ({ streamId, events }))));
    expect(digest.digest('hex')).toBe('3514dbbcfe67211a5368236e1ae18fb4afa20adf3a61c2762b3b7291c91f53df');
  });

  it('has the proportions of a desk: per 100 dossiers about 40 rated, 20 supplements, 2 withdrawn, 1 incident', () => {
    const counts = new Map<string, number>();
    const workingDays = 40;
    for (const { event } of eventsOf(daysOf(shape(42, 10, 30, workingDays)))) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    const dossiers = counts.get('DossierReceived') ?? 0;
    expect(dossiers).toBe(10 * 30 * workingDays);
    const per100 = (type: string) => (100 * (counts.get(type) ?? 0)) / dossiers;
    expect(per100('DossierRated')).toBeGreaterThan(35);
    expect(per100('DossierRated')).toBeLessThan(45);
    expect(per100('SupplementRequested')).toBeGreaterThan(17);
    expect(per100('SupplementRequested')).toBeLessThan(23);
    expect(per100('DossierWithdrawn')).toBeGreaterThan(1);
    expect(per100('DossierWithdrawn')).toBeLessThan(3);
    expect(per100('IncidentReported')).toBeGreaterThan(0.5);
    expect(per100('IncidentReported')).toBeLessThan(1.6);
    expect(counts.get('FeedbackReceived')).toBe(workingDays * Math.round(300 / 60));
    expect(counts.get('OfficerAppointed')).toBe(30);
    // Every dossier not withdrawn is decided and returned.
    expect((counts.get('ResultReturned') ?? 0) + (counts.get('DossierWithdrawn') ?? 0)).toBe(dossiers);
  });
});

describe('writing a province-year into a store', () => {
  it('stores events each of which an import takes (codec, hash, chain), recorded no earlier than they happened', async () => {
    const tmp = tempDir();
    try {
      const file = tmp.file('year.db');
      const clock = fixedClock('2025-01-01T00:00:00Z');
      const store = openSqliteEventStore({ file, clock, synchronous: 'NORMAL', pollIntervalMs: 0 });
      const options = shape(3, 3, 5, 12);
      let summary;
      try {
        summary = await writeProvinceYear(store, options, { clock, appendsPerGroup: 50 });
        expect((await store.verify()).ok).toBe(true);
      } finally {
        await store.close();
      }
      const generated = eventsOf(daysOf(options));
      expect(summary.events).toBe(generated.length);
      let previousRecordedAt = '';
      let n = 0;
      for await (const row of sqliteChainRows(file)) {
        const line = checkLine(JSON.stringify(toExportLine(row)));
        const recordedAt = String(line.metadata.recordedAt);
        expect(Date.parse(recordedAt)).toBeGreaterThanOrEqual(Date.parse(String(line.metadata.occurredAt)));
        expect(recordedAt >= previousRecordedAt).toBe(true);
        previousRecordedAt = recordedAt;
        n++;
      }
      expect(n).toBe(generated.length);
      expect(summary.lastPosition).toBe(n);
    } finally {
      tmp.remove();
    }
  });
});

