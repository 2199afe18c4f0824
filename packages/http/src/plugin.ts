import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { namedInRegistry, withNamedSubjects, type Desk, type DocumentStore } from '@motcua/core';
import { registerAuditRoutes } from './audit-routes.js';
import { AuthError, createTokenVerifier, type AuthOptions, type TokenVerifier } from './auth.js';
import { registerCommandRoutes } from './command-routes.js';
import { registerDashboard } from './dashboard/index.js';
import { DeviceCredentials, devicePaths, registerDeviceRoutes, withDeviceCredentials } from './devices/index.js';
import { registerDocs } from './docs.js';
import { problemOfError } from './error-problem.js';
import { OpenStreams, registerEventStream } from './events-route.js';
import { feedLimitsOf, type EventFeedLimits } from './feed-limits.js';
import { sendProblem, setPrincipal } from './http-helpers.js';
import { BodyRefused, readJsonBody } from './json-body.js';
import { openApiDocument, withBodyRefusals } from './openapi.js';
import { withExamples } from './openapi-examples.js';
import { httpProblems } from './problem.js';
import { registerProcedureRoutes } from './procedure-routes.js';
import { registerQueryRoutes } from './query-routes.js';
import { registerReadModelRoutes } from './read-model-routes.js';
import { serverReadSide, type ReadSide } from './read-side.js';
import { mePaths, registerMeRoute } from './me-route.js';
import { registerReadyRoute } from './ready-route.js';
import { registerReportRoutes, reportPaths } from './reports/index.js';
import { checkRouteBase } from './route-base.js';
import { commandRoutes } from './route-table.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerTrackingRoutes, trackingPaths, type TrackingOptions } from './tracking/index.js';
import { registerWebhookRoutes, webhookPaths, type WebhookOptions } from './webhooks/index.js';

export interface MotcuaPluginOptions {
  /** The desk to serve; the server reads and writes only through it and its store. */
  readonly desk: Desk;
  readonly auth: AuthOptions;
  /**
   * Read models served under `/read-models/{name}/{key}` and `.../{key}/explain`, and the documents of
   * the dossier list (`GET /dossiers`). Default: the dossier list only, folded in memory from the log.
   */
  readonly readSide?: ReadSide;
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

/** The 404 of a path no route serves, inside the prefix (the plugin) or outside it (`buildServer`). */
export const answerNoRoute = (request: FastifyRequest, reply: FastifyReply) =>
  sendProblem(reply, httpProblems.notFound(`no route ${request.method} ${request.url.split('?')[0]}`));

/**
 * motcua's routes as a Fastify plugin, for an application of your own: register it with a `prefix`
 * (`app.register(motcuaPlugin, { prefix: '/api/motcua', desk, auth })`) and every route, link and page
 * of it is under that prefix: the OpenAPI document (its `servers`), the `Location` of what a request
 * creates, the docs and the dashboard. What it sets (the JSON body parser, the error and not-found
 * handlers, authentication, security headers) holds for its own routes only: Fastify encapsulates a
 * plugin, so the application's other routes keep their own. `buildServer` is this plugin in an
 * application of its own. The application must take path parameters of 200 characters
 * (`routerOptions: { maxParamLength: 200 }`): audit subjects and figure keys are that long.
 */
export const motcuaPlugin: FastifyPluginAsync<MotcuaPluginOptions> = async (app, options) => {
  checkRouteBase(app);
  const { desk } = options;
  // A device credential is tried before the JWT when devices are served (set once the read side is open).
  let verify: TokenVerifier = createTokenVerifier(options.auth);
  const feedLimits = feedLimitsOf(options.eventFeed);

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
  app.setNotFoundHandler(answerNoRoute);

  registerSecurityHeaders(app);
  let closing = false;
  app.addHook('onRequest', async (request, reply) => {
    if (closing) return sendProblem(reply, httpProblems.unavailable('the server is shutting down'));
    if (request.routeOptions.url === undefined) return; // not found: the 404 handler answers
    // A public route answers without a token; one public 'unless-token' verifies a token when sent.
    const { public: open } = request.routeOptions.config as { public?: true | 'unless-token' };
    if (open === true || (open === 'unless-token' && request.headers.authorization === undefined)) return;
    try {
      setPrincipal(request, await verify(request.headers.authorization));
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      // A header value is ASCII: `…` becomes `...` and letters lose their diacritics; the problem keeps the full text.
      const description = error.message.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/"/g, "'");
      reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${description}"`);
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

  const document = withPaths(openApiDocument(routes, { readModels: readSide.readModels.map((readModel) => readModel.name), ...(app.prefix === '' ? {} : { serverUrl: app.prefix }) }), {
    ...(options.tracking === undefined ? {} : trackingPaths()),
    ...(options.webhooks === undefined ? {} : webhookPaths()),
    ...(options.devices === undefined ? {} : devicePaths()),
    ...reportPaths(),
    ...mePaths(),
  });
  const documentJson = JSON.stringify(document);
  app.get('/openapi.json', { config: { public: true } }, async (_request, reply) => reply.type('application/json; charset=utf-8').send(documentJson));
  if (options.docs !== false) registerDocs(app);

  app.get('/health', { config: { public: true } }, async () => ({ status: 'ok' }));
  registerReadyRoute(app, desk, readSide);

  registerCommandRoutes(app, desk, routes);
  registerQueryRoutes(app, desk, readSide);
  registerProcedureRoutes(app, desk);
  registerEventStream(app, desk, open, options.eventStreamHeartbeatMs ?? 15_000, feedLimits);
  // A figure or report about a unit or officer the province's log never names is absent (docs/read-side.md, "Units and officers the log never names").
  // A desk taking references unchecked cannot say which units and officers its log names: figures are answered as they stand.
  const named = desk.references === undefined ? undefined : namedInRegistry(desk.references);
  const figures: ReadSide = named === undefined ? readSide : { ...readSide, readModels: readSide.readModels.map(withNamedSubjects(named)) };
  registerReadModelRoutes(app, figures, desk.store);
  registerAuditRoutes(app, desk);
  registerReportRoutes(app, figures, { rules: desk.rules, ...(named === undefined ? {} : { named }) });
  registerMeRoute(app, readSide);
  if (options.dashboard !== false) registerDashboard(app);
  if (options.tracking !== undefined) registerTrackingRoutes(app, desk, options.tracking);
  if (options.webhooks !== undefined) registerWebhookRoutes(app, desk, options.webhooks.documents ?? readSide.documents, options.webhooks);
  if (options.devices !== undefined) {
    const devices = new DeviceCredentials(options.devices.documents ?? readSide.documents);
    verify = withDeviceCredentials(verify, devices);
    registerDeviceRoutes(app, devices);
  }
};

/** The document with more path items (routes registered beside the route table's), each method kept. */
const withPaths = (document: Record<string, unknown>, more: Record<string, Record<string, unknown>>): Record<string, unknown> => {
  const paths = { ...(document['paths'] as Record<string, Record<string, unknown>>) };
  for (const [path, item] of Object.entries(more)) paths[path] = { ...(paths[path] ?? {}), ...item };
  // Paths added here get examples like the route table's (openapi-examples.ts).
  return withExamples(withBodyRefusals({ ...document, paths }));
};
