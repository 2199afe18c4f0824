import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type CursorKind } from './cursor.js';

const KINDS: readonly CursorKind[] = ['dossiers', 'keys', 'dead-letters'];
/** What a cursor stands for: a position, or a key (any well-formed text). */
const value = fc.oneof(fc.nat().map(String), fc.string({ unit: 'grapheme', maxLength: 200 }));

describe('cursors', () => {
  it('give back what they stand for, to their own listing only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS), value, (kind, other, text) => {
        const cursor = encodeCursor(kind, text);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(kind, cursor)).toBe(text);
        if (other !== kind) expect(decodeCursor(other, cursor)).toBeUndefined();
      }),
    );
  });

  it('take no text but one given out: any other decodes to nothing, without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.string({ maxLength: 60 }), (kind, text) => {
        const decoded = decodeCursor(kind, text);
        if (decoded !== undefined) expect(encodeCursor(kind, decoded)).toBe(text);
      }),
    );
    // The same bytes written otherwise (base64 with padding or other trailing bits) are not a cursor given out.
    const cursor = encodeCursor('keys', 'thai-nguyen/a');
    expect(decodeCursor('keys', `${cursor}=`)).toBeUndefined();
    expect(decodeCursor('keys', cursor.replace(/.$/, (c) => String.fromCharCode(c.charCodeAt(0) + 1)))).toBeUndefined();
  });
});
