import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, seededFile, tempDir } from '../cli.testkit.js';

const tmp = tempDir();
const seeded = tmp.file('seeded.db');

beforeAll(async () => {
  await seededFile(seeded);
}, 60_000);
afterAll(() => tmp.remove());

/** A copy of the seeded log with `sql` run on it directly, behind the store's back. */
const tampered = (name: string, sql: string, ...parameters: unknown[]): string => {
  const copy = tmp.file(name);
  copyFileSync(seeded, copy);
  const sqlite = new Database(copy);
  sqlite.prepare(sql).run(...parameters);
  sqlite.close();
  return copy;
};

const row = (file: string, position: number) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare('SELECT stream_id AS streamId, stream_version AS streamVersion FROM events WHERE global_position = ?').get(position) as { streamId: string; streamVersion: number };
  } finally {
    sqlite.close();
  }
};

describe('motcua verify', () => {
  it('names a removed event by its position, its stream and version gone with it, and the intact event after the gap as where the chain breaks', async () => {
    // Given a log whose event at position 258 was deleted
    const after = row(seeded, 259);
    const copy = tampered('removed.db', 'DELETE FROM events WHERE global_position = 258');
    // When it is verified
    const result = await run('--db', copy, 'verify');
    // Then the headline names the missing position, never the event after it
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      'REMOVED: position 258\n' +
        `  event at position 258 (its stream and version are unknown: the row is gone): the chain breaks at the event after it, at position 259 (stream ${after.streamId}, version ${after.streamVersion})\n` +
        '  257 events before it are intact\n',
    );
  });

  it('names removed events by their positions', async () => {
    const copy = tampered('removed-three.db', 'DELETE FROM events WHERE global_position BETWEEN 30 AND 32');
    const result = await run('--db', copy, 'verify');
    expect(result.out).toMatch(/^REMOVED: positions 30\.\.32\n {2}events at positions 30\.\.32 \(their streams and versions are unknown: the rows are gone\): the chain breaks at the event after them, at position 33 /);
  });

  it('prints a stream id read from the log with its control characters escaped: a log cannot drive the terminal it is verified on', async () => {
    // Given a log whose stream id was rewritten to move the cursor up and erase the line above
    const copy = tampered('escape.db', "UPDATE events SET stream_id = stream_id || ? WHERE global_position = 40", '\u001b[1A\r\u001b[2K\u009b1A\u202e');
    // When it is verified, Then the stream id is shown with those characters escaped
    const result = await run('--db', copy, 'verify');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^ALTERED: stream \S+\\u001b\[1A\\r\\u001b\[2K\\u009b1A\\u202e, version \d+, position 40$/m);
    for (const control of ['\u001b', '\r', '\u009b', '\u202e']) expect(result.out).not.toContain(control);
  });
});
