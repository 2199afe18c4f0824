/** When a failed delivery is tried again, and when it is given up (docs/notifications.md). */
export interface RetryPolicy {
  /** Attempts in all, the first one included, before the delivery goes to the dead letters; default 15 (about 5 hours). */
  readonly maxAttempts: number;
  /** Delay after the first failure; default 10 s. */
  readonly baseDelayMs: number;
  /** Longest delay; default 1 hour. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 15, baseDelayMs: 10_000, maxDelayMs: 3_600_000 };

/**
 * The wait after the `failures`-th failure: `base · 2^(failures−1)`, capped, of which a random half is
 * taken away ("equal jitter"), so receivers coming back after an outage are not hit by every retry at once.
 * `random` is in [0, 1).
 */
export const retryDelayMs = (policy: RetryPolicy, failures: number, random: number): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(failures - 1, 40)));
  return Math.round(exponential / 2 + (exponential / 2) * random);
};
