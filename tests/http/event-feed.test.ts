import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryEventStore, type EventStore } from '@motcua/core';
import { bearer, OTHER_TENANT, startTestServer, TENANT, type TestServer } from './support.js';

// The event feed over a real socket: paged, bounded catch-up, the caller's province only, and caps
// on open streams per caller and in all.

const started: TestServer[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.app.close();
});

/** `count` events, alternating between the two provinces unless `tenantOf` says otherwise. */
const fill = async (store: EventStore, count: number, tenantOf = (n: number) => (n % 2 === 0 ? TENANT : OTHER_TENANT)) => {
  for (let n = 1; n <= count; n++) {
    const tenantId = tenantOf(n);
    const appended = await store.appendToStream(`counter-${tenantId}:${n}`, [
      {
        type: 'Counted',
        data: { n },
        metadata: { occurredAt: '2026-03-02T02:00:00.000Z', actor: { id: 'system-1', role: 'system' }, tenantId, correlationId: `c${n}`, causationId: `c${n}` },
      },
    ]);
    if (appended._tag === 'Left') throw new Error('append refused');
  }
};

const serve = async (options: Parameters<typeof startTestServer>[0] = {}) => {
  const server = await startTestServer(options);
  started.push(server);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return { server, base: `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}` };
};

interface Message {
  readonly id?: string;
  readonly data?: { readonly metadata: { readonly tenantId: string; readonly globalPosition: number } };
}

const parse = (chunk: string): Message => {
  const field = (name: string) => chunk.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
  const data = field('data');
  return { ...(field('id') === undefined ? {} : { id: field('id') }), ...(data === undefined ? {} : { data: JSON.parse(data) }) };
};

/** Reads a stream's messages until the server ends it, or until `enough` holds (then the client leaves). */
const readMessages = async (response: Response, controller: AbortController, enough: (messages: readonly Message[]) => boolean = () => false) => {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: Message[] = [];
  let text = '';
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) return { messages, ended: true };
    text += decoder.decode(chunk.value, { stream: true });
    const end = text.lastIndexOf('\n\n');
    if (end < 0) continue;
    messages.push(...text.slice(0, end).split('\n\n').filter((part) => /^(id|data):/m.test(part)).map(parse));
    text = text.slice(end + 2);
    if (enough(messages)) {
      controller.abort();
      return { messages, ended: false };
    }
  }
};

