import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStoreDbEventStore } from '@motcua/store-eventstoredb';
import { run, storedRows, tempDir } from '../../packages/cli/src/cli.testkit.js';
import { counted } from '../../packages/core/src/kernel/counted-event.testkit.js';
import { startEventStoreDbDouble, type EventStoreDbDouble } from './server.js';

// `motcua migrate` with an EventStoreDB end: SQLite → EventStoreDB (the double) → SQLite gives back
// the same rows, positions and hashes, and both copies verify.
const tmp = tempDir();
const source = tmp.file('source.db');
let double: EventStoreDbDouble;

beforeAll(async () => {
  double = await startEventStoreDbDouble();
  const generated = await run('generate', '--to', `sqlite:${source}`, '--units', '2', '--dossiers-per-day', '3', '--days', '3', '--officers-per-unit', '2');
  expect(generated).toMatchObject({ code: 0 });
}, 120_000);
afterAll(async () => {
  await double?.close();
  tmp.remove();
});

describe('motcua migrate with EventStoreDB', () => {
  it('SQLite to EventStoreDB and back keeps every event at its position with its hash', async () => {
    const url = `${double.url}&namespace=migrate_${randomBytes(3).toString('hex')}`;
    const there = await run('migrate', '--from', `sqlite:${source}`, '--to', url);
    expect(there).toMatchObject({ code: 0 });
    expect(there.out).toMatch(/^ok: the target holds the same events/m);
    const back = tmp.file('back.db');
    const again = await run('migrate', '--from', url, '--to', `sqlite:${back}`);
    expect(again).toMatchObject({ code: 0 });
    expect(await storedRows(back)).toEqual(await storedRows(source));
  }, 120_000);

  it('opens a source namespace without writing to it, and refuses one that holds no events', async () => {
    // Given a namespace whose last append's idempotency key a crash left unrecorded
    const namespace = `migrate_${randomBytes(3).toString('hex')}`;
    const writer = await openEventStoreDbEventStore({ connectionString: double.url, namespace, retry: { retries: 1, backoffMs: 1 } });
    await writer.appendToStream('s', [counted(1)]);
    double.failNext('append', { fault: 'none' });
    double.failNext('append', { fault: 'unavailable' });
    double.failNext('append', { fault: 'unavailable' });
    await writer.appendToStream('s', [{ ...counted(2), metadata: { ...counted(2).metadata, idempotencyKey: 'k-crash', commandHash: 'h' } }]).catch(() => undefined);
    await writer.close();
    // When it is migrated from (its test events are no domain's: the copy stops at the first), Then opening it appended nothing
    const appends = double.calls.append;
    const copy = await run('migrate', '--from', `${double.url}&namespace=${namespace}`, '--to', tmp.file(`${namespace}.db`));
    expect(copy.err).toMatch(/event at position 1 \(stream s, version 1\) cannot be copied/);
    expect(double.calls.append).toBe(appends);
    // And a namespace with no events is refused, named
    const empty = await run('migrate', '--from', `${double.url}&namespace=${namespace}_typo`, '--to', tmp.file('empty.db'));
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(new RegExp(`the source esdb://.*namespace=${namespace}_typo holds no events`));
  }, 60_000);

  it('a namespace that is not a namespace is a usage error, with no password shown', async () => {
    const result = await run('migrate', '--from', `sqlite:${source}`, '--to', 'esdb://admin:hunter2@127.0.0.1:1?tls=false&namespace=bad-name');
    expect(result.code).toBe(2);
    expect(result.err).toContain('namespace');
    expect(result.err).not.toContain('hunter2');
  });
});
