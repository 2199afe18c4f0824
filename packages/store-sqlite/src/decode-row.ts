import { CorruptEventError, decodeStoredEvent, type RecordedEvent } from '@motcua/core';

/**
 * Turns one stored row into a `RecordedEvent`, checking what a reader relies on: the positions are
 * integers, `type` and the body are strings (SQLite does not enforce column types), and the body is
 * JSON text in one of the forms of `event-body.ts`, parsed and checked once by `decodeStoredEvent`. A
 * row that fails is the log being damaged or edited by hand: `CorruptEventError` names the stream and
 * version.
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
  return decodeStoredEvent(body, type, streamId, streamVersion, globalPosition);
};

const corruptShape = (globalPosition: unknown, streamId: unknown, streamVersion: unknown, type: unknown, body: unknown): never => {
  const wrong = Object.entries({ streamId, streamVersion, globalPosition, type, body })
    .filter(([name, value]) => typeof value !== (name === 'streamVersion' || name === 'globalPosition' ? 'number' : 'string'))
    .map(([name, value]) => `${name} is ${value === null ? 'null' : typeof value}`);
  throw new CorruptEventError(String(streamId), Number(streamVersion), Number(globalPosition), `wrong column types: ${wrong.join(', ')}`);
};
