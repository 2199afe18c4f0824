import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { isLeft, isRight, provinceStreamId, type RecordedEvent } from '@motcua/core';
import { counted } from '../../packages/core/src/kernel/counted-event.testkit.js';
import { EventStoreDbStoreError, esdbStreamName, openEventStoreDbEventStore, type EventStoreDbEventStore } from '@motcua/store-eventstoredb';
import { startEventStoreDbDouble, type EventStoreDbDouble } from './server.js';

let double: EventStoreDbDouble;
beforeAll(async () => {
  double = await startEventStoreDbDouble();
});
afterAll(async () => {
  await double?.close();
});

const run = randomBytes(4).toString('hex');
let namespaces = 0;
const freshNamespace = () => `wire_${run}_${++namespaces}`;
const open = (namespace = freshNamespace(), retry = { backoffMs: 1 }) =>
  openEventStoreDbEventStore({ connectionString: double.url, namespace, retry });
const numbers = (events: readonly RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);

describe('EventStoreDB store: what the server holds', () => {
  it('a province-qualified stream id becomes the server stream <namespace>.<streamId>, revisions 0-based', async () => {
    // Given a dossier stream of a province
    const store = await open();
    const streamId = provinceStreamId('dossier', 'demo-thai-nguyen', '000.00.15.H55-260623-9001');
    // When two events of that province are appended
    const ofProvince = (n: number) => ({ ...counted(n), metadata: { ...counted(n).metadata, tenantId: 'demo-thai-nguyen' } });
    await store.appendToStream(streamId, [ofProvince(1), ofProvince(2)], { expectedVersion: 'no-stream' });
    // Then the server holds them in the namespaced stream, its category `<namespace>.dossier`
    const records = double.log.stream(`${store.namespace}.dossier-demo-thai-nguyen:000.00.15.H55-260623-9001`);
    expect(records?.map((r) => r.revision)).toEqual([0n, 1n]);
    expect(records?.[0]?.contentType).toBe('application/json');
    expect(JSON.parse(Buffer.from(records?.[0]?.customMetadata ?? []).toString()).$motcua).toMatchObject({ globalPosition: 1 });
    // And motcua reads them back under its own id, versions 1-based
    expect((await store.readStream(streamId)).events.map((e) => e.metadata.streamVersion)).toEqual([1, 2]);
    await store.close();
  });

  it('the hash chain verifies, and an event edited on the server is named', async () => {
    const store = await open();
    for (let i = 0; i < 6; i++) await store.appendToStream(`s-${i % 2}`, [counted(i)]);
    const good = await store.verify();
    expect(good).toMatchObject({ ok: true, events: 6, lastPosition: 6 });
    // When the data of the fourth event is rewritten behind the store's back (valid JSON, other content)
    const fourth = double.log.records.filter((r) => r.streamName.startsWith(`${store.namespace}.`))[3];
    if (fourth === undefined) throw new Error('no fourth event');
    fourth.data = Buffer.from(JSON.stringify({ n: 99 }));
    // Then verification names it
    expect(await store.verify()).toMatchObject({ ok: false, problem: 'altered', globalPosition: 4 });
    await store.close();
  });

  it('a reopened store continues the chain and the positions where the log ends', async () => {
    const namespace = freshNamespace();
    const first = await open(namespace);
    await first.appendToStream('a', [counted(1), counted(2)]);
    await first.close();
    const second = await open(namespace);
    const appended = await second.appendToStream('b', [counted(3)]);
    expect(isRight(appended) && appended.right.lastGlobalPosition).toBe(3);
    expect(await second.verify()).toMatchObject({ ok: true, events: 3 });
    expect(await second.headPosition()).toBe(3);
    await second.close();
  });

  it('reads of $all return the namespace alone: other namespaces and foreign streams stay out', async () => {
    const mine = await open();
    const theirs = await open();
    const foreign = EventStoreDBClient.connectionString(double.url);
    await mine.appendToStream('a', [counted(1)]);
    await theirs.appendToStream('a', [counted(100)]);
    await foreign.appendToStream(`${mine.namespace}-not-motcua`, jsonEvent({ type: 'Other', data: { n: 200 } }));
    await mine.appendToStream('a', [counted(2)]);
    const page = await mine.readAll({ after: 0 });
    expect(numbers(page.events)).toEqual([1, 2]);
    expect(page).toMatchObject({ nextPosition: 2, isEnd: true });
    await Promise.all([mine.close(), theirs.close(), foreign.dispose()]);
  });

  it('a checkpoint far into the log is found again after the store forgot where it is in $all', async () => {
    const namespace = freshNamespace();
    const writer = await open(namespace);
    for (let i = 1; i <= 40; i++) await writer.appendToStream(`s-${i % 3}`, [counted(i)]);
    await writer.close();
    const reader = await open(namespace);
    const page = await reader.readAll({ after: 33, maxCount: 3 });
    expect(numbers(page.events)).toEqual([34, 35, 36]);
    expect(page).toMatchObject({ nextPosition: 36, isEnd: false });
    await reader.close();
  });
});

