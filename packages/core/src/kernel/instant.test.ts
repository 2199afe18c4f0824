import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft } from '../fp.js';
import { decode } from './codec.js';
import { Instant, LocalDate, RecordedInstant } from './primitives.js';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The month's length by the platform's own calendar, independent of the code under test. */
const monthLength = (year: number, month: number): number => {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
};

const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;

/** A point in time written as the wall clock at `offset` minutes, with or without seconds and fractions. */
const formatAt = (epochMs: number, offset: number, precision: 'minutes' | 'seconds' | 'millis', zulu: boolean) => {
  const local = new Date(epochMs + offset * 60_000).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  const clock = precision === 'minutes' ? local.slice(0, 16) : precision === 'seconds' ? local.slice(0, 19) : local.slice(0, 23);
  return `${clock}${zulu && offset === 0 ? 'Z' : offsetText(offset)}`;
};

const truncate = (epochMs: number, precision: 'minutes' | 'seconds' | 'millis') =>
  precision === 'minutes' ? Math.floor(epochMs / 60_000) * 60_000 : precision === 'seconds' ? Math.floor(epochMs / 1000) * 1000 : epochMs;

const problem = (value: string) => {
  const result = decode(Instant, value);
  return isLeft(result) ? result.left.message : undefined;
};

describe('Instant: a real calendar instant', () => {
  it('accepts every real instant written in ISO-8601 with an offset, and it reads back as the same point in time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.constantFrom('minutes', 'seconds', 'millis' as const),
        fc.boolean(),
        (date, offset, precision, zulu) => {
          const text = formatAt(date.getTime(), offset, precision, zulu);
          expect(problem(text), text).toBeUndefined();
          expect(Date.parse(text)).toBe(truncate(date.getTime(), precision));
        },
      ),
    );
  });

  it('refuses every day beyond its month length, saying how long the month is', () => {
    const beyond = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }))
      .chain(([year, month]) => fc.tuple(fc.constant(year), fc.constant(month), fc.integer({ min: monthLength(year, month) + 1, max: 99 })));
    fc.assert(
      fc.property(beyond, fc.integer({ min: 0, max: 23 }), fc.integer({ min: -14 * 60, max: 14 * 60 }), ([year, month, day], hour, offset) => {
        const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:00${offsetText(offset)}`;
        expect(problem(text)).toContain(`has ${monthLength(year, month)} days`);
        expect(LocalDate.is(text.slice(0, 10))).toBe(false);
      }),
    );
  });

  it('refuses the rolled-over date found on the demo, a 24th hour, a 60th minute or second and an offset past ±14:00', () => {
    expect(problem('2026-02-30T09:00+07:00')).toBe(
      'must be a real calendar instant, got "2026-02-30T09:00+07:00": February 2026 has 28 days',
    );
    expect(problem('2028-02-29T09:00+07:00')).toBeUndefined();
    expect(problem('2100-02-29T09:00+07:00')).toContain('February 2100 has 28 days');
    expect(problem('2026-13-01T09:00Z')).toContain('there is no month 13');
    expect(problem('2026-03-02T24:00+07:00')).toContain('the hour must be 00–23');
    expect(problem('2026-03-02T09:60+07:00')).toContain('the minute must be 00–59');
    expect(problem('2026-03-02T09:00:60+07:00')).toContain('the second must be 00–59');
    expect(problem('2026-03-02T09:00+14:01')).toContain('the offset must be within ±14:00');
    expect(problem('2026-03-02T09:00-07:60')).toContain('the offset must be within ±14:00');
    expect(problem('2026-03-02T09:00')).toContain('must be an ISO-8601 date-time with offset');
  });

  it('events recorded before the calendar check stay readable', () => {
    expect(RecordedInstant.is('2026-02-30T09:00+07:00')).toBe(true);
    expect(RecordedInstant.is('2026-02-30')).toBe(false);
  });
});
