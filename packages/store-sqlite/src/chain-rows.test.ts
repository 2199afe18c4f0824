import { describe, expect, it } from 'vitest';
import { verifyHashChain, type NewEvent } from '@motcua/core';
import { sqliteChainRows, sqliteEventCount } from './chain-rows.js';
import { openSqliteEventStore } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

/** An event of `n` in the province; `reordered`, its metadata in a key order of its own, which the compact form cannot give back. */
const inProvince = (n: number, tenantId: string, reordered?: 'reordered'): NewEvent => {
  const event = counted(n);
  const { actor, ...rest } = event.metadata;
  return { ...event, metadata: reordered === undefined ? { ...event.metadata, tenantId } : { actor, ...rest, tenantId } };
};

const rowsOf = async (file: string, tenantId?: string, after?: number) => {
  const rows = [];
  for await (const row of sqliteChainRows(file, 2, tenantId, after)) rows.push(row);
  return rows;
};

describe('the stored rows of a SQLite file as the hash chain sees them', () => {
  it('Given events of two provinces, some with metadata kept verbatim, Then the rows verify to the store\'s last hash and filter by province', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    await store.appendToStream('a', [inProvince(1, 'thai-nguyen'), inProvince(2, 'bac-ninh', 'reordered')]);
    await store.appendToStream('b', [inProvince(3, 'thai-nguyen', 'reordered'), inProvince(4, 'bac-ninh'), inProvince(5, 'thai-nguyen')]);
    const report = await store.verify();
    await store.close();
    const rows = await rowsOf(file);
    expect(await verifyHashChain(rows)).toEqual(report);
    expect(rows.map((row) => Object.keys(JSON.parse(row.metadataJson) as object)[0])).toEqual(['occurredAt', 'actor', 'actor', 'occurredAt', 'occurredAt']);
    expect((await rowsOf(file, 'thai-nguyen')).map((row) => row.globalPosition)).toEqual([1, 3, 5]);
    expect((await rowsOf(file, 'bac-ninh')).map((row) => row.globalPosition)).toEqual([2, 4]);
    expect([sqliteEventCount(file), sqliteEventCount(file, 'thai-nguyen'), sqliteEventCount(file, 'hanoi')]).toEqual([5, 3, 0]);
  });

  it('Given five events, When read after position 2, Then the rows start at position 3, page after page', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    await store.appendToStream('a', [inProvince(1, 'thai-nguyen'), inProvince(2, 'bac-ninh'), inProvince(3, 'thai-nguyen')]);
    await store.appendToStream('b', [inProvince(4, 'bac-ninh'), inProvince(5, 'thai-nguyen')]);
    await store.close();
    const all = await rowsOf(file);
    expect(await rowsOf(file, undefined, 2)).toEqual(all.slice(2));
    expect((await rowsOf(file, 'thai-nguyen', 1)).map((row) => row.globalPosition)).toEqual([3, 5]);
    expect(await rowsOf(file, undefined, 5)).toEqual([]);
  });
});
