import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type LoggerOptions } from 'pino';
import { dossierListProjection, headPositionOf, type Desk, type DocumentStore } from '@motcua/core';
import { registerAuditRoutes } from './audit-routes.js';
import { AuthError, createTokenVerifier, type AuthOptions, type TokenVerifier } from './auth.js';
import { registerCommandRoutes } from './command-routes.js';
import { registerDocs } from './docs.js';
import { OpenStreams, registerEventStream } from './events-route.js';
import { feedLimitsOf, type EventFeedLimits } from './feed-limits.js';
import { BodyRefused, readJsonBody } from './json-body.js';
import { sendProblem, setPrincipal } from './http-helpers.js';
import { openApiDocument } from './openapi.js';
import { withExamples } from './openapi-examples.js';
import { httpProblems, problem, PROBLEM_CONTENT_TYPE } from './problem.js';
import { registerProcedureRoutes } from './procedure-routes.js';
import { registerQueryRoutes } from './query-routes.js';
import { registerReadModelRoutes } from './read-model-routes.js';
import { serverReadSide, type ReadSide } from './read-side.js';
import { answerClientError, registerSecurityHeaders } from './security-headers.js';
import { commandRoutes } from './route-table.js';
import { registerDashboard } from './dashboard/index.js';
import { registerReportRoutes, reportPaths } from './reports/index.js';
import { DeviceCredentials, devicePaths, registerDeviceRoutes, withDeviceCredentials } from './devices/index.js';
import { registerTrackingRoutes, trackingPaths, type TrackingOptions } from './tracking/index.js';
import { registerWebhookRoutes, webhookPaths, type WebhookOptions } from './webhooks/index.js';

export interface HttpServerOptions {
  /** The desk to serve; the server reads and writes only through it and its store. */
  readonly desk: Desk;
  readonly auth: AuthOptions;
  /**
   * Read models served under `/read-models/{name}/{key}` and `.../{key}/explain`, and the documents of
   * the dossier list (`GET /dossiers`). Default: the dossier list only, folded in memory from the log.
   */
  readonly readSide?: ReadSide;
  /**
   * `false` (default) for none, `true` for JSON lines on stdout, pino options, or a pino-compatible
   * logger of your own. The Authorization header is never logged.
   */
  readonly logger?: boolean | LoggerOptions | FastifyBaseLogger;
  /** Largest request body accepted, in bytes; default 64 KiB (413 above it). */
  readonly bodyLimit?: number;
  /** Comment lines keep idle event streams open through proxies; default every 15 s. */
  readonly eventStreamHeartbeatMs?: number;
  /** Connection caps and catch-up paging of `/events/stream` (see `EventFeedLimits` for the defaults). */
  readonly eventFeed?: EventFeedLimits;
  /** Serve `/docs` (Swagger UI); default true. */
  readonly docs?: boolean;
  /** Citizen tracking (`GET /track/{code}`, `GET /dossiers/{code}/receipt`; docs/tracking.md); off without it. */
  readonly tracking?: TrackingOptions;
  /**
   * Webhook subscriptions and dead letters (`/webhooks/...`, the system role; docs/notifications.md),
   * kept in the read side's document store unless another is given; off without it. The dispatcher
   * that sends them runs beside the server (`WebhookDispatcher` of @motcua/core).
   */
  readonly webhooks?: WebhookOptions;
  /**
   * Device credentials of counter tablets and kiosks (`/devices`, the system role; docs/device-ratings.md),
   * kept in the read side's document store unless another is given; off without it.
   */
  readonly devices?: { readonly documents?: DocumentStore };
  /** Serve the dashboard at `/dashboard/` (and `/` sends there; docs/dashboard.md); default true. */
  readonly dashboard?: boolean;
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie'];

const isLogger = (value: unknown): value is FastifyBaseLogger =>
  typeof value === 'object' && value !== null && typeof (value as { child?: unknown }).child === 'function' && typeof (value as { info?: unknown }).info === 'function';

const loggerOf = (logger: HttpServerOptions['logger']): FastifyBaseLogger | undefined => {
  if (logger === undefined || logger === false) return undefined;
  if (isLogger(logger)) return logger;
  return pino({ ...(logger === true ? {} : logger), redact: REDACT });
};

/** Fastify's own errors (bad JSON, media type, size, URL) as problems; anything else is a bug: 500. */
const problemOfError = (error: FastifyError) => {
  if (error instanceof BodyRefused) return error.problem;
  const status = error.statusCode ?? 500;
  if (status >= 500) return httpProblems.internal();
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'send the body as application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return httpProblems.invalidInput('', 'json', 'the body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return httpProblems.invalidInput('', 'json', 'the body is not valid JSON');
    default:
      if (error instanceof SyntaxError || status === 400) return httpProblems.invalidInput('', 'json', `the request could not be read: ${error.message}`);
      return problem(status, 'BAD_REQUEST', 'Bad request', error.message);
  }
};

/**
 * The desk over HTTP: one POST route per command of every stream, GET routes for state, history and
 * the dossier list, `/openapi.json`, `/docs`, `/events/stream`, `/health` and `/ready`. Call
 * `listen`; `close()` stops taking requests, lets those in flight (appends included) finish and ends
 * open event streams. The store is the caller's to close.
 */
