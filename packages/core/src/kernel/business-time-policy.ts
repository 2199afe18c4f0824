import { left, right, type Either } from '../fp.js';
import type { LateEntry } from './envelope.js';
import { ruleViolated, type DomainError } from './errors.js';
import type { Clock } from './ports.js';
import { preview } from './primitives.js';

/**
 * When a fact may be said to have happened (docs/record-as-evidence.md, "Plausible time"). Business
 * time (`occurredAt`) comes from the caller; the handler holds it against its own clock, the clock the
 * store stamps `recordedAt` with:
 * - no later than now plus `maxFutureSkewMs` (clocks of counter devices drift; a fact cannot come from
 *   the future);
 * - never before the stream's previous event (a stream is the order in which its facts happened);
 * - further back than `lateEntryAfterMs` is accepted and stamped as a late entry, with how late in
 *   working days, so read models and verdicts can show that it was entered after the fact.
 */
export interface BusinessTimePolicy {
  readonly clock: Clock;
  /** Default 5 minutes. */
  readonly maxFutureSkewMs?: number;
  /** Default 24 hours: a desk entering the morning's paper forms in the afternoon is not late. */
  readonly lateEntryAfterMs?: number;
  /**
   * Why a fact dated `occurredAt` cannot be judged at all (its day comes before what the calendar or
   * the rules cover), or `undefined`. Checked first, so no working day is ever counted from such a day.
   */
  readonly outsideCoverage?: (occurredAt: string) => DomainError | undefined;
  /** Working days from the day the fact happened to the day it is recorded (the desk's calendar). */
  readonly workingDaysBetween: (occurredAt: string, recordedAt: string) => number;
}

export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const DEFAULT_LATE_ENTRY_AFTER_MS = 24 * 3_600_000;

/** The options of a policy an embedder sets: each a number of milliseconds, 0 or more. */
const DURATIONS = ['maxFutureSkewMs', 'lateEntryAfterMs'] as const;

const checkDurations = (given: Record<string, unknown>, name: string): void => {
  for (const key of DURATIONS) {
    const value = given[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`${name}.${key} must be a finite number of milliseconds, 0 or more, got ${preview(value)}`);
    }
  }
};

/**
 * Throws unless `options` (the embedder's business-time options, named `name` in the error) holds
 * only the policy's durations, each a finite number of milliseconds, 0 or more. They are configuration
 * written by the embedder, so a bad one is a bug, and `NaN` or a negative skew would otherwise turn
 * the future-time check off without a word.
 */
export const checkBusinessTimeOptions = (options: unknown, name = 'businessTime'): void => {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${name} must be an object, got ${preview(options)}`);
  for (const key of Object.keys(options)) {
    if (!(DURATIONS as readonly string[]).includes(key)) throw new TypeError(`${name}.${key} is not a business-time option (they are ${DURATIONS.join(', ')})`);
  }
  checkDurations(options as Record<string, unknown>, name);
};

/** Throws unless `policy` is a whole policy: durations as `checkBusinessTimeOptions` wants them, a clock and a working-day count. */
export const checkBusinessTimePolicy = (policy: BusinessTimePolicy, name = 'businessTime'): void => {
  if (policy === null || typeof policy !== 'object') throw new TypeError(`${name} must be an object, got ${preview(policy)}`);
  checkDurations(policy as unknown as Record<string, unknown>, name);
  if (typeof (policy.clock as Partial<Clock> | undefined)?.now !== 'function') throw new TypeError(`${name}.clock must be a clock (an object with now()), got ${preview(policy.clock)}`);
  if (typeof policy.workingDaysBetween !== 'function') throw new TypeError(`${name}.workingDaysBetween must be a function, got ${preview(policy.workingDaysBetween)}`);
};

/** The verdict on one command's business time: refused, or accepted with the late-entry stamp, if any. */
export const judgeBusinessTime = (
  policy: BusinessTimePolicy,
  occurredAt: string,
  previousOccurredAt: string | undefined,
): Either<DomainError, LateEntry | undefined> => {
  const uncovered = policy.outsideCoverage?.(occurredAt);
  if (uncovered !== undefined) return left(uncovered);
  const now = policy.clock.now();
  const occurred = Date.parse(occurredAt);
  const skew = policy.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
  if (occurred > now.getTime() + skew) {
    return left(
      ruleViolated('OCCURRED_IN_THE_FUTURE', `occurredAt ${occurredAt} is later than now (${now.toISOString()}) plus the allowed clock skew of ${minutes(skew)} min`, {
        details: { occurredAt, now: now.toISOString(), maxFutureSkewMinutes: minutes(skew) },
      }),
    );
  }
  if (previousOccurredAt !== undefined && occurred < Date.parse(previousOccurredAt)) {
    return left(
      ruleViolated('OCCURRED_BEFORE_PREVIOUS_EVENT', `occurredAt ${occurredAt} is before the stream's previous event (${previousOccurredAt}): facts of one stream are recorded in the order they happened`, {
        details: { occurredAt, previousOccurredAt },
      }),
    );
  }
  const lag = now.getTime() - occurred;
  if (lag <= (policy.lateEntryAfterMs ?? DEFAULT_LATE_ENTRY_AFTER_MS)) return right(undefined);
  return right({ minutes: Math.floor(lag / 60_000), workingDays: policy.workingDaysBetween(occurredAt, now.toISOString()) });
};

const minutes = (ms: number): number => Math.round(ms / 60_000);
