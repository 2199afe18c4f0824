/**
 * A double of EventStoreDB's gRPC Streams service, served over the wire with @grpc/grpc-js and the
 * service definitions that @eventstore/db-client ships, so the store adapter is tested through the
 * real client without a server (none can be installed on the project's machines).
 *
 * What it models, after EventStoreDB's documented semantics:
 * - Append (client stream): expected revision `any`, `no_stream`, `stream_exists` or an exact
 *   revision; a wrong one answers WrongExpectedVersion with the stream's current revision (or
 *   no stream); events of one append are atomic, share a commit position and take growing prepare
 *   positions; positions are byte offsets, so they are not gap-free; a retried append whose event ids
 *   already follow the expected revision succeeds without writing twice (idempotent writes).
 * - Read of a stream, forwards or backwards, from the start, the end or a revision, with a count;
 *   a stream that does not exist answers StreamNotFound.
 * - Read of `$all`, forwards (from a position, inclusive) or backwards (before a position).
 * - Subscriptions to a stream (after a revision) and to `$all` (after a position), with a server-side
 *   filter on the stream name or the event type (prefixes or a regex) and checkpoints every
 *   `max search window × checkpoint multiplier` records looked at: a confirmation first, the
 *   historical events, `CaughtUp`, then live events.
 * - Faults on demand (`failNext`): not-leader (with the leader's endpoint, itself), deadline exceeded
 *   (optionally after the append was applied, as when the reply is lost) and unavailable; a read or a
 *   subscription can fail after sending some events (the connection lost part-way).
 *
 * What it does not model: authentication and access control lists, TLS, cluster gossip and node
 * roles (not-leader is only a fault on demand), BatchAppend and the ServerFeatures service (the
 * client falls back to Append), persistent subscriptions, stream deletes and tombstones, stream
 * metadata ($maxAge, $maxCount, truncation), `$`-system streams and system events in `$all`, link
 * events and resolving them, projections, scavenging, structured UUIDs in replies, max append size,
 * subscriptions falling behind, and durability: the log lives in memory and ends with the double.
 */
import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { AppendReq as AppendReqT, ReadReq as ReadReqT, ReadResp as ReadRespT, AppendResp as AppendRespT } from '@eventstore/db-client/generated/streams_pb.js';
import {
  DoubleLog,
  filterMatches,
  type AllFilter,
  type AllPosition,
  type ExpectedRevision,
  type ProposedEvent,
  type StoredRecord,
} from './log.js';

const { ReadResp, AppendResp } = streamsPb;
const { Empty, UUID, StreamIdentifier } = sharedPb;

export type Fault = 'not-leader' | 'deadline-exceeded' | 'unavailable';

export interface PlannedFault {
  /** `none` lets the call through: a plan can fail the second call and not the first. */
  readonly fault: Fault | 'none';
  /** For appends: apply the append, then fail (the reply was lost). */
  readonly afterApply?: boolean;
  /** For reads and subscriptions: send this many events, then fail (the connection lost part-way). */
  readonly afterEvents?: number;
}

export interface EventStoreDbDouble {
  /** A connection string for @eventstore/db-client: `esdb://127.0.0.1:<port>?tls=false`. */
  readonly url: string;
  readonly log: DoubleLog;
  /** Fails the next call of `method` with `fault`. */
  failNext(method: 'append' | 'read', fault: PlannedFault): void;
  /** How many calls of each method reached the double (retries included). */
  readonly calls: { append: number; read: number };
  /** Ends every live subscription cleanly, as a server shedding its subscriptions (a restart of a node) does. */
  endSubscriptions(): void;
  close(): Promise<void>;
}

const ofUuid = (uuid: InstanceType<typeof UUID> | undefined): string => {
  if (uuid === undefined) return randomUUID();
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (structured === undefined) return randomUUID();
  const hex = (BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
    BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0'));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const streamNameOf = (identifier: InstanceType<typeof StreamIdentifier> | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const identifierOf = (streamName: string) => {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(streamName, 'utf8'));
  return identifier;
};

const faultError = (fault: Fault, port: number): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  switch (fault) {
    case 'not-leader':
      metadata.set('exception', 'not-leader');
      metadata.set('leader-endpoint-host', '127.0.0.1');
      metadata.set('leader-endpoint-port', String(port));
      return { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata };
    case 'deadline-exceeded':
      return { code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded', metadata };
    case 'unavailable':
      return { code: grpc.status.UNAVAILABLE, details: 'Server Is Not Ready', metadata };
  }
};

const readEventOf = (record: StoredRecord): ReadRespT => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(identifierOf(record.streamName));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setCommitPosition(record.position.commit.toString());
  recorded.setPreparePosition(record.position.prepare.toString());
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('content-type', record.contentType);
  recorded.getMetadataMap().set('created', record.created.toString());
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(record.position.commit.toString());
  const response = new ReadResp();
  response.setEvent(event);
  return response;
};

