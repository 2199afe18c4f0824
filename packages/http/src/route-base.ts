import type { FastifyInstance } from 'fastify';

/** The longest path parameter motcua's routes take: an audit subject, a figure key sent as one segment. */
export const MAX_PARAM_LENGTH = 200;

/**
 * A prefix of fixed path segments: `/api/motcua`, never a parameter, a wildcard or a `.`/`..` segment
 * (a client resolving a link would step out of the prefix).
 */
const FIXED_PREFIX = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+)*$/;

/**
 * What a prefix must be for the links the server writes (`Location`, the OpenAPI `servers`, the docs
 * and dashboard pages) to lead back to it; `undefined` when it is one.
 */
export const prefixProblem = (prefix: string): string | undefined =>
  FIXED_PREFIX.test(prefix)
    ? undefined
    : `the prefix "${prefix}" is not a path of fixed segments: give one such as /api/motcua (a leading slash, no trailing slash, letters, digits, and . _ ~ - in each segment, none of them . or ..)`;

/** Refuses to serve motcua under a prefix its links cannot carry, or in an application whose router cuts its path parameters short. */
export const checkRouteBase = (app: FastifyInstance): void => {
  const problem = prefixProblem(app.prefix);
  if (problem !== undefined) throw new TypeError(`motcua: ${problem}`);
  const config = app.initialConfig as { readonly routerOptions?: { readonly maxParamLength?: number }; readonly maxParamLength?: number };
  // Fastify fills in the default of whichever of the two was not given, and the one given wins.
  const maxParamLength = Math.max(config.routerOptions?.maxParamLength ?? 0, config.maxParamLength ?? 0);
  if (maxParamLength < MAX_PARAM_LENGTH) {
    throw new RangeError(
      `motcua: the application's router takes path parameters of up to ${maxParamLength} characters (longer ones are answered 414), motcua's routes up to ${MAX_PARAM_LENGTH}: create it with Fastify({ routerOptions: { maxParamLength: ${MAX_PARAM_LENGTH} } })`,
    );
  }
};
