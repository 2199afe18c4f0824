import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PositionIndex } from './position-index.js';

const at = (n: number) => ({ commit: BigInt(n * 1000), prepare: BigInt(n * 1000 + 7) });

describe('position index', () => {
  it('nearest gives the greatest remembered position not above the one asked, with its $all position', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 80 }), fc.integer({ min: 0, max: 600 }), (remembered, asked) => {
        const index = new PositionIndex();
        for (const position of remembered) index.remember(position, at(position));
        const expected = Math.max(...remembered.filter((p) => p <= asked), -1);
        const found = index.nearest(asked);
        if (expected < 0) expect(found).toBeUndefined();
        else expect(found).toEqual({ position: expected, at: at(expected) });
      }),
    );
  });

  it('past its capacity it thins, keeps the newest, and still answers with a remembered entry at or below', () => {
    fc.assert(
      fc.property(fc.integer({ min: 9, max: 200 }), fc.integer({ min: 1, max: 220 }), (count, asked) => {
        const index = new PositionIndex(8);
        for (let position = 1; position <= count; position++) index.remember(position, at(position));
        expect(index.size).toBeLessThanOrEqual(8);
        expect(index.nearest(count)?.position).toBe(count);
        const found = index.nearest(asked);
        if (found !== undefined) {
          expect(found.position).toBeLessThanOrEqual(asked);
          expect(found.at).toEqual(at(found.position));
        }
      }),
    );
  });

  it('forgetAfter drops what follows a position', () => {
    const index = new PositionIndex();
    for (const position of [1, 5, 9]) index.remember(position, at(position));
    index.forgetAfter(5);
    expect(index.nearest(100)?.position).toBe(5);
  });
});
