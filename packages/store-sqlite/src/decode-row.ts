import { CorruptEventError, type EventMetadata, type RecordedEvent } from '@motcua/core';
import { COMPACT_LENGTH, compactProblem, EVENT_ID_FIRST, metadataOfValues } from './event-body.js';

/**
 * Turns one stored row into a `RecordedEvent`, checking what a reader relies on: the body is JSON text
 * in one of the forms of `event-body.ts` (metadata an object, or its values of the right types), `type`
 * is a string, the positions are integers. A row that fails is the log being damaged or edited by hand:
 * `CorruptEventError` names the stream and version.
 *
 * The stream id, version and global position come from their columns, so they cannot disagree with
 * the row.
 */
export const decodeRow = (
  globalPosition: unknown,
  streamId: unknown,
  streamVersion: unknown,
  type: unknown,
  body: unknown,
): RecordedEvent => {
  if (typeof streamId !== 'string' || typeof streamVersion !== 'number' || typeof globalPosition !== 'number' || typeof type !== 'string' || typeof body !== 'string') {
    return corruptShape(globalPosition, streamId, streamVersion, type, body);
  }
  let a: unknown;
  try {
    a = JSON.parse(body);
  } catch (error) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored event is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(a) || a.length < 2) throw new CorruptEventError(streamId, streamVersion, globalPosition, 'the stored event is not [data, metadata...]');
  // The fast path: the compact form without optional fields, as one object literal per key order.
  if (a.length === COMPACT_LENGTH && compactProblem(a) === undefined) {
    const actor = { id: a[4], role: a[5] };
    const metadata =
      a[1] === EVENT_ID_FIRST
        ? { eventId: a[2], occurredAt: a[3], actor, tenantId: a[6], correlationId: a[7], causationId: a[8], recordedAt: a[9], streamId, streamVersion, globalPosition }
        : { occurredAt: a[3], actor, tenantId: a[6], correlationId: a[7], causationId: a[8], eventId: a[2], recordedAt: a[9], streamId, streamVersion, globalPosition };
    return { type, data: a[0] as unknown, metadata: metadata as EventMetadata };
  }
  return { type, data: a[0] as unknown, metadata: slowMetadata(a, streamId, streamVersion, globalPosition) };
};

const slowMetadata = (a: unknown[], streamId: string, streamVersion: number, globalPosition: number): EventMetadata => {
  let m: Record<string, unknown>;
  if (a.length === 2) {
    const metadata = a[1];
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new CorruptEventError(streamId, streamVersion, globalPosition, 'metadata is not a JSON object');
    }
    m = metadata as Record<string, unknown>;
  } else {
    const problem = compactProblem(a);
    if (problem !== undefined) throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored metadata is damaged: ${problem}`);
    m = metadataOfValues(a);
  }
  m.streamId = streamId;
  m.streamVersion = streamVersion;
  m.globalPosition = globalPosition;
  return m as unknown as EventMetadata;
};

const corruptShape = (globalPosition: unknown, streamId: unknown, streamVersion: unknown, type: unknown, body: unknown): never => {
  const wrong = Object.entries({ streamId, streamVersion, globalPosition, type, body })
    .filter(([name, value]) => typeof value !== (name === 'streamVersion' || name === 'globalPosition' ? 'number' : 'string'))
    .map(([name, value]) => `${name} is ${value === null ? 'null' : typeof value}`);
  throw new CorruptEventError(String(streamId), Number(streamVersion), Number(globalPosition), `wrong column types: ${wrong.join(', ')}`);
};
