import type { FastifyInstance } from 'fastify';
import { dossierListProjection, headPositionOf, ProvinceHeads, type Desk } from '@motcua/core';
import { EVENT_FEED_READERS } from './events-route.js';
import { callerOf, sendProblem } from './http-helpers.js';
import { httpProblems } from './problem.js';
import type { ReadSide } from './read-side.js';

/** What a caller of the province's event feed is told besides readiness: its own province's positions only. */
export interface ProvinceReadiness {
  readonly tenantId: string;
  /** The global position of the province's last event (0 before its first). */
  readonly head: number;
  /** Whether the dossier list has folded every event of the province. */
  readonly dossierListCaughtUp: boolean;
}

/**
 * `GET /ready`: 200 `{ "status": "ready" }` when the store answers, else 503, for anyone (a load
 * balancer sends no token). The store-wide head would tell how much every province of the store does,
 * so a caller is told positions only of its own province, and only with a token of a role that reads
 * the province's event feed, which shows those positions anyway. A token sent is verified like on any
 * other route (401 when it is not valid).
 */
export const registerReadyRoute = (app: FastifyInstance, desk: Desk, readSide: ReadSide): void => {
  // A probe asks again and again: after its first answer, a province's head is found reading only the events appended since.
  const provinceHeads = new ProvinceHeads(desk.store);
  app.get('/ready', { config: { public: 'unless-token' } }, async (request, reply) => {
    try {
      const head = await headPositionOf(desk.store);
      const dossierList = await readSide.documents.header(dossierListProjection.name);
      const caller = callerOf(request);
      if (caller === undefined || !EVENT_FEED_READERS.has(caller.role)) return { status: 'ready' };
      const provinceHead = await provinceHeads.headOf(caller.tenantId, head);
      const province: ProvinceReadiness = { tenantId: caller.tenantId, head: provinceHead, dossierListCaughtUp: (dossierList?.checkpoint ?? 0) >= provinceHead };
      return { status: 'ready', province };
    } catch (error) {
      request.log.warn({ err: error }, 'store not ready');
      return sendProblem(reply, httpProblems.unavailable('the event store does not answer'));
    }
  });
};
