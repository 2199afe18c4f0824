import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { GENESIS_HASH, isLeft, type EventStore, type NewEvent } from '@motcua/core';
import { evidenceChecker } from './check-evidence.js';
import { checkLine, LineRejected, tryStreamOf } from './check-line.js';
import type { ExportLine } from './export-line.js';

export interface RejectedLine {
  readonly line: number;
  readonly reason: string;
  readonly streamId?: string;
  readonly streamVersion?: number;
}

export interface ImportOptions {
  /**
   * Set before each append to the batch's `recordedAt`, so the imported events keep their recorded
   * time (open the target store with a settable clock: `fixedClock` from @motcua/core).
   */
  readonly clock?: { set(at: string): void };
  /** Called every few hundred lines with the lines and the bytes read so far. */
  readonly onProgress?: (lines: number, bytes: number) => void;
  /** Called for each rejected line as it is found. */
  readonly onReject?: (rejected: RejectedLine) => void;
  /** The importing machine's now, no event may be recorded after (plus the allowed clock skew); default: the system clock. */
  readonly now?: Date;
}

export interface ImportSummary {
  readonly lines: number;
  readonly imported: number;
  /** Lines already in the store (an earlier, interrupted run wrote them). */
  readonly skipped: number;
  readonly rejected: readonly RejectedLine[];
  /** Appends made: each one batch of the original log, written whole or not at all. */
  readonly batches: number;
  /** Hash of the last good line of the file (compare with the export's `lastHash`). */
  readonly lastHash: string;
  /** False when a line was rejected while checking: then nothing was written. */
  readonly written: boolean;
}

interface Batch {
  readonly key: string;
  readonly streamId: string;
  readonly firstVersion: number;
  readonly lines: { readonly number: number; readonly event: ExportLine }[];
}

/** Lines written by one append share stream, recorded time and correlation id, with consecutive versions. */
const batchKey = (line: ExportLine) => `${line.streamId}\u0000${String(line.metadata.recordedAt)}\u0000${String(line.metadata.correlationId)}`;

/**
 * Reads an export (NDJSON) twice, line by line, and appends its events, each original append as one
 * append with the expected version (ADR 0007):
 * - the first reading checks every line and writes nothing: JSON, the envelope, the event type of its
 *   stream, the event's data against its codec, its hash, its link to the line before, its version
 *   against the store, and that it is plausible as evidence (`evidenceChecker`: its times and late-entry
 *   stamp are what the desk would have written). One bad line, even one that cannot be parsed or tied to a stream, and the
 *   import writes nothing at all; every bad line is reported with its number and what is wrong;
 * - the second reading appends; should the file change in between, it stops at the first bad line
 *   before that line's append, so the store never holds part of an original append;
 * - running it again after an interruption skips the events already in the store (same event id at
 *   the same version) and appends the rest; nothing is duplicated.
 */
export const importEvents = async (store: EventStore, open: () => Readable, options: ImportOptions = {}): Promise<ImportSummary> => {
  // One now for both readings: the second finds exactly what the first accepted.
  const now = options.now ?? new Date();
  const checked = await readExport(store, open(), { ...options, now, write: false });
  if (checked.rejected.length > 0) return { ...checked, imported: 0, batches: 0, written: false };
  return { ...(await readExport(store, open(), { ...options, now, write: true })), written: true };
};

