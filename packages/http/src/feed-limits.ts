/** Bounds of the event feed (`GET /events/stream`); every field has a default. */
export interface EventFeedLimits {
  /** Open feed connections one caller (token `tenantId` + `sub`) may hold; default 4 (429 beyond). */
  readonly connectionsPerCaller?: number;
  /** Open feed connections in all; default 1000 (503 beyond). */
  readonly connections?: number;
  /** Events read from the log per catch-up page; default 100. A connection holds at most one page (read, then waiting in its socket). */
  readonly catchUpPageSize?: number;
  /**
   * Events of the log one connection may catch up on before the server ends it; the client resumes
   * with `Last-Event-ID` (EventSource does so by itself). Default 50,000.
   */
  readonly catchUpEventsPerConnection?: number;
}

export const FEED_LIMIT_DEFAULTS: Required<EventFeedLimits> = {
  connectionsPerCaller: 4,
  connections: 1000,
  catchUpPageSize: 100,
  catchUpEventsPerConnection: 50_000,
};

/** Checks each limit is a whole number ≥ 1, naming the field that is not. */
export const feedLimitsOf = (given: EventFeedLimits = {}): Required<EventFeedLimits> => {
  const limits = { ...FEED_LIMIT_DEFAULTS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`eventFeed.${name} must be a whole number ≥ 1, got ${String(value)}`);
  }
  return limits;
};

/** Open connections, per caller and in all; `take` refuses one beyond either cap. */
export class FeedConnections {
  private readonly perCaller = new Map<string, number>();
  private total = 0;
  constructor(private readonly limits: Required<EventFeedLimits>) {}

  /** `'caller'` or `'total'` when a cap is reached; otherwise counts the connection and returns its release. */
  take(tenantId: string, sub: string): 'caller' | 'total' | (() => void) {
    // JSON keeps the pair unambiguous whatever characters the claims hold.
    const key = JSON.stringify([tenantId, sub]);
    const held = this.perCaller.get(key) ?? 0;
    if (held >= this.limits.connectionsPerCaller) return 'caller';
    if (this.total >= this.limits.connections) return 'total';
    this.perCaller.set(key, held + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perCaller.get(key) ?? 1) - 1;
      if (left === 0) this.perCaller.delete(key);
      else this.perCaller.set(key, left);
    };
  }
}

/**
 * Turns for catch-up page reads, one per event-loop turn across every connection, first come first
 * served. A store read is synchronous work on this thread (SQLite); between two pages the loop polls
 * the sockets, so requests are answered while hundreds of clients catch up.
 */
export class CatchUpPacer {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}
