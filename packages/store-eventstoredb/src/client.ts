import {
  EventStoreDBClient,
  jsonEvent,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  BACKWARDS,
  END,
  FORWARDS,
  START,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';

export { clientConnectionString } from './client-url.js';

// The only module that touches @eventstore/db-client. Its successor, @kurrent/kurrentdb-client, has
// the same API under new names (KurrentDBClient, kurrentdb:// URLs): moving to it changes this file.

/** A place in `$all`. */
export interface WirePosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** An event as the adapter hands it to the server: JSON data and a JSON metadata object. */
export interface WireEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

/** An event as the server returns it, decoded no further than the client decodes it. */
export interface WireRecord {
  readonly streamName: string;
  /** 0-based revision in its stream. */
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  /** Parsed JSON; the raw text when it did not parse; bytes when the event is not JSON. */
  readonly data: unknown;
  /** Parsed JSON; bytes when it did not parse; undefined when absent. */
  readonly metadata: unknown;
  readonly position: WirePosition | undefined;
}

/** `no_stream`, or the revision of the stream's last event. */
export type WireExpectedRevision = 'no_stream' | bigint;

export type WireAppendOutcome =
  | { readonly ok: true; readonly revision: bigint; readonly position: WirePosition | undefined }
  | { readonly ok: false; readonly current: bigint | 'no_stream' };

/** How a failed call should be treated: the kinds the client names, or anything else. */
export type WireFailure = 'not-leader' | 'unavailable' | 'deadline' | 'other';

/** A filtered catch-up read of `$all`, pulled one item at a time; `caught-up` when the history is read. */
export interface WireAllReader {
  next(): Promise<WireRecord | 'caught-up'>;
  close(): Promise<void>;
}

export interface WireConnection {
  append(streamName: string, expected: WireExpectedRevision, events: readonly WireEvent[]): Promise<WireAppendOutcome>;
  /** Events of a stream from `fromRevision`, forwards or backwards; undefined when the stream does not exist. */
  readStream(streamName: string, options: { readonly fromRevision: bigint | 'start' | 'end'; readonly maxCount: number; readonly backwards?: boolean }): Promise<WireRecord[] | undefined>;
  /** `$all` backwards from `before` (from the end when undefined), unfiltered: the client's reads take no filter. */
  readAllBackwards(before: WirePosition | undefined, maxCount: number): Promise<WireRecord[]>;
  /** `$all` after `after`, filtered by the server on stream-name prefixes. */
  readAllFiltered(after: WirePosition | 'start', streamPrefixes: readonly string[]): WireAllReader;
  /** Calls `onEvent` for each event appended from now on to a stream with one of the prefixes. */
  watchAll(streamPrefixes: readonly string[], onEvent: () => void, onError: (error: unknown) => void): () => Promise<void>;
  classify(error: unknown): WireFailure;
  close(): Promise<void>;
}

const recordOf = (resolved: ResolvedEvent): WireRecord | undefined => {
  const event = resolved.event;
  if (event === undefined) return undefined;
  return {
    streamName: event.streamId,
    revision: event.revision,
    type: event.type,
    isJson: event.isJson,
    data: event.data,
    metadata: event.metadata,
    position: 'position' in event && event.position !== undefined ? { commit: event.position.commit, prepare: event.position.prepare } : undefined,
  };
};

const collect = async (read: AsyncIterable<ResolvedEvent>): Promise<WireRecord[]> => {
  const records: WireRecord[] = [];
  for await (const resolved of read) {
    const record = recordOf(resolved);
    if (record !== undefined) records.push(record);
  }
  return records;
};

/** Pulls from a subscription in paused mode, so `caught-up` is seen after the events before it. */
const pullReader = (subscription: AllStreamSubscription): WireAllReader => {
  let caughtUp = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  subscription.on('caughtUp', () => {
    caughtUp = true;
    notify();
  });
  subscription.on('error', (error: unknown) => {
    failure = error;
    notify();
  });
  subscription.on('readable', notify);
  subscription.on('end', notify);
  return {
    next: async () => {
      for (;;) {
        const item = subscription.read() as ResolvedEvent | null;
        if (item !== null) {
          const record = recordOf(item);
          if (record !== undefined) return record;
          continue;
        }
        if (failure !== undefined) throw failure;
        if (caughtUp) return 'caught-up';
        if (subscription.readableEnded || subscription.destroyed) throw new Error('the $all subscription ended before it caught up');
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close: async () => {
      await subscription.unsubscribe();
      subscription.destroy();
    },
  };
};


/**
 * An HTTP/2 stream reset when the connection under it closed (gRPC INTERNAL, "RST_STREAM"): the
 * client names it unknown, but it is the connection failing, and grpc-js opens a new one on the next call.
 */
const connectionReset = (error: unknown): boolean =>
  error instanceof UnknownError && (error as { code?: unknown }).code === 13 && /RST_STREAM|Session closed/.test(error.message);

/** Connects to `connectionString` (`esdb://…`, `esdb+discover://…`); the client connects lazily. */
export const connectWire = (connectionString: string): WireConnection => {
  const client = EventStoreDBClient.connectionString(connectionString);
  return {
    append: async (streamName, expected, events) => {
      try {
        const result = await client.appendToStream(
          streamName,
          events.map((event) => jsonEvent({ id: event.id, type: event.type, data: event.data as never, metadata: event.metadata })),
          { expectedRevision: expected satisfies AppendExpectedRevision },
        );
        return { ok: true, revision: result.nextExpectedRevision, position: result.position };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          const current = error.actualVersion;
          return { ok: false, current: typeof current === 'bigint' ? current : 'no_stream' };
        }
        throw error;
      }
    },
    readStream: async (streamName, { fromRevision, maxCount, backwards = false }) => {
      try {
        return await collect(
          client.readStream(streamName, {
            fromRevision: fromRevision === 'start' ? START : fromRevision === 'end' ? END : fromRevision,
            maxCount,
            direction: backwards ? BACKWARDS : FORWARDS,
          }),
        );
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
    },
    readAllBackwards: (before, maxCount) =>
      collect(client.readAll({ fromPosition: before ?? END, maxCount, direction: BACKWARDS })),
    readAllFiltered: (after, streamPrefixes) =>
      pullReader(
        client.subscribeToAll({
          fromPosition: after === 'start' ? START : after,
          filter: streamNameFilter({ prefixes: [...streamPrefixes] }),
        }),
      ),
    watchAll: (streamPrefixes, onEvent, onError) => {
      const subscription = client.subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [...streamPrefixes] }) });
      let stopped = false;
      subscription.on('data', () => onEvent());
      subscription.on('error', onError);
      // A live subscription the server ends cleanly (a node shedding its subscriptions) watches nothing more: a failure too.
      subscription.on('end', () => {
        if (!stopped) onError(new Error('the server ended the live subscription to $all'));
      });
      return async () => {
        stopped = true;
        await subscription.unsubscribe();
        subscription.destroy();
      };
    },
    classify: (error) =>
      error instanceof NotLeaderError
        ? 'not-leader'
        : error instanceof UnavailableError || connectionReset(error)
          ? 'unavailable'
          : error instanceof DeadlineExceededError
            ? 'deadline'
            : 'other',
    close: () => client.dispose(),
  };
};
