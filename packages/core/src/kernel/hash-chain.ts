import * as crypto from 'node:crypto';
import { upgradedStreamId } from './tenant.js';

/** The `previousHash` of the first event in a log. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: its place in the log and the JSON texts exactly as stored. */
export interface EventHashInput {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** A stored event as a verifier sees it. */
export interface HashChainRow extends EventHashInput {
  readonly previousHash: string;
  readonly hash: string;
  /**
   * The stream id the event was recorded and hashed under, when an upgrade has since moved it to its
   * province's stream (docs/adr/0011-province-in-stream-ids.md); absent when that is `streamId`.
   */
  readonly hashedStreamId?: string;
}

/** What the row's hash was computed over: its content, under the stream id it was recorded in. */
const hashInputOf = (row: HashChainRow): EventHashInput =>
  row.hashedStreamId === undefined ? row : { ...row, streamId: row.hashedStreamId };

/**
 * Why a moved row is not where the upgrade puts it, or undefined when it is: an upgrade renames
 * `<kind>-<id>` to `<kind>-<province>:<id>` with the province of the event's own (hashed) metadata,
 * so a row moved to any other stream is caught even though its hash still matches.
 */
export const streamMoveProblem = (row: Pick<HashChainRow, 'streamId' | 'hashedStreamId' | 'metadataJson'>): string | undefined => {
  if (row.hashedStreamId === undefined) return undefined;
  let tenantId: unknown;
  try {
    tenantId = (JSON.parse(row.metadataJson) as { tenantId?: unknown } | null)?.tenantId;
  } catch {
    tenantId = undefined;
  }
  const expected = upgradedStreamId(row.hashedStreamId, tenantId);
  if (expected === row.streamId) return undefined;
  return expected === undefined
    ? `it was recorded in stream ${row.hashedStreamId}, which no upgrade moves (province ${JSON.stringify(tenantId)}), yet it is stored in ${row.streamId}`
    : `it was recorded in stream ${row.hashedStreamId}, which the upgrade moves to ${expected}, yet it is stored in ${row.streamId}`;
};

/**
 * SHA-256 (hex) of the event and the hash of the event before it in global order.
 *
 * The hashed text is UTF-8 of
 * `v1\n<previousHash>\n<globalPosition>\n<streamVersion>\n` followed by `<byteLength>:<text>\n` for
 * streamId, type, dataJson and metadataJson in that order. Every variable-length field carries its
 * UTF-8 byte length, so no two different events share an encoding, and a verifier in any language
 * can rebuild it. The JSON texts are hashed as stored: no canonicalisation, no second encoding.
 */
export const computeEventHash = (previousHash: string, event: EventHashInput): string =>
  sha256Hex(
    `v1\n${previousHash}\n${event.globalPosition}\n${event.streamVersion}\n` +
      `${streamIdBytes(event.streamId)}:${event.streamId}\n` +
      `${typeBytes(event.type)}:${event.type}\n` +
      `${Buffer.byteLength(event.dataJson)}:${event.dataJson}\n` +
      `${Buffer.byteLength(event.metadataJson)}:${event.metadataJson}\n`,
  );

/**
 * UTF-8 byte lengths of the short texts events repeat, remembered rather than measured for each event
 * (a call into the runtime each): the stream id of the event before (an append's events share it)
 * and the event types, a few dozen.
 */
let lastStreamId = '';
let lastStreamIdBytes = 0;
const streamIdBytes = (streamId: string): number => {
  if (streamId !== lastStreamId) {
    lastStreamIdBytes = Buffer.byteLength(streamId);
    lastStreamId = streamId;
  }
  return lastStreamIdBytes;
};
const TYPES_REMEMBERED = 1024;
const typeLengths = new Map<string, number>();
const typeBytes = (type: string): number => {
  let bytes = typeLengths.get(type);
  if (bytes === undefined) {
    bytes = Buffer.byteLength(type);
    if (typeLengths.size < TYPES_REMEMBERED) typeLengths.set(type, bytes);
  }
  return bytes;
};

// The one-shot `crypto.hash` (Node >= 20.12) is about 40% faster than createHash on short inputs.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * - `altered`: an event's content, position or stored hash no longer matches its hash, or an event
 *   was changed and re-hashed (then the event after it still names the old hash), or it was moved to
 *   a stream other than the one an upgrade gives its recorded stream;
 * - `removed`: global positions skip, or stop short of the store's head: the events at the missing
 *   positions are gone, and with them their streams and versions; the report names the positions,
 *   and the event after them, where the chain breaks;
 * - `reordered`: the named event holds content, or a place in the chain, that belongs elsewhere in
 *   the log (rows swapped or positions renumbered);
 */
export type HashChainProblem = 'altered' | 'removed' | 'reordered';

export type VerifyReport =
  | {
      readonly ok: true;
      /** How many events were checked. */
      readonly events: number;
      /** Hash of the last event (or the start hash for an empty log): keep it elsewhere as an anchor. */
      readonly lastHash: string;
      readonly lastPosition: number;
    }
  | {
      readonly ok: false;
      readonly problem: HashChainProblem;
      /** The first bad event; for `removed`, the first missing position. */
      readonly globalPosition: number;
      /** Its stream and version; `''` and 0 for `removed`: the row is gone, and what it held with it. */
      readonly streamId: string;
      readonly streamVersion: number;
      /** For `removed`: the positions missing, and the event after them where the chain breaks (none when they were cut off the end). */
      readonly missing?: { readonly first: number; readonly last: number; readonly next?: EventPlace };
      readonly message: string;
      /** Events found good before the bad one. */
      readonly events: number;
    };

/** Where an event is in the log. */
export interface EventPlace {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamVersion: number;
}

/** `position 4` or `positions 4..6`. */
export const positionsText = (first: number, last: number): string => (first === last ? `position ${first}` : `positions ${first}..${last}`);

/** A report of the events at `first..last` removed, before `next` when they were not cut off the end. */
const removed = (first: number, last: number, events: number, message: string, next?: EventPlace): VerifyReport => ({
  ok: false,
  problem: 'removed',
  globalPosition: first,
  streamId: '',
  streamVersion: 0,
  missing: { first, last, ...(next === undefined ? {} : { next: { globalPosition: next.globalPosition, streamId: next.streamId, streamVersion: next.streamVersion } }) },
  message,
  events,
});

export interface VerifyHashChainOptions {
  /** Verify a suffix of the log: the position and hash of the last event already trusted. */
  readonly start?: { readonly afterPosition: number; readonly previousHash: string };
  /**
   * The last position the store says it handed out (its own counter, read before the walk): a chain
   * that ends before it lost its newest events, which the chain alone cannot show.
   */
  readonly head?: number;
}

type Rows = Iterable<HashChainRow> | AsyncIterable<HashChainRow>;

/**
 * Walks rows in global order and checks that each names the hash of the one before and that its own
 * hash matches its content. Stops at the first bad event; to say what happened to it, it reads on
 * through the rest of the rows (only then), looking for where the missing link or content went.
 *
 * The chain shows changes made without recomputing every later hash, and, given the store's `head`,
 * the newest events dropped. Whoever can write the file can also rebuild the whole chain, or drop the
 * newest events and set the store's counter back, which leaves a valid shorter chain: compare
 * `lastHash` with an anchor kept elsewhere (an audit export, a signed daily note) to rule those out.
 */
export const verifyHashChain = async (rows: Rows, options: VerifyHashChainOptions = {}): Promise<VerifyReport> => {
  let expectedPrevious = options.start?.previousHash ?? GENESIS_HASH;
  let lastPosition = options.start?.afterPosition ?? 0;
  let previousRow: HashChainRow | undefined;
  let count = 0;
  const iterator = iterate(rows);
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      const head = options.head ?? 0;
      if (lastPosition >= head) return { ok: true, events: count, lastHash: expectedPrevious, lastPosition };
      const missing = `${positionsText(lastPosition + 1, head)} ${head === lastPosition + 1 ? 'is' : 'are'}`;
      return removed(lastPosition + 1, head, count, `the log ends at position ${lastPosition}, but the store handed out positions up to ${head}: ${missing} missing at its end`);
    }
    const row = next.value;
    const fail = (problem: HashChainProblem, message: string, at: HashChainRow = row) => ({
      ok: false as const,
      problem,
      globalPosition: at.globalPosition,
      streamId: at.streamId,
      streamVersion: at.streamVersion,
      message: `event at position ${at.globalPosition} (stream ${at.streamId}, version ${at.streamVersion}): ${message}`,
      events: at === row ? count : count - 1,
    });
    if (row.globalPosition <= lastPosition) {
      return fail('reordered', `its position does not follow position ${lastPosition}`);
    }
    if (row.globalPosition > lastPosition + 1) {
      // The row after the gap is intact: it is where the chain breaks, not what was removed.
      const [first, last] = [lastPosition + 1, row.globalPosition - 1];
      const one = first === last;
      return removed(
        first,
        last,
        count,
        `${one ? 'event' : 'events'} at ${positionsText(first, last)} (${one ? 'its stream and version are unknown: the row is gone' : 'their streams and versions are unknown: the rows are gone'}): ` +
          `the chain breaks at the event after ${one ? 'it' : 'them'}, at position ${row.globalPosition} (stream ${row.streamId}, version ${row.streamVersion})`,
        row,
      );
    }
    const computed = computeEventHash(row.previousHash, hashInputOf(row));
    if (row.previousHash !== expectedPrevious) {
      const successor = await findLater(iterator, (later) => later.previousHash === expectedPrevious);
      if (successor !== undefined) {
        return fail(
          'reordered',
          `the event that follows position ${lastPosition} in the chain is stored at position ${successor.globalPosition}`,
        );
      }
      if (computed === row.hash && previousRow !== undefined) {
        return fail(
          'altered',
          `its content was changed and its hash recomputed: the next event (position ${row.globalPosition}) still names its old hash`,
          previousRow,
        );
      }
      return fail('altered', `its previous hash does not match the hash of the event before it`);
    }
    if (computed !== row.hash) {
      let nextNamesComputed = false;
      let first = true;
      const swapped = await findLater(iterator, (later) => {
        if (first) nextNamesComputed = later.previousHash === computed;
        first = false;
        return holdsContentOf(row, later);
      });
      if (swapped !== undefined) {
        return fail('reordered', `it holds the content of the event at position ${swapped.globalPosition} (rows swapped)`);
      }
      return fail(
        'altered',
        nextNamesComputed ? 'its stored hash was changed' : 'its content does not match its hash',
      );
    }
    const moved = streamMoveProblem(row);
    if (moved !== undefined) return fail('altered', moved);
    expectedPrevious = row.hash;
    lastPosition = row.globalPosition;
    previousRow = row;
    count++;
  }
};

