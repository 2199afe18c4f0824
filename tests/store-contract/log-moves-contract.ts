import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deskEventCodecs,
  fixedClock,
  InMemoryEventStore,
  toExportLine,
  type EventStore,
  type HashChainRow,
  type NewEvent,
  type RecordedEvent,
} from '@motcua/core';
import { chainOf } from '../../packages/core/src/audit/bundle/bundle.testkit.js';
import { checkLine } from '../../packages/cli/src/transfer/check-line.js';
import { importEvents } from '../../packages/cli/src/transfer/import-events.js';
import { DESK_KINDS, deskEvents, goodContext, kindOf, spoiledContexts, streamOf, twoEntities } from './desk-event-arbitrary.js';

/** The stored rows of the whole log, as `motcua export` reads them: the store's own, or rebuilt from its events when it keeps no hash chain. */
const chainRows = async (store: EventStore): Promise<readonly HashChainRow[]> => {
  const { events } = await store.readAll({ after: 0, maxCount: 1_000_000 });
  const positions = events.map((event) => event.metadata.globalPosition);
  if (store.chainRowsAt !== undefined) {
    const rows = await store.chainRowsAt(positions);
    return positions.map((position) => rows.get(position) as HashChainRow);
  }
  return chainOf(events);
};

/** What a reader sees of an event, wherever it is stored. */
const seen = (event: RecordedEvent) => ({ type: event.type, data: event.data, metadata: { ...event.metadata } });

/**
 * The law that keeps a log movable (docs/record-as-evidence.md, docs/adr/0007-export-import-keeps-the-stored-chain.md):
 * whatever a store accepts, good or not, is exported, checked line by line as `motcua import` and
 * `motcua migrate` check it, and imported into another store whole, where it reads back the same.
 */
export const describeLogMoves = (store: () => EventStore) => {
  const PROVINCE = 'province-02';

  /** An append someone might try: a desk event in its stream or out of place, with metadata good or spoiled. */
  const attempts = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: deskEvents.map((event) => ({ streamId: streamOf(event, PROVINCE), event, metadata: fc.constant(goodContext(PROVINCE, 1)) })) },
      { weight: 2, arbitrary: deskEvents.map((event) => ({ streamId: streamOf(event, PROVINCE), event, metadata: spoiledContexts(PROVINCE, 1).map((spoiled) => spoiled.metadata) })) },
      {
        weight: 1,
        arbitrary: deskEvents.chain((event) =>
          fc.constantFrom(...DESK_KINDS).map((kind) => ({ streamId: `${kind}-${PROVINCE}:${event.data[kindOf(event.type).idField] as string}`, event, metadata: fc.constant(goodContext(PROVINCE, 1)) })),
        ),
      },
      { weight: 1, arbitrary: twoEntities.map(([event, other]) => ({ streamId: streamOf(other, PROVINCE), event, metadata: fc.constant(goodContext(PROVINCE, 1)) })) },
    ).chain(({ streamId, event, metadata }) => metadata.map((context): { streamId: string; event: NewEvent } => ({ streamId, event: { ...event, metadata: context } }))),
    { minLength: 1, maxLength: 4 },
  );

  describe('what a store accepts can be moved', () => {
    it('any append a store accepts is exported, passes the checks of import and migrate, and is imported into another store whole', async () => {
      await fc.assert(
        fc.asyncProperty(attempts, async (appends) => {
          for (const { streamId, event } of appends) await store().appendToStream(streamId, [event]).catch(() => undefined);
          const rows = await chainRows(store());
          const lines = rows.map((row) => JSON.stringify(toExportLine(row)));
          // Each line passes what `motcua import` and `motcua migrate` check of it.
          for (const line of lines) expect(() => checkLine(line), line).not.toThrow();
          const clock = fixedClock('2026-03-02T02:00:00.000Z');
          const target = new InMemoryEventStore({ clock, eventCodecs: deskEventCodecs() });
          const summary = await importEvents(target, () => Readable.from([lines.map((line) => `${line}\n`).join('')]), { clock });
          expect(summary.rejected).toEqual([]);
          expect(summary.imported).toBe(lines.length);
          const [source, copy] = await Promise.all([store().readAll({ after: 0, maxCount: 1_000_000 }), target.readAll({ after: 0, maxCount: 1_000_000 })]);
          expect(copy.events.map(seen)).toEqual(source.events.map(seen));
        }),
        { numRuns: 15 },
      );
    });
  });
};