describe('EventStoreDB store: errors and retries', () => {
  it('a wrong expected revision becomes the domain version conflict with the stream as it is', async () => {
    const store = await open();
    await store.appendToStream('s', [counted(1), counted(2)]);
    const stale = await store.appendToStream('s', [counted(3)], { expectedVersion: 1 });
    expect(isLeft(stale) && stale.left).toMatchObject({ _tag: 'VersionConflict', code: 'VERSION_CONFLICT', streamId: 's', expected: '1', actual: 2 });
    await store.close();
  });

  it('another writer moving a stream is a conflict the writer retries after reading the stream and the head again', async () => {
    // Given a store that has seen stream s at version 1
    const namespace = freshNamespace();
    const store = await open(namespace);
    await store.appendToStream('s', [counted(1)]);
    // When a second store on the namespace appends to s behind its back
    const other = await open(namespace);
    await other.appendToStream('s', [counted(2)], { expectedVersion: 1 });
    await other.close();
    // Then an append with `any` is refused by the server, retried on the true revision and head, and lands after it
    const appended = await store.appendToStream('s', [counted(3)]);
    expect(isRight(appended) && appended.right).toMatchObject({ nextExpectedVersion: 3, lastGlobalPosition: 3 });
    // And an append expecting the version the store had seen is refused with the true one
    const stale = await store.appendToStream('s', [counted(4)], { expectedVersion: 2 });
    expect(isLeft(stale) && stale.left).toMatchObject({ _tag: 'VersionConflict', actual: 3 });
    expect(await store.verify()).toMatchObject({ ok: true, events: 3 });
    await store.close();
  });

  it('two stores writing different streams of one namespace at once both take a position: verify names the fork', async () => {
    // Given two writers on one namespace, both knowing the head at position 1
    const namespace = freshNamespace();
    const first = await open(namespace);
    await first.appendToStream('a', [counted(1)]);
    const second = await open(namespace);
    // When each appends to a stream of its own (the server checks each stream alone)
    await first.appendToStream('b', [counted(2)]);
    await second.appendToStream('c', [counted(3)]);
    // Then both events claim position 2, and the chain shows it
    const report = await first.verify();
    expect(report).toMatchObject({ ok: false, globalPosition: 2 });
    await Promise.all([first.close(), second.close()]);
  });

  it('an event another client wrote into the namespace is named as damage, and nothing is appended after it', async () => {
    const namespace = freshNamespace();
    const store = await open(namespace);
    await store.appendToStream('s', [counted(1)]);
    const foreign = EventStoreDBClient.connectionString(double.url);
    await foreign.appendToStream(esdbStreamName(namespace, 's'), jsonEvent({ type: 'Counted', data: { n: 2 } }), { expectedRevision: 0n });
    const refused = await store.appendToStream('s', [counted(3)]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'CorruptEventError', streamId: 's', streamVersion: 2 });
    expect(double.log.stream(esdbStreamName(namespace, 's'))).toHaveLength(2);
    await Promise.all([store.close(), foreign.dispose()]);
  });

  it('the same events sent again at the same expectation are a version conflict, though the server answers success', async () => {
    // Given an append whose events carry their own ids
    const store = await open();
    const withIds = [counted(1), counted(2)].map((e, i) => ({ ...e, metadata: { ...e.metadata, eventId: `00000000-0000-4000-8000-00000000000${i}` } }));
    await store.appendToStream('s', withIds, { expectedVersion: 'no-stream' });
    await store.appendToStream('t', [counted(3)]);
    // When it is sent again (the server's idempotent write answers success and writes nothing)
    const again = await store.appendToStream('s', withIds, { expectedVersion: 'no-stream' });
    // Then the caller hears the stream moved on, and the log goes on without a gap
    expect(isLeft(again) && again.left).toMatchObject({ _tag: 'VersionConflict', actual: 2 });
    const next = await store.appendToStream('t', [counted(4)]);
    expect(isRight(next) && next.right.lastGlobalPosition).toBe(4);
    expect(await store.verify()).toMatchObject({ ok: true, events: 4 });
    await store.close();
  });

  it('not-leader and unavailable are retried as the client asks, once it has reconnected', async () => {
    const store = await open();
    for (const fault of ['not-leader', 'unavailable'] as const) {
      const before = double.calls.append;
      double.failNext('append', { fault });
      const appended = await store.appendToStream(`s-${fault}`, [counted(1)], { expectedVersion: 'no-stream' });
      expect(isRight(appended)).toBe(true);
      expect(double.calls.append - before).toBe(2);
    }
    await store.close();
  });

  it('a deadline after the server applied the append is retried with the same event ids: the events are written once', async () => {
    const store = await open();
    double.failNext('append', { fault: 'deadline-exceeded', afterApply: true });
    const appended = await store.appendToStream('s', [counted(1), counted(2)], { expectedVersion: 'no-stream' });
    expect(isRight(appended) && appended.right.nextExpectedVersion).toBe(2);
    expect(numbers((await store.readStream('s')).events)).toEqual([1, 2]);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });

  it('a failure that outlasts the retries is an EventStoreDbStoreError naming the namespace; the next append finds the truth', async () => {
    const store = await openEventStoreDbEventStore({ connectionString: double.url, namespace: freshNamespace(), retry: { retries: 1, backoffMs: 1 } });
    double.failNext('append', { fault: 'unavailable' });
    double.failNext('append', { fault: 'unavailable', afterApply: true });
    const failed = await store.appendToStream('s', [counted(1)]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(EventStoreDbStoreError);
    expect((failed as Error).message).toContain(store.namespace);
    // The second try was applied before it failed: the store reads the stream and head again
    const next = await store.appendToStream('s', [counted(2)], { expectedVersion: 1 });
    expect(isRight(next) && next.right.lastGlobalPosition).toBe(2);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });

  it('a read of $all the server fails part-way goes on after the last event it gave: verify, chainRows and readAll', async () => {
    // Given six events, and reads that each lose the connection after a few events
    const store = await open();
    for (let i = 1; i <= 6; i++) await store.appendToStream(`s-${i % 2}`, [counted(i)]);
    // Then verify sees every event once, over two reads
    let reads = double.calls.read;
    double.failNext('read', { fault: 'unavailable', afterEvents: 4 });
    expect(await store.verify()).toMatchObject({ ok: true, events: 6, lastPosition: 6 });
    expect(double.calls.read - reads).toBe(2);
    // And an export's rows come once each, in order, through a deadline and a refused start
    double.failNext('read', { fault: 'deadline-exceeded', afterEvents: 2 });
    double.failNext('read', { fault: 'unavailable' });
    const rows: number[] = [];
    for await (const row of store.chainRows(1)) rows.push(row.globalPosition);
    expect(rows).toEqual([2, 3, 4, 5, 6]);
    // And a page of readAll is whole
    reads = double.calls.read;
    double.failNext('read', { fault: 'not-leader', afterEvents: 1 });
    const page = await store.readAll({ after: 2, maxCount: 3 });
    expect(numbers(page.events)).toEqual([3, 4, 5]);
    expect(page).toMatchObject({ nextPosition: 5, isEnd: false });
    expect(double.calls.read - reads).toBe(2);
    await store.close();
  });

  it('a read of $all that keeps failing is an EventStoreDbStoreError naming the namespace', async () => {
    const store = await openEventStoreDbEventStore({ connectionString: double.url, namespace: freshNamespace(), retry: { retries: 1, backoffMs: 1 } });
    await store.appendToStream('s', [counted(1), counted(2)]);
    const keepsFailing = () => {
      double.failNext('read', { fault: 'unavailable', afterEvents: 1 });
      double.failNext('read', { fault: 'deadline-exceeded' });
    };
    keepsFailing();
    const verifying = await store.verify().catch((e: unknown) => e);
    expect(verifying).toBeInstanceOf(EventStoreDbStoreError);
    expect(verifying).toMatchObject({ namespace: store.namespace, failure: 'deadline' });
    expect((verifying as Error).message).toContain(`verifying namespace "${store.namespace}"`);
    keepsFailing();
    const exporting = await (async () => {
      for await (const _row of store.chainRows()) void _row;
    })().catch((e: unknown) => e);
    expect(exporting).toMatchObject({ name: 'EventStoreDbStoreError', namespace: store.namespace });
    keepsFailing();
    expect(await store.readAll({ after: 0 }).catch((e: unknown) => e)).toMatchObject({ name: 'EventStoreDbStoreError', namespace: store.namespace });
    // And once the server answers again, so does the store
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });

  it('an idempotency key left unrecorded by a crash is recorded when the store opens again', async () => {
    const namespace = freshNamespace();
    const keyed = (n: number) => ({ ...counted(n), metadata: { ...counted(n).metadata, idempotencyKey: 'k-crash', commandHash: 'h-1' } });
    // Given the events of a keyed append written and the record of its key lost (both tries fail)
    const store = await openEventStoreDbEventStore({ connectionString: double.url, namespace, retry: { retries: 1, backoffMs: 1 } });
    await store.appendToStream('s', [counted(0)]);
    double.failNext('append', { fault: 'none' });
    double.failNext('append', { fault: 'unavailable' });
    double.failNext('append', { fault: 'unavailable' });
    const failed = await store.appendToStream('s', [keyed(1), keyed(2)]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(EventStoreDbStoreError);
    expect(await store.findIdempotencyRecord('k-crash')).toBeUndefined();
    // And the same command sent again by this store is refused, not written twice
    const resent = await store.appendToStream('s', [keyed(1), keyed(2)]);
    expect(isLeft(resent) && resent.left._tag).toBe('IdempotencyKeyReused');
    expect(double.log.stream(esdbStreamName(namespace, 's'))).toHaveLength(3);
    await store.close();
    // When the store opens again, Then the key is recorded with the versions its events took
    const reopened = await open(namespace);
    expect(await reopened.findIdempotencyRecord('k-crash')).toEqual({ idempotencyKey: 'k-crash', streamId: 's', firstVersion: 2, lastVersion: 3, commandHash: 'h-1' });
    const again = await reopened.appendToStream('t', [keyed(3)]);
    expect(isLeft(again) && again.left._tag).toBe('IdempotencyKeyReused');
    await reopened.close();
  });
});

describe('EventStoreDB store: subscriptions', () => {
  it('a subscription hears appends made by another store on the namespace, through the live $all subscription', async () => {
    const namespace = freshNamespace();
    const writer = await open(namespace);
    const reader: EventStoreDbEventStore = await open(namespace);
    await writer.appendToStream('a', [counted(1)]);
    const seen: number[] = [];
    const subscription = reader.subscribe({ after: 0, handler: (e) => void seen.push((e.data as { n: number }).n) });
    await subscription.caughtUp();
    expect(seen).toEqual([1]);
    await writer.appendToStream('a', [counted(2)]);
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([1, 2]);
    expect(subscription.checkpoint()).toBe(2);
    await subscription.close();
    await Promise.all([writer.close(), reader.close()]);
  });

  it('a live $all subscription the server ends cleanly is opened again, and what was appended meanwhile is read', async () => {
    // Given a reader listening through its live $all subscription
    const namespace = freshNamespace();
    const writer = await open(namespace);
    const reader = await open(namespace);
    await writer.appendToStream('a', [counted(1)]);
    const seen: number[] = [];
    const subscription = reader.subscribe({ after: 0, handler: (e) => void seen.push((e.data as { n: number }).n) });
    await subscription.caughtUp();
    // When the server ends every subscription (as a node restarting does), and another store appends after
    double.endSubscriptions();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writer.appendToStream('a', [counted(2)]);
    // Then the reader hears of it all the same
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([1, 2]);
    await subscription.close();
    await Promise.all([writer.close(), reader.close()]);
  });

  it('closing the store stops a live $all subscription waiting to be opened again', async () => {
    // Given a subscription whose live $all subscription failed, so the store waits to open it again
    const store = await open();
    double.failNext('read', { fault: 'unavailable' });
    const subscription = store.subscribe({ after: 0, handler: () => undefined });
    await subscription.caughtUp();
    // When the store is closed before the pause ends, Then nothing more reaches the server
    await store.close();
    const reads = double.calls.read;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(double.calls.read).toBe(reads);
    await subscription.close();
  });

  it('a live $all subscription the server fails is opened again, and what was appended meanwhile is read', async () => {
    // Given a reader whose live $all subscription fails as it opens (the first call the subscription makes)
    const namespace = freshNamespace();
    const writer = await open(namespace);
    const reader = await open(namespace);
    await writer.appendToStream('a', [counted(1)]);
    double.failNext('read', { fault: 'unavailable' });
    const seen: number[] = [];
    const subscription = reader.subscribe({ after: 0, handler: (e) => void seen.push((e.data as { n: number }).n) });
    await subscription.caughtUp();
    // When another store appends while it is down and after
    await writer.appendToStream('a', [counted(2)]);
    await writer.appendToStream('a', [counted(3)]);
    // Then the reader hears both
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([1, 2, 3]);
    await subscription.close();
    await Promise.all([writer.close(), reader.close()]);
  });
});