const positionOf = (position: { getCommitPosition(): string; getPreparePosition(): string } | undefined): AllPosition | undefined =>
  position === undefined ? undefined : { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };

const filterOf = (options: InstanceType<typeof streamsPb.ReadReq.Options>): { filter: AllFilter | undefined; checkpointEvery: number } => {
  if (!options.hasFilter()) return { filter: undefined, checkpointEvery: 0 };
  const filterOptions = options.getFilter() as InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;
  const on = filterOptions.hasEventType() ? 'event-type' : 'stream';
  const expression = on === 'event-type' ? filterOptions.getEventType() : filterOptions.getStreamIdentifier();
  const regex = expression?.getRegex();
  const window = filterOptions.hasMax() ? filterOptions.getMax() : 32;
  return {
    filter: { on, prefixes: expression?.getPrefixList() ?? [], regex: regex === undefined || regex === '' ? undefined : regex },
    checkpointEvery: Math.max(1, window * Math.max(1, filterOptions.getCheckpointintervalmultiplier())),
  };
};

/** A planned fault that lets some events through first. */
type Cut = { readonly events: number; readonly fault: Fault };

/** Starts the double on a free loopback port. */
export const startEventStoreDbDouble = async (): Promise<EventStoreDbDouble> => {
  const log = new DoubleLog();
  const planned = { append: [] as PlannedFault[], read: [] as PlannedFault[] };
  const calls = { append: 0, read: 0 };
  const live = new Set<grpc.ServerWritableStream<ReadReqT, ReadRespT>>();
  let port = 0;

  const append: grpc.handleClientStreamingCall<AppendReqT, AppendRespT> = (call, callback) => {
    calls.append++;
    let streamName: string | undefined;
    let expected: ExpectedRevision = 'any';
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReqT) => {
      if (request.hasOptions()) {
        const options = request.getOptions() as InstanceType<typeof streamsPb.AppendReq.Options>;
        streamName = streamNameOf(options.getStreamIdentifier());
        expected = options.hasRevision()
          ? BigInt(options.getRevision())
          : options.hasNoStream()
            ? 'no_stream'
            : options.hasStreamExists()
              ? 'stream_exists'
              : 'any';
        return;
      }
      const message = request.getProposedMessage();
      if (message === undefined) return;
      const metadata = message.getMetadataMap();
      events.push({
        id: ofUuid(message.getId()),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      });
    });
    call.on('end', () => {
      const plannedFault = planned.append.shift();
      const fault = plannedFault?.fault === 'none' ? undefined : plannedFault;
      if (fault !== undefined && fault.afterApply !== true) return callback(faultError(fault.fault as Fault, port), null);
      if (streamName === undefined || streamName === '') {
        return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'an append names its stream first' }, null);
      }
      const outcome = log.append(streamName, expected, events, new Date());
      if (fault !== undefined) return callback(faultError(fault.fault as Fault, port), null);
      const response = new AppendResp();
      if (outcome.ok) {
        const success = new AppendResp.Success();
        if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        const position = new AppendResp.Position();
        position.setCommitPosition(outcome.position.commit.toString());
        position.setPreparePosition(outcome.position.prepare.toString());
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        const e = outcome.expected;
        if (e === 'any') wrong.setExpectedAny(new Empty());
        else if (e === 'no_stream') wrong.setExpectedNoStream(new Empty());
        else if (e === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedRevision(e.toString());
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  };

  const read: grpc.handleServerStreamingCall<ReadReqT, ReadRespT> = (call) => {
    calls.read++;
    const fault = planned.read.shift();
    if (fault !== undefined && fault.fault !== 'none' && fault.afterEvents === undefined) {
      call.emit('error', faultError(fault.fault as Fault, port));
      return;
    }
    const cut = fault?.afterEvents === undefined || fault.fault === 'none' ? undefined : { events: fault.afterEvents, fault: fault.fault };
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'a read has options' });
      return;
    }
    const backwards = options.getReadDirection() === 1;
    const count = options.hasCount() ? BigInt(options.getCount()) : -1n;
    const { filter, checkpointEvery } = filterOf(options);
    const subscribing = options.hasSubscription();

    if (options.hasStream()) {
      const streamOptions = options.getStream() as InstanceType<typeof streamsPb.ReadReq.Options.StreamOptions>;
      const streamName = streamNameOf(streamOptions.getStreamIdentifier());
      const records = log.stream(streamName) ?? [];
      if (subscribing) {
        const after = streamOptions.hasRevision() ? BigInt(streamOptions.getRevision()) : streamOptions.hasEnd() ? BigInt(records.length - 1) : -1n;
        return subscribe(call, records.filter((record) => record.revision > after), (record) => record.streamName === streamName, 0, undefined, cut);
      }
      if (records.length === 0) {
        const response = new ReadResp();
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(identifierOf(streamName));
        response.setStreamNotFound(notFound);
        call.write(response);
        call.end();
        return;
      }
      const last = BigInt(records.length - 1);
      const from = streamOptions.hasRevision() ? BigInt(streamOptions.getRevision()) : streamOptions.hasEnd() ? last : backwards ? last : 0n;
      const selected = backwards
        ? records.filter((record) => record.revision <= from).reverse()
        : records.filter((record) => record.revision >= from && !(streamOptions.hasEnd()));
      writeAll(call, selected.filter((record) => filterMatches(filter, record)), count, cut);
      return;
    }

    const allOptions = options.getAll() as InstanceType<typeof streamsPb.ReadReq.Options.AllOptions>;
    const position = allOptions.hasPosition() ? positionOf(allOptions.getPosition()) : undefined;
    if (subscribing) {
      const after = allOptions.hasEnd() ? log.end() : position;
      const historical = allOptions.hasEnd() ? [] : log.allAfter(after);
      return subscribe(call, historical, () => true, checkpointEvery, filter, cut);
    }
    const selected = backwards
      ? allOptions.hasStart()
        ? []
        : log.allBefore(position)
      : allOptions.hasEnd()
        ? []
        : position === undefined
          ? [...log.records]
          : log.allFrom(position);
    writeAll(call, selected.filter((record) => filterMatches(filter, record)), count, cut);
  };

  const writeAll = (call: grpc.ServerWritableStream<ReadReqT, ReadRespT>, records: readonly StoredRecord[], count: bigint, cut: Cut | undefined) => {
    const limited = count < 0n ? records : records.slice(0, Number(count));
    for (const record of cut === undefined ? limited : limited.slice(0, cut.events)) call.write(readEventOf(record));
    if (cut !== undefined && limited.length > cut.events) call.emit('error', faultError(cut.fault, port));
    else call.end();
  };

  const subscribe = (
    call: grpc.ServerWritableStream<ReadReqT, ReadRespT>,
    historical: readonly StoredRecord[],
    belongs: (record: StoredRecord) => boolean,
    checkpointEvery: number,
    filter: AllFilter | undefined,
    cut: Cut | undefined,
  ) => {
    live.add(call);
    const confirmation = new ReadResp();
    const confirmed = new ReadResp.SubscriptionConfirmation();
    confirmed.setSubscriptionId(randomUUID());
    confirmation.setConfirmation(confirmed);
    call.write(confirmation);
    let lookedAt = 0;
    let sent = 0;
    let failed = false;
    const deliver = (record: StoredRecord) => {
      if (failed || call.cancelled || call.writableEnded || call.destroyed) return;
      if (!belongs(record)) return;
      if (filterMatches(filter, record)) {
        if (cut !== undefined && sent === cut.events) {
          failed = true;
          call.emit('error', faultError(cut.fault, port));
          return;
        }
        call.write(readEventOf(record));
        sent++;
      }
      lookedAt++;
      if (checkpointEvery > 0 && lookedAt % checkpointEvery === 0) {
        const checkpoint = new ReadResp.Checkpoint();
        checkpoint.setCommitPosition(record.position.commit.toString());
        checkpoint.setPreparePosition(record.position.prepare.toString());
        const response = new ReadResp();
        response.setCheckpoint(checkpoint);
        call.write(response);
      }
    };
    // Appends made while the history is written are queued behind it, so nothing is sent twice or skipped.
    const pending: StoredRecord[] = [];
    let replaying = true;
    const unsubscribe = log.onAppended((record) => (replaying ? pending.push(record) : deliver(record)));
    for (const record of historical) deliver(record);
    for (const record of pending) deliver(record);
    replaying = false;
    const stop = () => {
      unsubscribe();
      live.delete(call);
    };
    if (failed) return stop();
    const caughtUp = new ReadResp();
    caughtUp.setCaughtUp(new ReadResp.CaughtUp());
    call.write(caughtUp);
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
  };

  const server = new grpc.Server();
  const service: Partial<Record<string, grpc.UntypedHandleCall>> = {
    read,
    append,
    delete: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'the double keeps every stream' }, null),
    tombstone: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'the double keeps every stream' }, null),
    batchAppend: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'BatchAppend is not modelled' }),
  };
  server.addService(streamsGrpc.StreamsService, service as grpc.UntypedServiceImplementation);
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    calls,
    failNext: (method, fault) => void planned[method].push(fault),
    endSubscriptions: () => {
      for (const call of [...live]) call.end();
      live.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const call of live) call.end();
        live.clear();
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 500).unref();
      }),
  };
};
