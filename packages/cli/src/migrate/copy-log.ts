import { GENESIS_HASH, isLeft, toExportLine, type NewEvent, type VerifyReport } from '@motcua/core';
import { CliError } from '../cli-io.js';
import { storeFailure } from '../store-failure.js';
import type { OpenedStore, SourceStore } from '../store-url.js';
import { checkLine, LineRejected } from '../transfer/check-line.js';
import type { ExportLine } from '../transfer/export-line.js';

export interface CopyOptions {
  /** The target's clock: set before each append to the recorded time of the original append. */
  readonly clock: { set(at: Date | string): void };
  /** Appends issued together, so that the target commits them in one transaction. */
  readonly appendsPerGroup?: number;
  /** Called after each group with the position the target reached and the source's head. */
  readonly onProgress?: (position: number, head: number) => void;
}

export interface CopySummary {
  /** Events of the source (its head position when the copy started). */
  readonly sourceEvents: number;
  /** The source's last hash, as read during the copy (or checked at the resume point). */
  readonly sourceLastHash: string;
  /** Events the target already held and that were checked, not copied (a resumed copy). */
  readonly resumedAt: number;
  readonly copied: number;
  /** The target's hash chain walked from its first event after the copy. */
  readonly target: VerifyReport;
}

interface Append {
  readonly streamId: string;
  readonly recordedAt: string;
  readonly correlationId: unknown;
  readonly firstVersion: number;
  readonly lines: ExportLine[];
}

/** Why a copy stops: said with the position, so the operator can look at it (`motcua verify`, `motcua export`). */
const refuse = (message: string) => new CliError(message);

/**
 * Copies the log of `source` into `target` so that the target holds the same events at the same
 * positions with the same hashes (docs/adr/0007-export-import-keeps-the-stored-chain.md): every
 * source row is checked as an import checks a line (envelope, event codec, its own hash, its link to
 * the row before), then appended with the recorded time, event id and version it had, each original
 * append whole, many appends per transaction. A target that already holds a beginning of the log (an
 * interrupted copy) is verified and its last hash compared with the source's at the same position;
 * the copy continues after it. At the end the target's whole chain is verified.
 */
export const copyLog = async (source: SourceStore, target: OpenedStore, options: CopyOptions): Promise<CopySummary> => {
  let reached: number | undefined;
  try {
    return await copyAll(source, target, options, (position) => {
      reached = position;
    });
  } catch (error) {
    if (!storeFailure(error)) throw error;
    throw refuse(`${error.message}\n  ${await stoppedAt(target, reached)}; run the same command again to resume`);
  }
};

/**
 * Where a failed copy stopped: the target's head when it can still be read (appends of the group
 * that failed may have been committed), else the last position the target confirmed. A run again
 * verifies the target and goes on from its head either way.
 */
const stoppedAt = async (target: OpenedStore, confirmed: number | undefined): Promise<string> => {
  if (confirmed === undefined) return 'the copy stopped before it began';
  const head = await target.head().catch(() => undefined);
  return head === undefined ? `the copy stopped after position ${confirmed} at least` : `the copy stopped after position ${head}`;
};

