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
