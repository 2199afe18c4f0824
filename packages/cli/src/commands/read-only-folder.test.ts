import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { makeReadOnly } from '../../../store-sqlite/src/read-only-folder.testkit.js';
import { run, seededFile, storedRows, tempDir } from '../cli.testkit.js';
import { DEMO_KEYS } from '../read-models.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('the commands that only read, on a store in a folder that may not be written to', () => {
  it('verify, export, dossier, replay and explain --as-of read it through a private copy, and write nothing beside it', async (context) => {
    // Given a store at rest (no -wal or -shm beside it) in a folder that may not be written to, the file itself writable
    const folder = tmp.file('province');
    mkdirSync(folder);
    const db = join(folder, 'province.db');
    await seededFile(db, { months: 1 });
    const rows = await storedRows(db);
    // The last connection to close removes the -wal and -shm.
    await openSqliteEventStore({ file: db, pollIntervalMs: 0 }).close();
    expect(readdirSync(folder)).toEqual(['province.db']);
    const dossier = rows.find((row) => row.streamId.startsWith('dossier-'))!.streamId;
    const [province, code] = dossier.slice('dossier-'.length).split(':') as [string, string];
    const readOnly = makeReadOnly([folder]);
    if ('unavailable' in readOnly) {
      console.warn(`skipped: no read-only folder can be made here (${readOnly.unavailable})`);
      return context.skip();
    }
    try {
      // When each command that only reads is run on it
      const out = tmp.file('province.ndjson');
      const commands = [
        ['verify'],
        ['export', '--out', out],
        ['dossier', 'show', code, '--province', province],
        ['dossier', 'history', code, '--province', province],
        ['replay', dossier],
        ['explain', 'circular01', DEMO_KEYS.circular01!, '--as-of', String(rows.length)],
      ];
      for (const command of commands) {
        const result = await run('--db', db, ...command);
        // Then it succeeds, saying it read a copy
        expect({ command, code: result.code }).toEqual({ command, code: 0 });
        expect(result.err).toContain(`${db} is in a folder SQLite cannot write its index (-shm) to: read from a copy in `);
      }
      expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(rows.length);
      // And nothing was written beside the file
      expect(readdirSync(folder)).toEqual(['province.db']);
    } finally {
      readOnly.restore();
    }
  }, 60_000);
});
