interface Waiting {
  readonly at: number;
  readonly order: number;
  readonly release: () => void;
  readonly abort: (error: unknown) => void;
}

/**
 * Runs many stories (a dossier's life, a feedback's handling) together so that their commands reach
 * the log in business-time order, as they would at a real desk. Each story awaits `at(occurredAt)`
 * before each command; once every story is waiting, the earliest is let through (ties: first to ask).
 * One story runs at a time, so the order is the same on every run.
 */
export class BusinessTime {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private order = 0;
  private failure: unknown;

  /** Runs the stories to the end; rejects with the first story's error (the others are stopped). */
  async run(stories: readonly (() => Promise<unknown>)[]): Promise<void> {
    this.running += stories.length;
    const outcomes = await Promise.allSettled(
      stories.map(async (story) => {
        try {
          await story();
        } catch (error) {
          this.stop(error);
          throw error;
        } finally {
          this.running--;
          this.dispatch();
        }
      }),
    );
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed !== undefined) throw this.failure ?? failed.reason;
  }

  /** Waits until every other story has reached `occurredAt` or later. */
  at(occurredAt: string): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const at = Date.parse(occurredAt);
    if (Number.isNaN(at)) return Promise.reject(new RangeError(`not an instant: ${occurredAt}`));
    return new Promise<void>((release, abort) => {
      this.waiting.push({ at, order: this.order++, release, abort });
      this.running--;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.running > 0 || this.waiting.length === 0) return;
    let next = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      const candidate = this.waiting[i]!;
      const best = this.waiting[next]!;
      if (candidate.at < best.at || (candidate.at === best.at && candidate.order < best.order)) next = i;
    }
    const [chosen] = this.waiting.splice(next, 1);
    this.running++;
    chosen!.release();
  }

  private stop(error: unknown): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) {
      this.running++;
      waiting.abort(this.failure);
    }
  }
}
