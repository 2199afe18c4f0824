import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, vi } from 'vitest';
import { describeProjectionEngine } from '../../../core/src/read-side/engine/projection-engine-laws.testkit.js';
import { openSqliteEventStore } from '../open.js';

// The laws open many worlds, each a file of its own: tens of seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'motcua-engine-laws-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let worlds = 0;

// Each world is a file; a restart opens the store again on the same file. The engine folds the live
// copies here (the store folds none inline, but for `openInline`), on the file's own document tables.
describeProjectionEngine('sqlite, events and documents in one file', () => {
  const file = join(dir, `world-${++worlds}.db`);
  let opened: { close: () => Promise<void> } | undefined;
  return {
    open: () => {
      const eventStore = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0 });
      opened = { close: () => eventStore.close() };
      return Promise.resolve({ eventStore, documentStore: eventStore.documents });
    },
    // The store folds the projections inside each append's transaction.
    openInline: (projections) => {
      const eventStore = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0, projections });
      opened = { close: () => eventStore.close() };
      return Promise.resolve({ eventStore, documentStore: eventStore.documents });
    },
    close: async () => {
      await opened?.close();
      opened = undefined;
    },
  };
});
