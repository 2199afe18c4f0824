/** How many hits a key may make in a window. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Fixed windows counted per key in memory (one server process; docs/tracking.md). `hit` counts and
 * says whether the key is over its limit; `blockedFor` only asks. At most `maxKeys` windows are kept.
 * When they are all in use, windows that ended are dropped first, then windows that block nothing, the
 * fewest hits first, down to nine tenths of the room; a window whose key is spent is never forgotten
 * before it ends, so no spray of new keys gives a spent key its hits back. When every window blocks,
 * a new key waits for the first of them to end (memory stays bounded; the limit keeps holding).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Until when every kept window blocks its key, so a new key has no room. */
  private fullUntil = -Infinity;

  constructor(
    private readonly window: RateWindow,
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a whole number of 1 or more, got ${maxKeys}`);
  }

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string): number {
    const now = this.now();
    const entry = this.current(key, now);
    if (entry === undefined) return this.makeRoom(now) ? 0 : this.fullUntil - now;
    return entry.count >= this.window.limit ? entry.start + this.window.windowMs - now : 0;
  }

  /** Counts one hit of `key`; gives the milliseconds to wait when the hit went over the limit (or found no room), else 0. */
  hit(key: string): number {
    const now = this.now();
    let entry = this.current(key, now);
    if (entry === undefined) {
      if (!this.makeRoom(now)) return this.fullUntil - now;
      entry = { start: now, count: 0 };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    return entry.count > this.window.limit ? entry.start + this.window.windowMs - now : 0;
  }

  /** Takes back one hit of `key` in its current window (a lookup counted before it was known to succeed). */
  release(key: string): void {
    const entry = this.current(key, this.now());
    if (entry !== undefined && entry.count > 0) entry.count -= 1;
  }

  /** How many windows are kept. */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string, now: number): { start: number; count: number } | undefined {
    const entry = this.windows.get(key);
    if (entry === undefined) return undefined;
    if (now - entry.start < this.window.windowMs) return entry;
    this.windows.delete(key);
    return undefined;
  }

  /** Whether a new key may be kept now, dropping what may be dropped when there is no room. */
  private makeRoom(now: number): boolean {
    if (this.windows.size < this.maxKeys) return true;
    if (now < this.fullUntil) return false;
    const { limit, windowMs } = this.window;
    for (const [key, entry] of this.windows) if (now - entry.start >= windowMs) this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) {
      // Forgetting a window that blocks nothing gives its key back fewer than `limit` hits, and takes a
      // tenth of the room in new keys to do again.
      const room = Math.floor(this.maxKeys * 0.9);
      const open = [...this.windows].filter(([, entry]) => entry.count < limit).sort((a, b) => a[1].count - b[1].count);
      for (const [key] of open) {
        if (this.windows.size <= room) break;
        this.windows.delete(key);
      }
    }
    if (this.windows.size < this.maxKeys) return true;
    let firstEnd = Infinity;
    for (const entry of this.windows.values()) firstEnd = Math.min(firstEnd, entry.start + windowMs);
    this.fullUntil = firstEnd;
    return false;
  }
}
