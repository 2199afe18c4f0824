import { isLeft, STREAM_DEFINITIONS, streamMoveProblem, toIssues, type t } from '@motcua/core';
import { decodeEnvelope, lineHash, type ExportLine } from './export-line.js';

/** Why a line of an export cannot be imported. */
export class LineRejected extends Error {}

/** A stored event's codec by stream-id prefix: `dossier-…` is checked against the dossier events. */
const CODECS: ReadonlyMap<string, t.Type<unknown, unknown, unknown> & { members: ReadonlyMap<string, t.Mixed> }> = new Map(
  STREAM_DEFINITIONS.map((definition) => [definition.name, definition.eventCodec as never]),
);

const codecFor = (streamId: string) => CODECS.get(streamId.slice(0, Math.max(0, streamId.indexOf('-'))));

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
  const decoded = codec.decode({ type: line.type, data: line.data });
  if (isLeft(decoded)) {
    const issues = toIssues(decoded.left).map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message));
    throw new LineRejected(`bad ${line.type} event: ${issues.join('; ')}`);
  }
  if (lineHash(line.previousHash, line) !== line.hash) throw new LineRejected('its content does not match its hash (the line was altered)');
  const moved = streamMoveProblem({ ...line, metadataJson: JSON.stringify(line.metadata) });
  if (moved !== undefined) throw new LineRejected(moved);
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
