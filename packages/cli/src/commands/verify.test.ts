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

describe('motcua verify', () => {
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