describe('event feed catch-up', () => {
  it('given more events than one connection may catch up on, when a client follows Last-Event-ID, then it gets each of its province\'s events once and nothing of the other', async () => {
    // Given 700 events, half of each province, and a catch-up bound of 200 events per connection
    const store = new InMemoryEventStore();
    await fill(store, 700);
    const { base } = await serve({ store, eventFeed: { catchUpPageSize: 50, catchUpEventsPerConnection: 200 } });
    const headers = await bearer('inspector');
    // When the client reconnects with the last id it saw until the feed has nothing more to catch up
    const positions: number[] = [];
    let lastEventId = '0';
    let ended = 0;
    while (positions.at(-1) !== 700) {
      const controller = new AbortController();
      const response = await fetch(`${base}/events/stream`, { headers: { ...headers, 'last-event-id': lastEventId }, signal: controller.signal });
      expect(response.status).toBe(200);
      const read = await readMessages(response, controller, (messages) => messages.some((message) => message.id === '700'));
      if (read.ended) ended++;
      for (const message of read.messages) {
        if (message.data !== undefined) {
          expect(message.data.metadata.tenantId).toBe(TENANT);
          positions.push(message.data.metadata.globalPosition);
        }
        if (message.id !== undefined) lastEventId = message.id;
      }
    }
    // Then every even position came once, in order; the server ended three connections at their bound
    expect(positions).toEqual(Array.from({ length: 350 }, (_, i) => 2 * (i + 1)));
    expect(ended).toBe(3);
  });

  it('given a province none of whose events lie in a catch-up window, when the window ends, then the id line still moves the client on', async () => {
    // Given 300 events of the other province, then one of the caller's
    const store = new InMemoryEventStore();
    await fill(store, 301, (n) => (n === 301 ? TENANT : OTHER_TENANT));
    const { base } = await serve({ store, eventFeed: { catchUpPageSize: 100, catchUpEventsPerConnection: 100 } });
    // When the first connection ends
    const controller = new AbortController();
    const read = await readMessages(await fetch(`${base}/events/stream?after=0`, { headers: await bearer('director'), signal: controller.signal }), controller);
    // Then it carried no event, only the position reached
    expect(read).toEqual({ messages: [{ id: '100' }], ended: true });
  });

  it('given a client that resumes with `lastEventId`, as EventSource polyfills do, or the header, then it goes on after that position, whatever `after` its URL carries', async () => {
    const store = new InMemoryEventStore();
    await fill(store, 10, () => TENANT);
    const { base } = await serve({ store });
    const firstIds = async (init: { query: string; header?: string }) => {
      const controller = new AbortController();
      const headers = { ...(await bearer('director')), ...(init.header === undefined ? {} : { 'last-event-id': init.header }) };
      const read = await readMessages(await fetch(`${base}/events/stream${init.query}`, { headers, signal: controller.signal }), controller, (m) => m.length >= 2);
      return read.messages.slice(0, 2).map((message) => message.id);
    };
    expect(await firstIds({ query: '?lastEventId=6' })).toEqual(['7', '8']);
    expect(await firstIds({ query: '', header: '6' })).toEqual(['7', '8']);
    // A reconnection keeps the URL it opened, `after` included: the id it resumes from comes first,
    // `lastEventId`, then the header, then `after`.
    expect(await firstIds({ query: '?after=3&lastEventId=6', header: '8' })).toEqual(['7', '8']);
    expect(await firstIds({ query: '?after=3', header: '6' })).toEqual(['7', '8']);
    expect(await firstIds({ query: '?after=3' })).toEqual(['4', '5']);
  });
});

describe('event feed connection caps', () => {
  it('given a caller at its cap, when it opens one more stream, then 429 problem+json with Retry-After; another caller and a closed slot are served', async () => {
    const { base } = await serve({ eventFeed: { connectionsPerCaller: 2 } });
    const headers = await bearer('inspector');
    const open = async (h: Record<string, string>) => {
      const controller = new AbortController();
      const response = await fetch(`${base}/events/stream?after=0`, { headers: h, signal: controller.signal });
      return { response, controller };
    };
    const first = await open(headers);
    const second = await open(headers);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const third = await open(headers);
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(third.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.response.json()).toMatchObject({ status: 429, code: 'TOO_MANY_STREAMS' });
    // Another caller (same role, another sub) is not counted against the first
    const other = await open(await bearer('inspector', { sub: 'inspector-2' }));
    expect(other.response.status).toBe(200);
    // A closed stream frees its slot
    first.controller.abort();
    await expect.poll(async () => {
      const again = await open(headers);
      again.controller.abort();
      return again.response.status;
    }).toBe(200);
    second.controller.abort();
    other.controller.abort();
  });

  it('given the server at its total cap, when anyone opens a stream, then 503 with Retry-After', async () => {
    const { base } = await serve({ eventFeed: { connections: 1 } });
    const controller = new AbortController();
    const first = await fetch(`${base}/events/stream?after=0`, { headers: await bearer('system'), signal: controller.signal });
    expect(first.status).toBe(200);
    const refused = await fetch(`${base}/events/stream?after=0`, { headers: await bearer('director') });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    controller.abort();
  });

  it('refuses limits that are not whole numbers ≥ 1, naming the field', async () => {
    await expect(startTestServer({ eventFeed: { connectionsPerCaller: 0 } })).rejects.toThrow(/eventFeed\.connectionsPerCaller/);
  });
});
