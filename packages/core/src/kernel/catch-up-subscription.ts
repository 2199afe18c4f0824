import type { ReadAllPage, ReadAllOptions, SubscribeOptions, Subscription } from './event-store.js';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<ReadAllPage>;
  /** Registers a callback run after each committed append; returns a function that removes it. */
  onAppended(listener: () => void): () => void;
}

/** The pause before reading the log again after a read failed, doubled at each failure in a row up to `LAST_RETRY_MS`. */
export const FIRST_RETRY_MS = 100;
export const LAST_RETRY_MS = 5000;

/** The pause after another failure in a row, `previous` being the last pause (0 after a success). */
export const nextRetryMs = (previous: number): number => Math.min(previous === 0 ? FIRST_RETRY_MS : previous * 2, LAST_RETRY_MS);

/**
 * A subscription that pages through the log from a checkpoint, then waits for appends. Events reach
 * the handler one at a time, in global order; a handler that throws stops the subscription at that
 * event, so its checkpoint still names the last event it completed.
 *
 * A read of the log that fails (a lost connection, a server restarting) does not stop it: the error
 * goes to `onError` (with no event) and to whoever waits in `caughtUp`, and the subscription reads
 * again from its checkpoint after a pause (`FIRST_RETRY_MS`, doubled at each failure in a row up to
 * `LAST_RETRY_MS`), or at once when an append wakes it, until it is closed.
 */
export const catchUpSubscription = (
  source: CatchUpSource,
  { after, handler, onError }: SubscribeOptions,
  pageSize = 1000,
): Subscription => {
  let checkpoint = after;
  let closed = false;
  let running: Promise<void> | undefined;
  let wakeAgain = false;
  let failure: unknown;
  let retryMs = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const idleWaiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  const settleWaiters = () => {
    for (const waiter of idleWaiters.splice(0)) {
      if (failure !== undefined) waiter.reject(failure);
      else waiter.resolve();
    }
  };

  const readFailed = (error: unknown) => {
    onError?.(error);
    for (const waiter of idleWaiters.splice(0)) waiter.reject(error);
    retryMs = nextRetryMs(retryMs);
    clearTimeout(retry);
    retry = setTimeout(() => {
      retry = undefined;
      wake();
    }, retryMs);
    retry.unref?.();
  };

  const drain = async (): Promise<void> => {
    do {
      wakeAgain = false;
      for (;;) {
        if (closed || failure !== undefined) return;
        let page: ReadAllPage;
        try {
          page = await source.readAll({ after: checkpoint, maxCount: pageSize });
        } catch (error) {
          if (!closed) readFailed(error);
          return;
        }
        retryMs = 0;
        for (const event of page.events) {
          if (closed) return;
          try {
            await handler(event);
          } catch (error) {
            failure = error;
            onError?.(error, event);
            return;
          }
          checkpoint = event.metadata.globalPosition;
        }
        if (page.isEnd || page.events.length === 0) break;
      }
    } while (wakeAgain);
  };

  const wake = () => {
    if (closed) return;
    if (running) {
      wakeAgain = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
      if (wakeAgain && !closed && failure === undefined) wake();
      else settleWaiters();
    });
  };

  const unsubscribe = source.onAppended(wake);
  wake();

  return {
    checkpoint: () => checkpoint,
    caughtUp: () =>
      new Promise<void>((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        if (closed) return resolve();
        idleWaiters.push({ resolve, reject });
        wake();
      }),
    close: async () => {
      closed = true;
      clearTimeout(retry);
      unsubscribe();
      await running;
      settleWaiters();
    },
  };
};
