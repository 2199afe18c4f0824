import type { ReadAllPage, ReadAllOptions, SubscribeOptions, Subscription } from './event-store.js';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<ReadAllPage>;
  /** Registers a callback run after each committed append; returns a function that removes it. */
  onAppended(listener: () => void): () => void;
}

/**
 * A subscription that pages through the log from a checkpoint, then waits for appends. Events reach
 * the handler one at a time, in global order; a handler that throws stops the subscription at that
 * event, so its checkpoint still names the last event it completed.
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
  const idleWaiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  const settleWaiters = () => {
    for (const waiter of idleWaiters.splice(0)) {
      if (failure !== undefined) waiter.reject(failure);
      else waiter.resolve();
    }
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
          if (!closed) failure = error;
          return;
        }
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
      unsubscribe();
      await running;
      settleWaiters();
    },
  };
};