const copyAll = async (source: SourceStore, target: OpenedStore, options: CopyOptions, reached: (position: number) => void): Promise<CopySummary> => {
  const perGroup = options.appendsPerGroup ?? 2000;
  const sourceHead = await source.head();
  const targetHead = await target.head();
  if (targetHead > sourceHead) {
    throw refuse(`the target ${target.url.display} holds ${targetHead} events, more than the source's ${sourceHead}: it is not a copy of it`);
  }
  let previousHash = GENESIS_HASH;
  if (targetHead > 0) previousHash = await resumePoint(source, target, targetHead);
  let position = targetHead;
  reached(position);
  let group: Append[] = [];
  let pending: Append | undefined;
  let groupEvents = 0;

  const flush = async () => {
    if (pending !== undefined) group.push(pending);
    pending = undefined;
    if (group.length === 0) return;
    const appends = group;
    group = [];
    groupEvents = 0;
    const results = appends.map((append) => {
      options.clock.set(append.recordedAt);
      const events: NewEvent[] = append.lines.map((line) => ({ type: line.type, data: line.data, metadata: line.metadata as never }));
      return target.store.appendToStream(append.streamId, events, { expectedVersion: append.firstVersion === 1 ? 'no-stream' : append.firstVersion - 1 });
    });
    const settled = await Promise.all(results);
    settled.forEach((result, index) => {
      const append = appends[index]!;
      const last = append.lines[append.lines.length - 1]!;
      if (isLeft(result)) {
        throw refuse(`the target refused the events of stream ${append.streamId} from version ${append.firstVersion} (position ${append.lines[0]!.globalPosition}): ${result.left.message}`);
      }
      if (result.right.lastGlobalPosition !== last.globalPosition) {
        throw refuse(
          `the target wrote position ${result.right.lastGlobalPosition} for the source's ${last.globalPosition} (stream ${append.streamId}): ` +
            'another writer is appending to the target; stop it and run migrate again',
        );
      }
    });
    position = appends[appends.length - 1]!.lines.at(-1)!.globalPosition;
    reached(position);
    options.onProgress?.(position, sourceHead);
  };

  let copied = 0;
  for await (const row of source.chainRows(targetHead)) {
    if (row.globalPosition > sourceHead) break; // appended to the source since the copy started
    let line: ExportLine;
    try {
      line = checkRow(row, previousHash);
    } catch (refusal) {
      // The events before a refused row were checked: they are copied, so the target ends just before it.
      await flush();
      throw refusal;
    }
    previousHash = line.hash;
    const recordedAt = line.metadata.recordedAt;
    const continues =
      pending !== undefined &&
      pending.streamId === line.streamId &&
      pending.recordedAt === recordedAt &&
      pending.correlationId === line.metadata.correlationId &&
      pending.firstVersion + pending.lines.length === line.streamVersion;
    if (!continues) {
      if (pending !== undefined) group.push(pending);
      pending = undefined;
      if (group.length >= perGroup || groupEvents >= perGroup * 4) await flush();
      pending = { streamId: line.streamId, recordedAt: recordedAt as string, correlationId: line.metadata.correlationId, firstVersion: line.streamVersion, lines: [] };
    }
    pending!.lines.push(line);
    groupEvents++;
    copied++;
  }
  await flush();
  const report = await target.store.verify();
  return { sourceEvents: sourceHead, sourceLastHash: previousHash, resumedAt: targetHead, copied, target: report };
};

/** A source row checked as `motcua import` checks a line, and as the target will hash it. */
const checkRow = (row: Parameters<typeof toExportLine>[0], previousHash: string): ExportLine => {
  const where = `the source's event at position ${row.globalPosition} (stream ${row.streamId}, version ${row.streamVersion})`;
  if (row.previousHash !== previousHash) {
    throw refuse(`${where} does not name the hash of the event before it: the source's log was altered; run \`motcua verify\` on it`);
  }
  if (row.hashedStreamId !== undefined) {
    throw refuse(
      `${where} was hashed under stream ${row.hashedStreamId} before stream ids carried the province: a store keeps no such id on append, ` +
        'so the copy could not keep its hash',
    );
  }
  let text: string;
  try {
    text = JSON.stringify(toExportLine(row));
  } catch (error) {
    // A stored text that does not parse (edited behind the store's back) is the source's fault, not a bug of the copy.
    throw refuse(`${where} cannot be copied: its stored data or metadata is not JSON (${(error as Error).message}); run \`motcua verify\` on the source`);
  }
  let line: ExportLine;
  try {
    line = checkLine(text);
  } catch (error) {
    if (error instanceof LineRejected) throw refuse(`${where} cannot be copied: ${error.message}`);
    throw error;
  }
  const recordedAt = line.metadata.recordedAt;
  if (typeof recordedAt !== 'string' || Number.isNaN(Date.parse(recordedAt)) || new Date(recordedAt).toISOString() !== recordedAt) {
    throw refuse(`${where} has a recorded time ${JSON.stringify(recordedAt)} that a store cannot record again exactly (expected an ISO instant like 2026-03-02T01:15:00.000Z)`);
  }
  return line;
};

/**
 * Where an interrupted copy continues: the target's chain verifies and its last event is the source's
 * event at the same position, hash for hash. Returns that hash.
 */
const resumePoint = async (source: SourceStore, target: OpenedStore, targetHead: number): Promise<string> => {
  const report = await target.store.verify();
  if (!report.ok) {
    throw refuse(`the target ${target.url.display} already holds events and its log does not verify (${report.message}); start from an empty target`);
  }
  if (report.lastPosition !== targetHead) {
    throw refuse(`the target ${target.url.display} verified up to position ${report.lastPosition} but its head is ${targetHead}; start from an empty target`);
  }
  for await (const row of source.chainRows(targetHead - 1)) {
    if (row.globalPosition !== targetHead || row.hash !== report.lastHash) {
      throw refuse(
        `the target ${target.url.display} is not a beginning of the source: at position ${targetHead} the target's hash is ${report.lastHash}, ` +
          `the source's ${row.globalPosition === targetHead ? row.hash : `(no event; next is position ${row.globalPosition})`}; start from an empty target`,
      );
    }
    return row.hash;
  }
  throw refuse(`the source has no event at position ${targetHead}, where the target ends; start from an empty target`);
};
