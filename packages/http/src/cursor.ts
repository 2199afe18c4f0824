import { accept, refuse, type Read } from './query-parameters.js';

/**
 * The cursors this API gives out as `nextCursor`: opaque texts (base64url) standing for where the next
 * page of a listing starts, each marked with its listing's letter, so that a caller hands back only
 * what it was given and a cursor of one listing is never taken by another.
 */
export type CursorKind = 'dossiers' | 'keys' | 'dead-letters';

const MARKS: Readonly<Record<CursorKind, string>> = { dossiers: 'p', keys: 'k', 'dead-letters': 'd' };

export const encodeCursor = (kind: CursorKind, value: string): string => Buffer.from(`${MARKS[kind]}${value}`).toString('base64url');

/** What a cursor of `kind` stands for, or undefined for any other text. */
export const decodeCursor = (kind: CursorKind, cursor: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]{1,8000}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Base64url that decodes to other bytes than it was made from is not a cursor given out (a re-encoding must give it back).
  if (Buffer.from(text).toString('base64url') !== cursor) return undefined;
  const mark = MARKS[kind];
  return text.startsWith(mark) ? text.slice(mark.length) : undefined;
};

/**
 * A `cursor` parameter's reader: what a cursor of `kind` stands for, when `belongs` says it is one the
 * caller was given (its province's, a position…); any other text is refused (rule `cursor`).
 */
export const readCursor =
  (kind: CursorKind, belongs: (value: string) => boolean, message = 'is not a cursor this API gave out') =>
  (cursor: string): Read<string> => {
    const value = decodeCursor(kind, cursor);
    return value !== undefined && belongs(value) ? accept(value) : refuse('cursor', message);
  };
