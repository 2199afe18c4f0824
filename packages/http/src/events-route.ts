import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { headPosition, type Desk, type RecordedEvent } from '@motcua/core';
import { principalOf, sendProblem } from './http-helpers.js';
import { httpProblems } from './problem.js';

const READERS = new Set(['director', 'inspector', 'system']);

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

/**
 * `GET /events/stream`: Server-Sent Events from the store's catch-up subscription, only the caller's
 * province. Without `after` or `Last-Event-ID` it starts at the head (new events only).
 */
export const registerEventStream = (app: FastifyInstance, desk: Desk, open: OpenStreams, heartbeatMs: number): void => {
  app.get('/events/stream', async (request, reply) => {
    const principal = principalOf(request);
    if (!READERS.has(principal.role)) return sendProblem(reply, httpProblems.forbidden(`a ${principal.role} may not read the event feed`));
    const query = request.query as Record<string, unknown>;
    const lastEventId = request.headers['last-event-id'];
    const given = query['after'] ?? lastEventId;
    let after: number;
    if (given === undefined) {
      after = await headPosition(desk.store);
    } else if (typeof given === 'string' && /^\d{1,15}$/.test(given)) {
      after = Number(given);
    } else {
      return sendProblem(reply, httpProblems.invalidInput('after', 'position', 'must be one whole number ≥ 0 (a global position)'));
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
    const drained = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          raw.off('drain', done);
          raw.off('close', done);
          resolve();
        };
        raw.on('drain', done);
        raw.on('close', done);
      });
    const subscription = desk.store.subscribe({
      after,
      handler: async (event) => {
        if (closed || event.metadata.tenantId !== principal.tenantId) return;
        if (!raw.write(message(event))) await drained();
      },
      onError: (error) => {
        request.log.error({ err: error }, 'event stream subscription failed');
        raw.end();
      },
    });
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();
    raw.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      open.delete(raw);
      void subscription.close();
    });
  });
};
