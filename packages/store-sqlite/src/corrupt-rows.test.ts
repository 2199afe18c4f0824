import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { CorruptEventError } from '@motcua/core';
import { openSqliteEventStore } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

const damaged = async (sql: string) => {
  const file = tempFile();
  const store = openSqliteEventStore({ file });
  await store.appendToStream('dossier-9', [counted(1), counted(2), counted(3)]);
  const db = new Database(file);
  db.prepare(`${sql} WHERE stream_id = 'dossier-9' AND stream_version = 2`).run();
  db.close();
  return store;
};

// The stored body of an event is `[<data>,<metadata values...>]` or `[<data>,<metadata object>]` (event-body.ts).
const cases: Array<[string, string, RegExp]> = [
  ['data that is not JSON', `UPDATE events SET body = '[{"n":,' || substr(body, 9)`, /not valid JSON/],
  ['a body that is not JSON', `UPDATE events SET body = 'nope'`, /not valid JSON/],
  ['a body that is not an array', `UPDATE events SET body = '{"n":2}'`, /not \[data, metadata/],
  ['metadata that is not an object', `UPDATE events SET body = '[{"n":2},[1,2]]'`, /metadata is not a JSON object/],
  ['a metadata value of the wrong type', `UPDATE events SET body = replace(body, '"corr-2"', '42')`, /stored metadata is damaged: element 7 is number/],
  ['metadata values missing', `UPDATE events SET body = '[{"n":2},2,"e","o"]'`, /stored metadata is damaged: it has 4 elements/],
  ['an unknown metadata form', `UPDATE events SET body = '[{"n":2},7' || substr(body, 11)`, /its form is 7/],
  ['a type that is not a string', `UPDATE events SET type = X'00'`, /type is object/],
  ['a body stored as a blob', `UPDATE events SET body = CAST(body AS BLOB)`, /body is object/],
];

describe('a corrupt stored row', () => {
  it.each(cases)('with %s gives an error naming the stream and version', async (_name, sql, reason) => {
    const store = await damaged(sql);
    for (const read of [store.readStream('dossier-9'), store.readAll()]) {
      const error = await read.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptEventError);
      expect(error).toMatchObject({ streamId: 'dossier-9', streamVersion: 2, globalPosition: 2 });
      expect((error as Error).message).toMatch(reason);
    }
    expect((await store.readStream('dossier-9', { maxCount: 1 })).events).toHaveLength(1);
    await store.close();
  });
});
