import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSeconds, pace } from './progress.js';

/** Seconds back from `1h02m`, `4m05s` or `12s`. */
const secondsOf = (text: string): number => {
  const match = /^(?:(\d+)h(\d{2})m|(\d+)m(\d{2})s|(\d+)s)$/.exec(text);
  if (match === null) throw new Error(`not a duration: ${text}`);
  const [, h, hm, m, ms, s] = match;
  return h !== undefined ? Number(h) * 3600 + Number(hm) * 60 : m !== undefined ? Number(m) * 60 + Number(ms) : Number(s);
};

describe('progress', () => {
  it('writes any time as hours and minutes, minutes and seconds, or seconds, each part under 60, true to the minute', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10_000_000, noNaN: true }), (seconds) => {
        const text = formatSeconds(seconds);
        const back = secondsOf(text);
        expect(Math.abs(back - seconds)).toBeLessThan(seconds >= 3600 ? 60 : 1);
        for (const part of text.match(/\d+(?=[ms])/g) ?? []) expect(Number(part)).toBeLessThan(60);
      }),
    );
  });

  it('counts only what the run did itself, and says nothing before it did anything', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(1_000_000), fc.integer({ min: 1, max: 100_000 }), (from, more, beyond, ms) => {
        const done = from + more;
        const total = done + beyond;
        const { rate, left } = pace(from, 0, done, total, ms);
        if (more === 0) {
          expect({ rate, left }).toEqual({ rate: '?', left: '?' });
          return;
        }
        const perSecond = more / (ms / 1000);
        expect(Number(rate.replace(/,/g, ''))).toBe(Math.round(perSecond));
        expect(left).toBe(formatSeconds(beyond / perSecond));
      }),
    );
  });
});
