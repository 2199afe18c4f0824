import { checkAppendedEvent, DESK_EVENT_CODECS, EventDataRefused, EventStreamMismatch, isLeft, parseProvinceStreamId, STREAM_DEFINITIONS, StreamProvinceMismatch, streamMoveProblem, type t } from '@motcua/core';
import { decodeEnvelope, lineHash, type ExportLine } from './export-line.js';

/** Why a line of an export cannot be imported. */
export class LineRejected extends Error {}

/** A stored event's codec by stream-id prefix: `dossier-…` is checked against the dossier events. */
const CODECS: ReadonlyMap<string, t.Type<unknown, unknown, unknown> & { members: ReadonlyMap<string, t.Mixed> }> = new Map(
  STREAM_DEFINITIONS.map((definition) => [definition.name, definition.eventCodec as never]),
);

const codecFor = (streamId: string) => CODECS.get(streamId.slice(0, Math.max(0, streamId.indexOf('-'))));

/**
 * Throws `LineRejected` unless the line's event is one a store appends to its stream (`checkAppendedEvent`,
 * the desk's codecs): its data exactly as its codec names it, its province and, for a stream of a
 * province, of the stream's kind and about the stream's entity. What an import checks is what the
 * store will take, so a checked export is never refused halfway through its writing.
 */
const belongs = (line: ExportLine): void => {
  try {
    checkAppendedEvent(line.streamId, parseProvinceStreamId(line.streamId), 0, line.type, line.metadata.tenantId as string, JSON.stringify(line.data), DESK_EVENT_CODECS);
  } catch (error) {
    if (error instanceof EventDataRefused) {
      throw new LineRejected(`bad ${line.type} event: ${error.issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ')}`);
    }
    if (error instanceof EventStreamMismatch || error instanceof StreamProvinceMismatch) throw new LineRejected(error.message.replace(/^event 0 /, 'its event '));
    throw error;
  }
};

/** Checks what a line can be checked for without the store: JSON, envelope, event type and data, hash. */
export const checkLine = (text: string): ExportLine => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LineRejected(`not JSON (${(error as Error).message})`);
  }
  const envelope = decodeEnvelope(value);
  if (isLeft(envelope)) throw new LineRejected(`bad envelope: ${envelope.left.message}`);
  const line = envelope.right as ExportLine;
  const codec = codecFor(line.streamId);
  if (codec === undefined) {
    throw new LineRejected(`stream ${line.streamId} is of no known kind (expected ${[...CODECS.keys()].map((k) => `${k}-…`).join(', ')})`);
  }
  if (!codec.members.has(line.type)) throw new LineRejected(`unknown event type ${JSON.stringify(line.type)} for stream ${line.streamId}`);
  // A line moved to another stream is named so before its event is found not to belong there.
  const moved = streamMoveProblem({ ...line, metadataJson: JSON.stringify(line.metadata) });
  if (moved !== undefined) throw new LineRejected(moved);
  belongs(line);
  if (lineHash(line.previousHash, line) !== line.hash) throw new LineRejected('its content does not match its hash (the line was altered)');
  return line;
};

/** Stream and version of a line that failed its checks, when it is JSON enough to name them. */
export const tryStreamOf = (text: string): { key: string; streamId: string; streamVersion: number; hash: unknown } | undefined => {
  try {
    const value = JSON.parse(text) as Partial<ExportLine>;
    if (value === null || typeof value !== 'object' || typeof value.streamId !== 'string' || typeof value.streamVersion !== 'number') return undefined;
    const metadata = (value.metadata ?? {}) as Record<string, unknown>;
    return {
      key: `${value.streamId}\u0000${String(metadata.recordedAt)}\u0000${String(metadata.correlationId)}`,
      streamId: value.streamId,
      streamVersion: value.streamVersion,
      hash: value.hash,
    };
  } catch {
    return undefined;
  }
};
