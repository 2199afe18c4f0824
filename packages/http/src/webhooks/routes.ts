import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  headPositionOf,
  NOTIFIABLE_STATUSES,
  NOTIFICATION_TYPES,
  WebhookDeliveries,
  WebhookSubscriptions,
  type Desk,
  type DocumentStore,
  type DossierStatus,
  type NotificationType,
  type WebhookSubscription,
} from '@motcua/core';
import { encodeCursor, readCursor } from '../cursor.js';
import { isPlainObject, principalOf, sendProblem } from '../http-helpers.js';
import { httpProblems } from '../problem.js';
import { NO_PARAMETERS, readQuery, single, type QuerySpec, type QueryValues } from '../query-parameters.js';

/** Webhook subscriptions and their dead letters over HTTP (docs/notifications.md). */
export interface WebhookOptions {
  /** Where subscriptions and deliveries are kept; default the read side's document store. */
  readonly documents?: DocumentStore;
  /** How long the old secret keeps signing after a rotation; default 24 hours. */
  readonly rotationGraceMs?: number;
  /** Accept `http:` receiver URLs (development, tests); default only `https:`. */
  readonly allowHttp?: boolean;
  readonly now?: () => number;
}

const ROLES = new Set(['system']);

/** A page of dead letters after `cursor`, the `nextCursor` of the page before (one of `tenantId`'s). */
export const deadLetterQuery = (tenantId: string) => ({
  cursor: single({ maxLength: 2000, read: readCursor('dead-letters', (key) => key.startsWith(`${tenantId}/dead/`)), description: '`nextCursor` of the previous page' }),
});

/** A subscription as listed: the secret is shown once, when made or rotated. */
const shown = ({ secret: _secret, previousSecret: _previous, ...rest }: WebhookSubscription) => rest;

const listOf = <T extends string>(field: string, value: unknown, allowed: readonly T[]): readonly T[] | string => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > allowed.length) return `${field} must be a list of at most ${allowed.length} of: ${allowed.join(', ')}`;
  const unknown = value.find((item) => !allowed.includes(item as T));
  if (unknown !== undefined) return `${field}: ${JSON.stringify(unknown)} is not one of ${allowed.join(', ')}`;
  return [...new Set(value as T[])];
};