/** Whether `row`'s stored hash is the one `other`'s content (whole, or its data or metadata) would have at row's place. */
const holdsContentOf = (row: HashChainRow, other: HashChainRow): boolean => {
  const place = { globalPosition: row.globalPosition };
  const candidates: EventHashInput[] = [
    { ...hashInputOf(other), ...place },
    { ...hashInputOf(row), dataJson: other.dataJson },
    { ...hashInputOf(row), metadataJson: other.metadataJson },
  ];
  return candidates.some((candidate) => computeEventHash(row.previousHash, candidate) === row.hash);
};

const findLater = async (
  iterator: AsyncIterator<HashChainRow> | Iterator<HashChainRow>,
  test: (row: HashChainRow) => boolean,
): Promise<HashChainRow | undefined> => {
  for (;;) {
    const next = await iterator.next();
    if (next.done) return undefined;
    if (test(next.value)) return next.value;
  }
};

const iterate = (rows: Rows): AsyncIterator<HashChainRow> | Iterator<HashChainRow> =>
  Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();

/** An event found altered by `eventHashProblems`, with what is wrong with it. */
export interface EventHashProblem {
  readonly globalPosition: number;
  /** Where the event is stored now; absent when the log holds no event at its position any more. */
  readonly streamId?: string;
  readonly streamVersion?: number;
  /** What is wrong with it, e.g. `its content does not match its hash`. */
  readonly reason: string;
  /** The whole sentence: `altered event at position 74 (stream …, version 1): <reason>`. */
  readonly message: string;
}

