import { CorruptEventError } from '@motcua/core';
import type { WireFailure } from './client.js';

/**
 * A failure of the server itself (not an expected outcome such as a version conflict): unreachable,
 * not the leader after every retry, a deadline passed, a refusal. `failure` is how the client named it.
 */
export class EventStoreDbStoreError extends Error {
  constructor(
    message: string,
    readonly namespace: string,
    readonly failure: WireFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventStoreDbStoreError';
  }
}

export type StoreOperation = 'appending to' | 'reading' | 'opening' | 'verifying';

export interface RetryPolicy {
  /** Tries after the first one for a failure the client asks to retry; default 3. */
  readonly retries: number;
  /** Wait before the first retry, doubled for each next one; default 50 ms. */
  readonly backoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 3, backoffMs: 50 };

/**
 * Whether the client means the call to be made again. On not-leader it has already reconnected to
 * the leader the server named; on unavailable it reconnects on the next call; a deadline leaves the
 * outcome unknown, which a retry settles because the server recognises an append's event ids.
 */
export const isRetried = (failure: WireFailure): boolean => failure !== 'other';

const explain = (failure: WireFailure): string => {
  switch (failure) {
    case 'not-leader':
      return 'the node is not the leader, and the leader it named did not take the call either';
    case 'unavailable':
      return 'the server could not be reached';
    case 'deadline':
      return 'the call did not finish before its deadline';
    case 'other':
      return 'the server refused the call';
  }
};

/**
 * Runs `call`, again after a growing wait while the client classifies its failure as one to retry,
 * at most `policy.retries` more times; then fails with an `EventStoreDbStoreError` naming the
 * namespace and the operation. Other errors (corrupt events, bugs) pass through unchanged.
 */
export const withRetries = async <A>(
  call: () => Promise<A>,
  classify: (error: unknown) => WireFailure,
  context: { readonly namespace: string; readonly operation: StoreOperation; readonly policy: RetryPolicy },
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<A> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (error instanceof CorruptEventError || error instanceof EventStoreDbStoreError || error instanceof TypeError) throw error;
      const failure = classify(error);
      if (isRetried(failure) && attempt < context.policy.retries) {
        await sleep(context.policy.backoffMs * 2 ** attempt);
        continue;
      }
      const tries = attempt + 1;
      throw new EventStoreDbStoreError(
        `EventStoreDB, ${context.operation} namespace "${context.namespace}": ${explain(failure)} (${(error as Error).message ?? String(error)}; ${tries} ${tries === 1 ? 'try' : 'tries'})`,
        context.namespace,
        failure,
        { cause: error },
      );
    }
  }
};
