/** How many hits a key may make in a window. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Fixed windows counted per key in memory (one server process; docs/tracking.md). `hit` counts and
 * says whether the key is over its limit; `blockedFor` only asks. Windows that ended are swept when the
 * map grows, so memory stays bounded by the keys seen in one window.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly window: RateWindow,
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string): number {
    const entry = this.current(key);
    return entry !== undefined && entry.count >= this.window.limit ? entry.start + this.window.windowMs - this.now() : 0;
  }

  /** Counts one hit of `key`; gives the milliseconds to wait when the hit went over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    let entry = this.current(key);
    if (entry === undefined) {
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      entry = { start: now, count: 0 };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    return entry.count > this.window.limit ? entry.start + this.window.windowMs - now : 0;
  }

  /** Takes back one hit of `key` in its current window (a lookup counted before it was known to succeed). */
  release(key: string): void {
    const entry = this.current(key);
    if (entry !== undefined && entry.count > 0) entry.count -= 1;
  }

  private current(key: string): { start: number; count: number } | undefined {
    const entry = this.windows.get(key);
    if (entry === undefined) return undefined;
    if (this.now() - entry.start < this.window.windowMs) return entry;
    this.windows.delete(key);
    return undefined;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.windows) if (now - entry.start >= this.window.windowMs) this.windows.delete(key);
    // Still full of live windows: forget the oldest rather than grow without bound.
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}
