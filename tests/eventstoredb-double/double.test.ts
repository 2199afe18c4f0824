import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventStoreDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
} from '@eventstore/db-client';
import { startEventStoreDbDouble, type EventStoreDbDouble } from './server.js';

// The double, checked through the real client against EventStoreDB's documented semantics.
let double: EventStoreDbDouble;
let client: EventStoreDBClient;
beforeAll(async () => {
  double = await startEventStoreDbDouble();
  client = EventStoreDBClient.connectionString(double.url);
});
afterAll(async () => {
  await client?.dispose();
  await double?.close();
});

const event = (n: number, type = 'Counted') => jsonEvent({ type, data: { n } });
const collect = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
};

describe('EventStoreDB double: appends', () => {
  it('revisions start at 0; the events of one append share a commit position; positions grow but skip', async () => {
    const result = await client.appendToStream('double-a', [event(1), event(2)], { expectedRevision: 'no_stream' });
    expect(result.nextExpectedRevision).toBe(1n);
    const read = await collect(client.readStream('double-a'));
    expect(read.map((r) => r.event?.revision)).toEqual([0n, 1n]);
    const [first, second] = read.map((r) => r.event?.position as Position);
    expect(first?.commit).toBe(second?.commit);
    expect((second?.prepare ?? 0n) - (first?.prepare ?? 0n)).toBeGreaterThan(1n);
    expect(result.position).toEqual(second);
  });

  it('a wrong expected revision is refused with the current revision, and writes nothing', async () => {
    await client.appendToStream('double-b', [event(1)], { expectedRevision: 'no_stream' });
    const refused = await client.appendToStream('double-b', [event(2)], { expectedRevision: 5n }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WrongExpectedVersionError);
    expect(refused).toMatchObject({ actualVersion: 0n, expectedVersion: 5n });
    const noStream = await client.appendToStream('double-b', [event(2)], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(noStream).toMatchObject({ actualVersion: 0n, expectedVersion: 'no_stream' });
    const missing = await client.appendToStream('double-b-missing', [event(1)], { expectedRevision: 'stream_exists' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ actualVersion: 'no_stream' });
    expect((await collect(client.readStream('double-b'))).length).toBe(1);
  });

  it('an append retried with the same event ids after it was applied is not written twice', async () => {
    const batch = [event(1), event(2)];
    await client.appendToStream('double-c', batch, { expectedRevision: 'no_stream' });
    const again = await client.appendToStream('double-c', batch, { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(1n);
    expect((await collect(client.readStream('double-c'))).length).toBe(2);
  });
});

describe('EventStoreDB double: reads', () => {
  it('a stream that does not exist is StreamNotFound; reads go from a revision, backwards and with a count', async () => {
    await expect(collect(client.readStream('double-none'))).rejects.toBeInstanceOf(StreamNotFoundError);
    await client.appendToStream('double-d', [1, 2, 3, 4].map((n) => event(n)));
    const data = (items: { event?: { data: unknown } }[]) => items.map((r) => (r.event?.data as { n: number }).n);
    expect(data(await collect(client.readStream('double-d', { fromRevision: 1n, maxCount: 2 })))).toEqual([2, 3]);
    expect(data(await collect(client.readStream('double-d', { fromRevision: 'end', direction: 'backwards', maxCount: 1 })))).toEqual([4]);
    expect(data(await collect(client.readStream('double-d', { fromRevision: 2n, direction: 'backwards' })))).toEqual([3, 2, 1]);
  });

  it('$all reads forwards from a position (inclusive) and backwards before it', async () => {
    await client.appendToStream('double-e', [event(10), event(11), event(12)]);
    const all = await collect(client.readAll());
    const positions = all.map((r) => r.event?.position as Position);
    const middle = positions.at(-2) as Position;
    const forwards = await collect(client.readAll({ fromPosition: middle }));
    expect(forwards.map((r) => (r.event?.data as { n: number }).n)).toEqual([11, 12]);
    const backwards = await collect(client.readAll({ fromPosition: middle, direction: 'backwards', maxCount: 1 }));
    expect(backwards.map((r) => (r.event?.data as { n: number }).n)).toEqual([10]);
  });
});

describe('EventStoreDB double: subscriptions', () => {
  const take = (subscription: AsyncIterable<AllStreamResolvedEvent>, count: number) =>
    new Promise<AllStreamResolvedEvent[]>((resolve, reject) => {
      const items: AllStreamResolvedEvent[] = [];
      void (async () => {
        for await (const item of subscription) {
          items.push(item);
          if (items.length === count) return resolve(items);
        }
      })().catch(reject);
    });

  it('a $all subscription filtered on a stream prefix gets the history, caught-up, then live events, with checkpoints', async () => {
    await client.appendToStream('filtered-x', [event(1)]);
    await client.appendToStream('other-x', [event(2)]);
    await client.appendToStream('filtered-y', [event(3)]);
    const checkpoints: Position[] = [];
    let caughtUpAfter = -1;
    const seen: number[] = [];
    const subscription = client.subscribeToAll({
      filter: streamNameFilter({ prefixes: ['filtered-'], maxSearchWindow: 1, checkpointInterval: 1, checkpointReached: (_s, position) => void checkpoints.push(position) }),
    });
    subscription.on('caughtUp', () => (caughtUpAfter = seen.length));
    const live = take(subscription, 3);
    subscription.on('data', (resolved: AllStreamResolvedEvent) => void seen.push((resolved.event?.data as { n: number }).n));
    await expect.poll(() => caughtUpAfter).toBeGreaterThanOrEqual(0);
    await client.appendToStream('filtered-z', [event(4)]);
    const items = await live;
    expect(items.map((r) => (r.event?.data as { n: number }).n)).toEqual([1, 3, 4]);
    expect(caughtUpAfter).toBeLessThanOrEqual(2);
    expect(checkpoints.length).toBeGreaterThan(0);
    await subscription.unsubscribe();
  });

  it('a $all subscription from a position starts after it; an event-type filter keeps the types asked for', async () => {
    await client.appendToStream('typed', [event(1, 'Kept'), event(2, 'Dropped'), event(3, 'Kept'), event(4, 'Kept')]);
    const typed = (await collect(client.readStream('typed'))).map((r) => r.event?.position as Position);
    const subscription = client.subscribeToAll({ fromPosition: typed[0] as Position, filter: eventTypeFilter({ prefixes: ['Kept'] }) });
    const items = await take(subscription, 2);
    expect(items.map((r) => (r.event?.data as { n: number }).n)).toEqual([3, 4]);
    await subscription.unsubscribe();
  });

  it('a stream subscription from a revision delivers the events after it', async () => {
    await client.appendToStream('sub-stream', [event(1), event(2), event(3)]);
    const subscription = client.subscribeToStream('sub-stream', { fromRevision: 0n });
    const items = await take(subscription as unknown as AsyncIterable<AllStreamResolvedEvent>, 2);
    expect(items.map((r) => r.event?.revision)).toEqual([1n, 2n]);
    await subscription.unsubscribe();
  });

  it('a planned fault with afterEvents lets that many events through, then fails the subscription or the read', async () => {
    await client.appendToStream('cut-a', [event(1), event(2), event(3)]);
    double.failNext('read', { fault: 'unavailable', afterEvents: 2 });
    const subscription = client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['cut-'] }) });
    const seen: number[] = [];
    subscription.on('data', (resolved: AllStreamResolvedEvent) => void seen.push((resolved.event?.data as { n: number }).n));
    const failure = await new Promise((resolve) => subscription.on('error', resolve));
    expect(failure).toMatchObject({ type: 'unavailable' });
    expect(seen).toEqual([1, 2]);
    double.failNext('read', { fault: 'deadline-exceeded', afterEvents: 1 });
    const read: number[] = [];
    const failed = await (async () => {
      for await (const resolved of client.readStream('cut-a')) read.push((resolved.event?.data as { n: number }).n);
    })().catch((e: unknown) => e);
    expect(failed).toMatchObject({ type: 'deadline-exceeded' });
    expect(read).toEqual([1]);
  });
});
