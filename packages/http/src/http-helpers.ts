import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './auth.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

const principals = new WeakMap<FastifyRequest, Principal>();

export const setPrincipal = (request: FastifyRequest, principal: Principal): void => {
  principals.set(request, principal);
};

/** The verified caller; every non-public route has one (the auth hook ran first). */
export const principalOf = (request: FastifyRequest): Principal => {
  const principal = principals.get(request);
  if (principal === undefined) throw new Error('route reached without authentication');
  return principal;
};

/** The verified caller of a route that also answers without a token (`public: 'unless-token'`), if a token was sent. */
export const callerOf = (request: FastifyRequest): Principal | undefined => principals.get(request);

export const sendProblem = (reply: FastifyReply, problem: Problem, instance?: string): FastifyReply =>
  reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(instance === undefined ? problem : { ...problem, instance });

export const etag = (version: number): string => `"${version}"`;

/** `"3"` or `W/"3"` → 3; `undefined` for a malformed value. */
export const parseVersionTag = (value: string): number | undefined => {
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value.trim());
  return match === null ? undefined : Number(match[1]);
};

/** Printable ASCII, 1–200 characters, as the Idempotency-Key draft suggests. */
export const isValidIdempotencyKey = (value: string): boolean => /^[\x21-\x7e]{1,200}$/.test(value);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
