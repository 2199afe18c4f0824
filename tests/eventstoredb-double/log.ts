/**
 * The transaction log of the EventStoreDB double: what the server keeps and decides, with no gRPC.
 * See server.ts for what the double models and what it leaves out.
 */

/** A place in `$all`: a commit and a prepare position (byte offsets in the server's log, not gap-free). */
export interface AllPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface StoredRecord {
  readonly streamName: string;
  /** 0-based revision within its stream. */
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns since 0001-01-01), as the server reports `created`. */
  readonly created: bigint;
  readonly position: AllPosition;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** `any`, `no_stream`, `stream_exists`, or the exact revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: bigint; readonly position: AllPosition }
  | { readonly ok: false; readonly current: bigint | 'no_stream'; readonly expected: ExpectedRevision };

/** The server-side filter of a `$all` subscription: on the stream name or the event type, by prefixes or a regex. */
export interface AllFilter {
  readonly on: 'stream' | 'event-type';
  readonly prefixes: readonly string[];
  readonly regex: string | undefined;
}

export const comparePositions = (a: AllPosition, b: AllPosition): number =>
  a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0;

export const filterMatches = (filter: AllFilter | undefined, record: StoredRecord): boolean => {
  if (filter === undefined) return true;
  const subject = filter.on === 'stream' ? record.streamName : record.type;
  if (filter.prefixes.length > 0) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  return filter.regex === undefined || new RegExp(filter.regex).test(subject);
};

const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
// A record's size in the log: a fixed header and its payload, so positions jump by uneven amounts.
const RECORD_HEADER_BYTES = 120n;

export class DoubleLog {
  readonly records: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly listeners = new Set<(record: StoredRecord) => void>();
  /** The log does not start at 0: the server writes its own records first. */
  private nextPrepare = 1_024n;

  stream(streamName: string): readonly StoredRecord[] | undefined {
    return this.streams.get(streamName);
  }

  /**
   * Appends atomically when the expectation holds. A retried append whose events (by id) already
   * follow the expected revision succeeds again without writing them twice, as the server's
   * idempotent writes do.
   */
  append(streamName: string, expected: ExpectedRevision, events: readonly ProposedEvent[], now: Date): AppendOutcome {
    const existing = this.streams.get(streamName);
    const current = existing === undefined || existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
    const retried = this.alreadyAppended(existing ?? [], expected, events);
    if (retried !== undefined) return retried;
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!holds) return { ok: false, current, expected };
    if (events.length === 0) {
      const last = existing?.at(-1);
      return { ok: true, currentRevision: current === 'no_stream' ? -1n : current, position: last?.position ?? { commit: this.nextPrepare, prepare: this.nextPrepare } };
    }
    const records = existing ?? [];
    if (existing === undefined) this.streams.set(streamName, records);
    const commit = this.nextPrepare;
    const created = BigInt(now.getTime()) * 10_000n + TICKS_AT_UNIX_EPOCH;
    const written: StoredRecord[] = [];
    for (const event of events) {
      const record: StoredRecord = {
        streamName,
        revision: BigInt(records.length),
        id: event.id,
        type: event.type,
        contentType: event.contentType,
        data: event.data,
        customMetadata: event.customMetadata,
        created,
        position: { commit, prepare: this.nextPrepare },
      };
      this.nextPrepare += RECORD_HEADER_BYTES + BigInt(event.data.length + event.customMetadata.length + streamName.length);
      records.push(record);
      this.records.push(record);
      written.push(record);
    }
    const last = written.at(-1) as StoredRecord;
    // A subscriber that fails (its call went away) must not fail the append that woke it.
    for (const listener of [...this.listeners]) {
      try {
        for (const record of written) listener(record);
      } catch {
        this.listeners.delete(listener);
      }
    }
    return { ok: true, currentRevision: last.revision, position: last.position };
  }

  private alreadyAppended(records: readonly StoredRecord[], expected: ExpectedRevision, events: readonly ProposedEvent[]): AppendOutcome | undefined {
    if (events.length === 0) return undefined;
    const first = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : undefined;
    if (first === undefined || records.length < first + events.length) return undefined;
    const same = events.every((event, i) => records[first + i]?.id === event.id);
    if (!same) return undefined;
    const last = records[first + events.length - 1] as StoredRecord;
    return { ok: true, currentRevision: last.revision, position: last.position };
  }

  /** Records of `$all` strictly after `position` (from the start when undefined), in log order. */
  allAfter(position: AllPosition | undefined): StoredRecord[] {
    return position === undefined ? [...this.records] : this.records.filter((record) => comparePositions(record.position, position) > 0);
  }

  /** Records of `$all` at or after `position`, for a forward read. */
  allFrom(position: AllPosition): StoredRecord[] {
    return this.records.filter((record) => comparePositions(record.position, position) >= 0);
  }

  /** Records of `$all` strictly before `position`, newest first, for a backward read. */
  allBefore(position: AllPosition | undefined): StoredRecord[] {
    const before = position === undefined ? [...this.records] : this.records.filter((record) => comparePositions(record.position, position) < 0);
    return before.reverse();
  }

  /** The position a subscription from the end starts after. */
  end(): AllPosition | undefined {
    return this.records.at(-1)?.position;
  }

  onAppended(listener: (record: StoredRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