const readExport = async (
  store: EventStore,
  input: Readable,
  options: ImportOptions & { readonly now: Date; readonly write: boolean },
): Promise<Omit<ImportSummary, 'written'>> => {
  const rejected: RejectedLine[] = [];
  const versions = new Map<string, number>();
  const implausible = evidenceChecker(options.now);
  // Each stream's last occurredAt in the file: its next event may not go back before it.
  const occurredAtOf = new Map<string, string>();
  const poisoned = new Set<string>();
  let pending: Batch | undefined;
  let lines = 0;
  let bytes = 0;
  let imported = 0;
  let skipped = 0;
  let batches = 0;
  // Hashes the next line may name as its previous one: the last good line's, and those declared by
  // lines rejected since (an altered line keeps its place in the chain; an inserted one does not).
  let previousHashes = new Set([GENESIS_HASH]);
  let lastHash = GENESIS_HASH;
  const accept = (hash: string) => {
    previousHashes = new Set([hash]);
    lastHash = hash;
  };
  const declared = (hash: unknown) => {
    if (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) previousHashes.add(hash);
  };

  // Writing, the first bad line ends the reading: the file changed since it was checked.
  let stopped = false;
  const reject = (entry: RejectedLine) => {
    rejected.push(entry);
    options.onReject?.(entry);
    if (options.write) stopped = true;
  };

  const storedVersion = async (streamId: string): Promise<number> => {
    const known = versions.get(streamId);
    if (known !== undefined) return known;
    const { currentVersion } = await store.readStream(streamId, { fromVersion: Number.MAX_SAFE_INTEGER, maxCount: 1 });
    versions.set(streamId, currentVersion);
    return currentVersion;
  };

  const dropPending = (reason: string) => {
    if (pending === undefined) return;
    poisoned.add(pending.key);
    for (const { number, event } of pending.lines) {
      reject({ line: number, reason, streamId: event.streamId, streamVersion: event.streamVersion });
    }
    pending = undefined;
  };

  const flush = async () => {
    const batch = pending;
    pending = undefined;
    if (batch === undefined) return;
    if (!options.write) {
      versions.set(batch.streamId, batch.firstVersion + batch.lines.length - 1);
      imported += batch.lines.length;
      batches++;
      return;
    }
    const events: NewEvent[] = batch.lines.map(({ event }) => ({ type: event.type, data: event.data, metadata: event.metadata as never }));
    options.clock?.set(String(batch.lines[0]!.event.metadata.recordedAt));
    const expectedVersion = batch.firstVersion === 1 ? 'no-stream' : batch.firstVersion - 1;
    const appended = await store.appendToStream(batch.streamId, events, { expectedVersion });
    if (isLeft(appended)) {
      versions.delete(batch.streamId);
      poisoned.add(batch.key);
      for (const { number, event } of batch.lines) {
        reject({ line: number, reason: `not written: ${appended.left.message}`, streamId: event.streamId, streamVersion: event.streamVersion });
      }
      return;
    }
    versions.set(batch.streamId, appended.right.nextExpectedVersion);
    imported += batch.lines.length;
    batches++;
  };

  /** Whether the line, in its place, is what the desk would have written; if not, it is rejected with its batch. */
  const plausible = (line: ExportLine, number: number, key: string): boolean => {
    const problem = implausible(line, occurredAtOf.get(line.streamId));
    if (problem === undefined) {
      occurredAtOf.set(line.streamId, String(line.metadata.occurredAt));
      return true;
    }
    reject({ line: number, reason: `not plausible as evidence: ${problem}`, streamId: line.streamId, streamVersion: line.streamVersion });
    if (pending?.key === key) dropPending(`not written: line ${number} of the same batch was rejected`);
    poisoned.add(key);
    declared(line.hash);
    return false;
  };

  const reader = createInterface({ input, crlfDelay: Infinity });
  for await (const text of reader) {
    if (stopped) break;
    lines++;
    bytes += Buffer.byteLength(text) + 1;
    if (lines % 500 === 0) options.onProgress?.(lines, bytes);
    if (text.trim() === '') continue;
    let line: ExportLine;
    try {
      line = checkLine(text);
    } catch (error) {
      if (!(error instanceof LineRejected)) throw error;
      const named = tryStreamOf(text);
      declared(named?.hash);
      if (named !== undefined && pending !== undefined && named.key === pending.key) {
        dropPending(`not written: line ${lines} of the same batch was rejected`);
        reject({ line: lines, reason: error.message, streamId: named.streamId, streamVersion: named.streamVersion });
      } else {
        reject({ line: lines, reason: error.message, ...(named === undefined ? {} : { streamId: named.streamId, streamVersion: named.streamVersion }) });
      }
      continue;
    }
    const key = batchKey(line);
    const where = { streamId: line.streamId, streamVersion: line.streamVersion };
    if (poisoned.has(key)) {
      reject({ line: lines, reason: 'not written: another line of the same batch was rejected', ...where });
      declared(line.hash);
      continue;
    }
    if (!previousHashes.has(line.previousHash)) {
      // The chain of the file: a line before this one was removed, reordered or altered.
      reject({ line: lines, reason: 'its previous hash is not the hash of the line before it (a line was removed, reordered or altered)', ...where });
      if (pending?.key === key) dropPending(`not written: line ${lines} of the same batch was rejected`);
      poisoned.add(key);
      declared(line.hash);
      continue;
    }
    const continuesPending = pending !== undefined && pending.key === key && pending.firstVersion + pending.lines.length === line.streamVersion;
    if (!continuesPending) {
      await flush();
      const current = await storedVersion(line.streamId);
      if (line.streamVersion <= current) {
        const existing = (await store.readStream(line.streamId, { fromVersion: line.streamVersion, maxCount: 1 })).events[0];
        if (existing !== undefined && existing.metadata.eventId === line.metadata.eventId && existing.type === line.type) {
          if (!plausible(line, lines, key)) continue;
          skipped++;
          accept(line.hash);
          continue;
        }
        reject({ line: lines, reason: `stream ${line.streamId} already has another event (${existing?.type ?? '?'}) at version ${line.streamVersion}`, ...where });
        poisoned.add(key);
        declared(line.hash);
        continue;
      }
      if (line.streamVersion !== current + 1) {
        reject({ line: lines, reason: `wrong version: stream ${line.streamId} is at version ${current}, so the next event must be version ${current + 1}, not ${line.streamVersion}`, ...where });
        poisoned.add(key);
        declared(line.hash);
        continue;
      }
      pending = { key, streamId: line.streamId, firstVersion: line.streamVersion, lines: [] };
    }
    if (!plausible(line, lines, key)) continue;
    pending!.lines.push({ number: lines, event: line });
    accept(line.hash);
  }
  if (stopped) pending = undefined;
  else await flush();
  reader.close();
  options.onProgress?.(lines, bytes);
  return { lines, imported, skipped, rejected: rejected.sort((a, b) => a.line - b.line), batches, lastHash };
};
