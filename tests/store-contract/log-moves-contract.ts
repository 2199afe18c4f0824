import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fixedClock,
  toExportLine,
  type EventStore,
  type HashChainRow,
  type NewEvent,
  type RecordedEvent,
} from '@motcua/core';
import { chainOf } from '../../packages/core/src/audit/bundle/bundle.testkit.js';
import { checkLine } from '../../packages/cli/src/transfer/check-line.js';
import { copyLog } from '../../packages/cli/src/migrate/copy-log.js';
import { openStoreUrl, parseStoreUrl, type SourceStore } from '../../packages/cli/src/store-url.js';
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
 * `motcua migrate` check it, and copied into another store whole by `motcua migrate` (`copyLog`), where
 * it reads back the same. (`motcua import` also judges each event as evidence, as the desk would have:
 * an event a store took from a caller other than the desk may fail that, packages/cli/src/transfer/check-evidence.ts.)
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
    it('any append a store accepts is exported, passes the checks of import and migrate, and is migrated into another store whole', async () => {
      await fc.assert(
        fc.asyncProperty(attempts, async (appends) => {
          for (const { streamId, event } of appends) await store().appendToStream(streamId, [event]).catch(() => undefined);
          const rows = await chainRows(store());
          const lines = rows.map((row) => JSON.stringify(toExportLine(row)));
          // Each line passes what `motcua import` and `motcua migrate` check of it.
          for (const line of lines) expect(() => checkLine(line), line).not.toThrow();
          const dir = mkdtempSync(join(tmpdir(), 'motcua-moves-'));
          const clock = fixedClock('2026-03-02T02:00:00.000Z');
          const source: SourceStore = {
            url: { kind: 'sqlite', file: 'the store under test', display: 'the store under test' },
            head: async () => rows.at(-1)?.globalPosition ?? 0,
            chainRows: async function* (after) {
              yield* rows.filter((row) => row.globalPosition > after);
            },
            close: async () => undefined,
          };
          const opened = await openStoreUrl(parseStoreUrl(`sqlite:${join(dir, 'copy.db')}`), { clock });
          try {
            const summary = await copyLog(source, opened, { clock });
            expect(summary.copied).toBe(lines.length);
            expect(summary.target.ok).toBe(true);
            const [from, copy] = await Promise.all([store().readAll({ after: 0, maxCount: 1_000_000 }), opened.store.readAll({ after: 0, maxCount: 1_000_000 })]);
            expect(copy.events.map(seen)).toEqual(from.events.map(seen));
          } finally {
            await opened.close();
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: 15 },
      );
    });
  });
};