export const buildServer = async (options: HttpServerOptions): Promise<FastifyInstance> => {
  const { desk } = options;
  // A device credential is tried before the JWT when devices are served (set once the read side is open).
  let verify: TokenVerifier = createTokenVerifier(options.auth);
  const feedLimits = feedLimitsOf(options.eventFeed);
  const loggerInstance = loggerOf(options.logger);
  const app = Fastify({
    ...(loggerInstance === undefined ? { logger: false } : { loggerInstance }),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    requestIdHeader: 'x-request-id',
    // Closing is answered by the onRequest hook below, with a problem like every other error.
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error, request, reply) => {
      request.log.info({ err: error }, 'request refused by the router');
      void sendProblem(reply, httpProblems.badRequest(error.message));
    },
  }) as unknown as FastifyInstance;

  // Only JSON bodies: everything else is 415, never a parse attempt. Bytes, not a string: how they
  // are decoded is the body's first check (json-body.ts).
  app.removeAllContentTypeParsers();
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  const parseJson = (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    const read = readJsonBody(request.headers['content-type'], body);
    if ('problem' in read) done(new BodyRefused(read.problem));
    else done(null, read.value);
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, parseJson);
  app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'buffer', bodyLimit }, parseJson);

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const found = problemOfError(error);
    if (found.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, found);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, httpProblems.notFound(`no route ${request.method} ${request.url.split('?')[0]}`)));

  registerSecurityHeaders(app);
  let closing = false;
  app.addHook('onRequest', async (request, reply) => {
    if (closing) return sendProblem(reply, httpProblems.unavailable('the server is shutting down'));
    if (request.routeOptions.url === undefined) return; // not found: the 404 handler answers
    if ((request.routeOptions.config as { public?: boolean }).public === true) return;
    try {
      setPrincipal(request, await verify(request.headers.authorization));
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`);
      return sendProblem(reply, httpProblems.unauthenticated(error.message));
    }
  });

  const routes = commandRoutes();
  const readSide = options.readSide ?? (await serverReadSide(desk.store));
  await readSide.caughtUp?.();
  const open = new OpenStreams();
  app.addHook('preClose', async () => {
    closing = true;
    open.endAll();
  });
  app.addHook('onClose', async () => {
    await readSide.close?.();
  });
  // A response finished during shutdown ends its connection, so close() need not wait for keep-alive.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  const document = withPaths(openApiDocument(routes, { readModels: readSide.readModels.map((readModel) => readModel.name) }), {
    ...(options.tracking === undefined ? {} : trackingPaths()),
    ...(options.webhooks === undefined ? {} : webhookPaths()),
    ...(options.devices === undefined ? {} : devicePaths()),
    ...reportPaths(),
  });
  const documentJson = JSON.stringify(document);
  app.get('/openapi.json', { config: { public: true } }, async (_request, reply) => reply.type('application/json; charset=utf-8').send(documentJson));
  if (options.docs !== false) registerDocs(app);

  app.get('/health', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { public: true } }, async (_request, reply) => {
    if (closing) return sendProblem(reply, httpProblems.unavailable('the server is shutting down'));
    try {
      const head = await headPositionOf(desk.store);
      const dossierList = await readSide.documents.header(dossierListProjection.name);
      return { status: 'ready', head, dossierListCheckpoint: dossierList?.checkpoint ?? 0 };
    } catch (error) {
      _request.log.warn({ err: error }, 'store not ready');
      return sendProblem(reply, httpProblems.unavailable('the event store does not answer'));
    }
  });

  registerCommandRoutes(app, desk, routes);
  registerQueryRoutes(app, desk, readSide);
  registerProcedureRoutes(app, desk);
  registerEventStream(app, desk, open, options.eventStreamHeartbeatMs ?? 15_000, feedLimits);
  registerReadModelRoutes(app, readSide, desk.store);
  registerAuditRoutes(app, desk);
  registerReportRoutes(app, readSide);
  if (options.dashboard !== false) registerDashboard(app);
  if (options.tracking !== undefined) registerTrackingRoutes(app, desk, options.tracking);
  if (options.webhooks !== undefined) registerWebhookRoutes(app, desk, options.webhooks.documents ?? readSide.documents, options.webhooks);
  if (options.devices !== undefined) {
    const devices = new DeviceCredentials(options.devices.documents ?? readSide.documents);
    verify = withDeviceCredentials(verify, devices);
    registerDeviceRoutes(app, devices);
  }
  return app;
};

/** The document with more path items (routes registered beside the route table's), each method kept. */
const withPaths = (document: Record<string, unknown>, more: Record<string, Record<string, unknown>>): Record<string, unknown> => {
  const paths = { ...(document['paths'] as Record<string, Record<string, unknown>>) };
  for (const [path, item] of Object.entries(more)) paths[path] = { ...(paths[path] ?? {}), ...item };
  // Paths added here get examples like the route table's (openapi-examples.ts).
  return withExamples({ ...document, paths });
};

export { PROBLEM_CONTENT_TYPE };