export const registerWebhookRoutes = (app: FastifyInstance, desk: Desk, documents: DocumentStore, options: WebhookOptions): void => {
  const now = options.now ?? Date.now;
  const subscriptions = new WebhookSubscriptions(documents, now);
  const deliveries = new WebhookDeliveries(documents);
  const graceMs = options.rotationGraceMs ?? 24 * 3600_000;

  /** The caller's province and the route's query parameters by `spec`, or undefined once the 403 or 400 is sent. */
  const callerOf = <S extends QuerySpec>(request: FastifyRequest, reply: FastifyReply, spec: S): { readonly tenantId: string; readonly query: QueryValues<S> } | undefined => {
    const principal = principalOf(request);
    if (!ROLES.has(principal.role)) {
      void sendProblem(reply, httpProblems.forbidden(`a ${principal.role} may not manage webhooks; the system role does`));
      return undefined;
    }
    const parsed = readQuery(request.query, spec, { of: 'this route' });
    if ('problem' in parsed) {
      void sendProblem(reply, parsed.problem);
      return undefined;
    }
    return { tenantId: principal.tenantId, query: parsed.values };
  };
  const tenantOf = (request: FastifyRequest, reply: FastifyReply): string | undefined => callerOf(request, reply, NO_PARAMETERS)?.tenantId;
  const idOf = (request: FastifyRequest): string => (request.params as { id?: string }).id ?? '';

  app.post('/webhooks/subscriptions', async (request, reply) => {
    const tenantId = tenantOf(request, reply);
    if (tenantId === undefined) return reply;
    const body = request.body;
    if (!isPlainObject(body)) return sendProblem(reply, httpProblems.badRequest('the body must be a JSON object { url, types?, statuses? }'));
    const extra = Object.keys(body).find((key) => !['url', 'types', 'statuses'].includes(key));
    if (extra !== undefined) return sendProblem(reply, httpProblems.invalidInput(extra, 'unknown', 'is not a field of a subscription (url, types, statuses)'));
    const url = body['url'];
    let parsed: URL | undefined;
    try {
      parsed = typeof url === 'string' && url.length <= 2000 ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    const schemes = options.allowHttp === true ? ['https:', 'http:'] : ['https:'];
    if (parsed === undefined || !schemes.includes(parsed.protocol) || parsed.username !== '' || parsed.password !== '') {
      return sendProblem(reply, httpProblems.invalidInput('url', 'url', `must be an absolute ${schemes.join(' or ')} URL without credentials, at most 2000 characters`));
    }
    const types = listOf<NotificationType>('types', body['types'], NOTIFICATION_TYPES);
    if (typeof types === 'string') return sendProblem(reply, httpProblems.invalidInput('types', 'oneOf', types));
    const statuses = listOf<DossierStatus>('statuses', body['statuses'], NOTIFIABLE_STATUSES);
    if (typeof statuses === 'string') return sendProblem(reply, httpProblems.invalidInput('statuses', 'oneOf', statuses));
    const created = await subscriptions.create({ tenantId, url: parsed.toString(), types, statuses, startAfter: await headPositionOf(desk.store) });
    reply.code(201).header('location', `${app.prefix}/webhooks/subscriptions/${created.id}`).header('cache-control', 'no-store');
    return { ...shown(created), secret: created.secret };
  });

  app.get('/webhooks/subscriptions', async (request, reply) => {
    const tenantId = tenantOf(request, reply);
    if (tenantId === undefined) return reply;
    return { items: (await subscriptions.list(tenantId)).map(shown) };
  });

  app.get('/webhooks/subscriptions/:id', async (request, reply) => {
    const tenantId = tenantOf(request, reply);
    if (tenantId === undefined) return reply;
    const found = await subscriptions.get(tenantId, idOf(request));
    return found === undefined ? sendProblem(reply, httpProblems.notFound(`subscription ${idOf(request)} does not exist`)) : shown(found);
  });

  app.post('/webhooks/subscriptions/:id/secret-rotation', async (request, reply) => {
    const tenantId = tenantOf(request, reply);
    if (tenantId === undefined) return reply;
    const rotated = await subscriptions.rotate(tenantId, idOf(request), graceMs);
    if (rotated === undefined) return sendProblem(reply, httpProblems.notFound(`subscription ${idOf(request)} does not exist`));
    reply.header('cache-control', 'no-store');
    return { ...shown(rotated), secret: rotated.secret };
  });

  app.delete('/webhooks/subscriptions/:id', async (request, reply) => {
    const tenantId = tenantOf(request, reply);
    if (tenantId === undefined) return reply;
    if (!(await subscriptions.delete(tenantId, idOf(request)))) return sendProblem(reply, httpProblems.notFound(`subscription ${idOf(request)} does not exist`));
    return reply.code(204).send();
  });

  app.get('/webhooks/queue', async (request, reply) => {
    const tenantId = tenantOf(request, reply);
    if (tenantId === undefined) return reply;
    return { items: await deliveries.queued(tenantId, 500) };
  });

  app.get('/webhooks/dead-letters', async (request, reply) => {
    const caller = callerOf(request, reply, deadLetterQuery(principalOf(request).tenantId));
    if (caller === undefined) return reply;
    const { tenantId, query: { cursor } } = caller;
    const page = await deliveries.dead(tenantId, 100, cursor);
    return { items: page.deliveries, ...(page.next === undefined ? {} : { nextCursor: encodeCursor('dead-letters', page.next) }) };
  });

  app.post('/webhooks/dead-letters/:id/redrive', async (request, reply) => {
    const tenantId = tenantOf(request, reply);
    if (tenantId === undefined) return reply;
    if (!(await deliveries.redrive(tenantId, idOf(request), now()))) return sendProblem(reply, httpProblems.notFound(`dead letter ${idOf(request)} does not exist`));
    return reply.code(202).send({ id: idOf(request), queued: true });
  });
};
