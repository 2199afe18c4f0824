import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino, type LoggerOptions } from 'pino';
import { sendProblem } from './http-helpers.js';
import { answerNoRoute, motcuaPlugin, type MotcuaPluginOptions } from './plugin.js';
import { httpProblems, PROBLEM_CONTENT_TYPE } from './problem.js';
import { MAX_PARAM_LENGTH, prefixProblem } from './route-base.js';
import { answerClientError, registerSecurityHeaders } from './security-headers.js';

export interface HttpServerOptions extends MotcuaPluginOptions {
  /**
   * `false` (default) for none, `true` for JSON lines on stdout, pino options, or a pino-compatible
   * logger of your own. The Authorization header is never logged.
   */
  readonly logger?: boolean | LoggerOptions | FastifyBaseLogger;
  /**
   * A path every route is served under, e.g. `/api/motcua` (default none): the OpenAPI document, the
   * links the server writes, the docs and the dashboard carry it. Within an application of your own,
   * register `motcuaPlugin` with Fastify's `prefix` instead.
   */
  readonly prefix?: string;
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie'];

const isLogger = (value: unknown): value is FastifyBaseLogger =>
  typeof value === 'object' && value !== null && typeof (value as { child?: unknown }).child === 'function' && typeof (value as { info?: unknown }).info === 'function';

const loggerOf = (logger: HttpServerOptions['logger']): FastifyBaseLogger | undefined => {
  if (logger === undefined || logger === false) return undefined;
  if (isLogger(logger)) return logger;
  return pino({ ...(logger === true ? {} : logger), redact: REDACT });
};

/**
 * The desk over HTTP in an application of its own (`motcuaPlugin` and what only an application sets:
 * the logger, how a request the router or the HTTP parser refuses is answered, how it closes): one POST
 * route per command of every stream, GET routes for state, history and the dossier list,
 * `/openapi.json`, `/docs`, `/events/stream`, `/health` and `/ready`, under `prefix` if given. Call
 * `listen`; `close()` stops taking requests, lets those in flight (appends included) finish and ends
 * open event streams. The store is the caller's to close.
 */
export const buildServer = async (options: HttpServerOptions): Promise<FastifyInstance> => {
  const { logger, prefix = '', ...pluginOptions } = options;
  const problem = prefixProblem(prefix);
  if (problem !== undefined) throw new TypeError(`buildServer: ${problem}`);
  const loggerInstance = loggerOf(logger);
  const app = Fastify({
    ...(loggerInstance === undefined ? { logger: false } : { loggerInstance }),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    requestIdHeader: 'x-request-id',
    // Closing is answered by the plugin's onRequest hook, with a problem like every other error.
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: (error, request, reply) => {
      request.log.info({ err: error }, 'request refused by the router');
      void sendProblem(reply, httpProblems.badRequest(error.message));
    },
  }) as unknown as FastifyInstance;
  // Outside the prefix there is nothing: answered as the plugin answers a path it does not serve.
  registerSecurityHeaders(app);
  if (prefix !== '') app.setNotFoundHandler(answerNoRoute);
  await app.register(motcuaPlugin, { ...pluginOptions, prefix });
  return app;
};

export { PROBLEM_CONTENT_TYPE };