/**
 * The events at `positions` checked where they stand, without walking the log: each stored row's
 * content against its own hash, the stream an upgrade gives it, and the hash the row after it names
 * (an event changed and its hash recomputed). It reads those rows only, so a verdict can check the
 * events it rests on at no cost to a big log. An event removed, or a chain rebuilt from an edit on,
 * is only found by walking the whole log (`verifyHashChain`, `motcua verify`).
 */
export const eventHashProblems = (rowAt: (globalPosition: number) => HashChainRow | undefined, positions: Iterable<number>): readonly EventHashProblem[] => {
  const problems: EventHashProblem[] = [];
  for (const globalPosition of [...new Set(positions)].sort((a, b) => a - b)) {
    const row = rowAt(globalPosition);
    const at = (reason: string) =>
      problems.push({
        globalPosition,
        ...(row === undefined ? {} : { streamId: row.streamId, streamVersion: row.streamVersion }),
        reason,
        message: `altered event at position ${globalPosition}${row === undefined ? '' : ` (stream ${row.streamId}, version ${row.streamVersion})`}: ${reason}`,
      });
    if (row === undefined) {
      at('the log holds no event there any more');
      continue;
    }
    if (computeEventHash(row.previousHash, hashInputOf(row)) !== row.hash) {
      at('its content does not match its hash');
      continue;
    }
    const moved = streamMoveProblem(row);
    if (moved !== undefined) {
      at(moved);
      continue;
    }
    const next = rowAt(globalPosition + 1);
    if (next !== undefined && next.previousHash !== row.hash) at(`its content was changed and its hash recomputed: the next event (position ${next.globalPosition}) still names its old hash`);
  }
  return problems;
};
