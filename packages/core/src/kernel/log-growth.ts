/**
 * What tells a store's catch-up subscriptions that its log grew (`onAppended` of a `CatchUpSource`):
 * the store itself after each of its commits (`announce`), and, while anyone listens, a look at the
 * log's head every `pollIntervalMs` (0: never) for appends made by other processes on the same log.
 * Listeners are woken once per head that moved past the last one they were told of. A head that cannot
 * be read wakes nobody: the next look tries again, and a subscription's own read reports a log that is
 * gone for good.
 */
export class LogGrowth {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private looking = false;

  constructor(
    /** The log's head as stored now (another process's appends included). */
    private readonly head: () => number | Promise<number>,
    private readonly pollIntervalMs: number,
    /** The head the listeners start from. */
    private announced = 0,
  ) {}

  readonly onAppended = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.timer === undefined && this.pollIntervalMs > 0) {
      this.timer = setInterval(() => void this.look(), this.pollIntervalMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopLooking();
    };
  };

  /** The log now ends at `position`: listeners are woken if it moved past what they were told. */
  announce(position: number): void {
    if (this.listeners.size === 0 || position <= this.announced) return;
    this.announced = position;
    for (const listener of [...this.listeners]) listener();
  }

  /** Stops looking and forgets every listener (the store is closing). */
  close(): void {
    this.stopLooking();
    this.listeners.clear();
  }

  private async look(): Promise<void> {
    if (this.looking) return;
    this.looking = true;
    try {
      this.announce(await this.head());
    } catch {
      // Nobody is woken; the next look tries again.
    } finally {
      this.looking = false;
    }
  }

  private stopLooking(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
