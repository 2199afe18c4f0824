import type { DomainError } from '@motcua/core';

/** RFC 9457 problem details, with motcua's stable `code` beside the standard members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Base of every problem `type` URI; a code `VERSION_CONFLICT` becomes `<base>version-conflict`. */
export const PROBLEM_TYPE_BASE = 'https://motcua.dev/problems/';

export const problemType = (code: string): string => `${PROBLEM_TYPE_BASE}${code.toLowerCase().replace(/_/g, '-')}`;

export const problem = (
  status: number,
  code: string,
  title: string,
  detail?: string,
  extensions: Readonly<Record<string, unknown>> = {},
): Problem => ({
  type: problemType(code),
  title,
  status,
  ...(detail === undefined ? {} : { detail }),
  code,
  ...extensions,
});

/**
 * `expected` is a stream version like `actual` (an integer; 0 for a stream expected not to exist);
 * an expectation that names no version (`stream-exists`) is given as `expectedState` instead.
 */
const expectedVersionMember = (expected: string): Readonly<Record<string, unknown>> => {
  if (/^\d{1,15}$/.test(expected)) return { expected: Number(expected) };
  if (expected === 'no-stream') return { expected: 0 };
  return { expectedState: expected };
};

/** "a director", "an inspector": the article a role or other noun takes in an English message (core's, which the desk's own refusals use). */
export { withArticle } from '@motcua/core';

/**
 * A domain error as a problem: invalid input 400 (naming each field), a broken business rule 422,
 * a missing stream 404, a version conflict 412 when the caller sent If-Match (409 otherwise), a
 * reused idempotency key 422.
 */
export const domainProblem = (error: DomainError, ifMatchSent: boolean): Problem => {
  switch (error._tag) {
    case 'InvalidInput':
      return problem(400, error.code, 'Invalid input', error.message, { errors: error.issues });
    case 'BusinessRuleViolated':
      return problem(422, error.code, 'Business rule violated', error.message, {
        ...(error.legalBasis === undefined ? {} : { legalBasis: error.legalBasis }),
        ...(error.details === undefined ? {} : { details: error.details }),
      });
    case 'StreamNotFound':
      return problem(404, error.code, 'Not found', error.message);
    case 'VersionConflict':
      return problem(ifMatchSent ? 412 : 409, error.code, ifMatchSent ? 'Precondition failed' : 'Conflict', error.message, {
        ...expectedVersionMember(error.expected),
        actual: error.actual,
      });
    case 'IdempotencyKeyReused':
      return problem(422, error.code, 'Idempotency key reused', error.message);
    case 'AccessDenied':
      return problem(403, 'FORBIDDEN', 'Forbidden', error.message);
  }
};

/** A 400 naming every input that is wrong: its field (`''` for the body as a whole), the rule it breaks and a message; `detail` joins them. */
const invalidInputs = (errors: readonly { readonly field: string; readonly rule: string; readonly message: string }[]): Problem =>
  problem(400, 'INVALID_INPUT', 'Invalid input', errors.map(({ field, message }) => (field === '' ? message : `${field}: ${message}`)).join('; '), {
    errors: errors.map(({ field, rule, message }) => ({ field, rule, message })),
  });

/** Problems of the HTTP layer itself, each with its own stable code. */
export const httpProblems = {
  unauthenticated: (detail: string) => problem(401, 'UNAUTHENTICATED', 'Unauthenticated', detail),
  forbidden: (detail: string) => problem(403, 'FORBIDDEN', 'Forbidden', detail),
  notFound: (detail: string) => problem(404, 'NOT_FOUND', 'Not found', detail),
  badRequest: (detail: string, extensions: Record<string, unknown> = {}) => problem(400, 'BAD_REQUEST', 'Bad request', detail, extensions),
  invalidInput: (field: string, rule: string, message: string) => invalidInputs([{ field, rule, message }]),
  invalidInputs,
  alreadyExists: (detail: string) => problem(409, 'ALREADY_EXISTS', 'Conflict', detail),
  preconditionFailed: (detail: string, expected: number, actual: number) =>
    problem(412, 'VERSION_CONFLICT', 'Precondition failed', detail, { expected, actual }),
  unavailable: (detail: string) => problem(503, 'UNAVAILABLE', 'Service unavailable', detail),
  internal: () => problem(500, 'INTERNAL', 'Internal server error', 'the server could not complete the request'),
} as const;
