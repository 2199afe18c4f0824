import type { EventStore, ReadAllOptions, ReadAllPage } from '../../kernel/event-store.js';

export type PageSource = Pick<EventStore, 'readAll'>;

/**
 * Lets projections that move along the log side by side read each page once. Every page is read with
 * the union of the types they asked for (every type when one of them asked for all) and filtered per
 * reader, so all of them land on the same `nextPosition` and the next page is shared too. The last
 * `keep` full pages are kept; the page at the end of the log is not, since appends may still extend it.
 */
export class SharedPages implements PageSource {
  private readonly union: readonly string[] | undefined;
  private readonly unionSet: ReadonlySet<string>;
  private readonly pages = new Map<string, Promise<ReadAllPage>>();

  constructor(
    private readonly source: PageSource,
    /** The `types` each reader will ask for (`undefined`: every type). */
    readers: readonly (readonly string[] | undefined)[],
    private readonly keep = 4,
  ) {
    this.union = readers.some((types) => types === undefined) ? undefined : [...new Set(readers.flat() as string[])].sort();
    this.unionSet = new Set(this.union);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const { types } = options;
    const wanted = types === undefined ? undefined : new Set(types);
    // A reader not announced at construction reads on its own.
    if (this.union !== undefined && (wanted === undefined || [...wanted].some((type) => !this.unionSet.has(type)))) return this.source.readAll(options);
    const page = await this.read(options.after ?? 0, options.maxCount ?? 1000);
    if (wanted === undefined || (this.union !== undefined && wanted.size === this.unionSet.size)) return page;
    return { ...page, events: page.events.filter((event) => wanted.has(event.type)) };
  }

  private read(after: number, maxCount: number): Promise<ReadAllPage> {
    const key = `${after}/${maxCount}`;
    const kept = this.pages.get(key);
    if (kept !== undefined) return kept;
    const reading = this.source.readAll({ after, maxCount, ...(this.union === undefined ? {} : { types: this.union }) });
    this.pages.set(key, reading);
    if (this.pages.size > this.keep) this.pages.delete(this.pages.keys().next().value as string);
    reading.then(
      (page) => {
        if (page.isEnd) this.forget(key, reading);
      },
      () => this.forget(key, reading),
    );
    return reading;
  }

  private forget(key: string, reading: Promise<ReadAllPage>): void {
    if (this.pages.get(key) === reading) this.pages.delete(key);
  }
}
