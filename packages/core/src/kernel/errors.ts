import { left } from '../fp.js';

/**
 * Expected failures are values. Every domain error carries a stable `code` that adapters map to
 * problem details; `_tag` says which family it belongs to (and so which HTTP status it becomes).
 */
export interface InputIssue {
  /** Dotted path of the offending field, e.g. `documents.0.name`; empty for the whole input. */
  readonly field: string;
  /** The rule the value broke, e.g. `NonEmptyString`, `WorkingDayCount`, `required`. */
  readonly rule: string;
  readonly message: string;
}

export interface InvalidInput {
  readonly _tag: 'InvalidInput';
  readonly code: 'INVALID_INPUT';
  readonly message: string;
  readonly issues: readonly InputIssue[];
}

export interface BusinessRuleViolated {
  readonly _tag: 'BusinessRuleViolated';
  /** Stable, namespaced code such as `DOSSIER_ALREADY_CLOSED`. */
  readonly code: string;
  readonly message: string;
  /** Where the rule comes from, e.g. `Decree 61/2018 Art.19(9)`. */
  readonly legalBasis?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface StreamNotFound {
  readonly _tag: 'StreamNotFound';
  readonly code: 'STREAM_NOT_FOUND';
  readonly message: string;
  readonly streamId: string;
}

export interface VersionConflict {
  readonly _tag: 'VersionConflict';
  readonly code: 'VERSION_CONFLICT';
  readonly message: string;
  readonly streamId: string;
  readonly expected: string;
  readonly actual: number;
}

export interface IdempotencyKeyReused {
  readonly _tag: 'IdempotencyKeyReused';
  readonly code: 'IDEMPOTENCY_KEY_REUSED';
  readonly message: string;
  readonly idempotencyKey: string;
}

/**
 * The caller may not do this: to this stream (an adapter's `authorize` said so, `ACCESS_DENIED`), or
 * record a fact with the rules it broke (`RECORDING_NOT_ALLOWED`, docs/adr/0010-record-then-judge.md).
 */
export interface AccessDenied {
  readonly _tag: 'AccessDenied';
  readonly code: 'ACCESS_DENIED' | 'RECORDING_NOT_ALLOWED';
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type DomainError =
  | InvalidInput
  | BusinessRuleViolated
  | StreamNotFound
  | VersionConflict
  | IdempotencyKeyReused
  | AccessDenied;

export const invalidInput = (issues: readonly InputIssue[]): InvalidInput => ({
  _tag: 'InvalidInput',
  code: 'INVALID_INPUT',
  message: issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '),
  issues,
});

export const ruleViolated = (
  code: string,
  message: string,
  extra: { legalBasis?: string; details?: Record<string, unknown> } = {},
): BusinessRuleViolated => ({ _tag: 'BusinessRuleViolated', code, message, ...extra });

export const streamNotFound = (streamId: string): StreamNotFound => ({
  _tag: 'StreamNotFound',
  code: 'STREAM_NOT_FOUND',
  message: `stream ${streamId} does not exist`,
  streamId,
});

export const versionConflict = (streamId: string, expected: string, actual: number): VersionConflict => ({
  _tag: 'VersionConflict',
  code: 'VERSION_CONFLICT',
  message: `stream ${streamId} is at version ${actual}, expected ${expected}`,
  streamId,
  expected,
  actual,
});

export const accessDenied = (message: string): AccessDenied => ({ _tag: 'AccessDenied', code: 'ACCESS_DENIED', message });

/** `role` may not record with mode `record`: only the roles in `allowed` may. */
export const recordingNotAllowed = (role: string, allowed: readonly string[]): AccessDenied => ({
  _tag: 'AccessDenied',
  code: 'RECORDING_NOT_ALLOWED',
  message: `${withArticle(role)} may not record with mode=record; the rule set allows: ${allowed.join(', ')}`,
  details: { role, allowed: [...allowed] },
});

/** "a director", "an inspector": the article a role or other noun takes in an English message. */
export const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

export const idempotencyKeyReused = (idempotencyKey: string): IdempotencyKeyReused => ({
  _tag: 'IdempotencyKeyReused',
  code: 'IDEMPOTENCY_KEY_REUSED',
  message: `idempotency key ${idempotencyKey} was already used for a different command`,
  idempotencyKey,
});

/**
 * A stream's own `reject(code, message)`: returns a `BusinessRuleViolated` as `Left`, with `code`
 * limited to that stream's codes so a typo cannot invent a new one.
 */
export const rejecter =
  <Code extends string>() =>
  <A = never>(code: Code, message: string, extra: { legalBasis?: string; details?: Record<string, unknown> } = {}) =>
    left<DomainError, A>(ruleViolated(code, message, extra));
