import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { headPositionOf, type ActorRole, type Desk, type RecordedEvent, type Subscription } from '@motcua/core';
import { CatchUpPacer, FeedConnections, type EventFeedLimits } from './feed-limits.js';
import { principalOf, sendProblem } from './http-helpers.js';
import { httpProblems, problem, withArticle } from './problem.js';
import { readQuery, wholeNumber } from './query-parameters.js';

const POSITION = { rule: 'position', message: 'must be one whole number ≥ 0 (a global position)' };

/**
 * `after`: the global position to follow the log from (default the head: only what is appended from
 * now). `lastEventId` is read alike: EventSource polyfills that send a bearer token send the last id
 * seen so, instead of the `Last-Event-ID` header, when they reconnect. A client reconnects to the URL
 * it opened, `after` included, so the id it resumes from comes first: `lastEventId`, then the header,
 * then `after`.
 */
export const EVENT_FEED_QUERY = {
  after: wholeNumber(0, Number.MAX_SAFE_INTEGER, POSITION),
  lastEventId: wholeNumber(0, Number.MAX_SAFE_INTEGER, { ...POSITION, description: 'The id of the last message received, as EventSource polyfills send it on reconnecting; it comes before `after`' }),
};

/** Who reads the province's event feed, and so the global positions of its events (`/ready` tells them the province's head). */
export const EVENT_FEED_READERS: ReadonlySet<ActorRole> = new Set<ActorRole>(['director', 'inspector', 'system']);

/** Seconds a refused client should wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/** Open event streams, so shutdown can end them instead of waiting for the clients to leave. */
export class OpenStreams {
  private readonly streams = new Set<ServerResponse>();
  add(raw: ServerResponse): void {
    this.streams.add(raw);
  }
  delete(raw: ServerResponse): void {
    this.streams.delete(raw);
  }
  endAll(): void {
    for (const raw of this.streams) raw.end();
    this.streams.clear();
  }
}

const message = (event: RecordedEvent): string =>
  `id: ${event.metadata.globalPosition}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** Resolves once the socket can take more (or is gone): the next page waits for it. */
const drained = (raw: ServerResponse) =>
  new Promise<void>((resolve) => {
    if (raw.destroyed || raw.writableEnded) return resolve();
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });

/**
 * `GET /events/stream`: Server-Sent Events, only the caller's province (`metadata.tenantId`). Without
 * `after` or `Last-Event-ID` it starts at the head (new events only). Catch-up reads the log in pages,
 * one page per event-loop turn across all connections, and waits for each page to leave the socket
 * before reading the next; after `catchUpEventsPerConnection` events of the log the server sends an
 * `id:` line with the position reached and ends the stream, and the client resumes from there. A
 * caller holds at most `connectionsPerCaller` streams (429), the server `connections` (503).
 */
export const registerEventStream = (
  app: FastifyInstance,
  desk: Desk,
  open: OpenStreams,
  heartbeatMs: number,
  limits: Required<EventFeedLimits>,
): void => {
  const connections = new FeedConnections(limits);
  const pacer = new CatchUpPacer();
  app.get('/events/stream', async (request, reply) => {
    const principal = principalOf(request);
    if (!EVENT_FEED_READERS.has(principal.role)) return sendProblem(reply, httpProblems.forbidden(`${withArticle(principal.role)} may not read the event feed`));
    const parsed = readQuery(request.query, EVENT_FEED_QUERY, { of: 'the event feed' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    // A reconnecting client resumes from the last id it saw, whatever `after` its URL still carries:
    // `lastEventId` (polyfills), then the Last-Event-ID header (EventSource), read alike, then `after`.
    const header = request.headers['last-event-id'];
    const fromHeader = parsed.values.lastEventId === undefined && header !== undefined ? readQuery({ lastEventId: header }, EVENT_FEED_QUERY, { of: 'the event feed' }) : undefined;
    if (fromHeader !== undefined && 'problem' in fromHeader) return sendProblem(reply, fromHeader.problem);
    let after = parsed.values.lastEventId ?? fromHeader?.values.lastEventId ?? parsed.values.after ?? (await headPositionOf(desk.store));
    const release = connections.take(principal.tenantId, principal.sub);
    if (release === 'caller' || release === 'total') {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(
        reply,
        release === 'caller'
          ? problem(429, 'TOO_MANY_STREAMS', 'Too many requests', `one caller may hold ${limits.connectionsPerCaller} event streams at once; close one first`)
          : httpProblems.unavailable(`the server holds ${limits.connections} event streams already; try again later`),
      );
    }

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 3000\n: after ${after}\n\n`);
    open.add(raw);
    let closed = false;
    let subscription: Subscription | undefined; // eslint-disable-line prefer-const -- set once catch-up ends, read by the close handler before that
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();
    raw.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      open.delete(raw);
      release();
      void subscription?.close();
    });
    const ours = (event: RecordedEvent) => event.metadata.tenantId === principal.tenantId;

    // Catch-up: pages of the log, paced and bounded; the province filter runs on each page.
    let scanned = 0;
    try {
      for (;;) {
        await pacer.turn();
        if (closed) return;
        const page = await desk.store.readAll({ after, maxCount: limits.catchUpPageSize });
        const text = page.events.filter(ours).map(message).join('');
        scanned += page.events.length;
        after = page.nextPosition;
        if (page.isEnd || page.events.length === 0) {
          if (text !== '' && !raw.write(text)) await drained(raw);
          break;
        }
        if (scanned >= limits.catchUpEventsPerConnection) {
          // An id-only message moves the client's Last-Event-ID past other provinces' events too.
          raw.end(`${text}id: ${after}\n: catch-up limit reached; reconnect with Last-Event-ID to go on\n\n`);
          return;
        }
        if (text !== '' && !raw.write(text)) await drained(raw);
      }
    } catch (error) {
      request.log.error({ err: error }, 'event stream catch-up failed');
      raw.end();
      return;
    }
    if (closed) return;
    // Live: new events as they are appended.
    subscription = desk.store.subscribe({
      after,
      handler: async (event) => {
        if (closed || !ours(event)) return;
        if (!raw.write(message(event))) await drained(raw);
      },
      onError: (error) => {
        request.log.error({ err: error }, 'event stream subscription failed');
        raw.end();
      },
    });
  });
};
