import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Instant, LocalDate, NonEmptyString, RecordedInstant, daysInMonth, hasNonSpace, instantProblem, isPlainInstant, isValidLocalDate } from './primitives.js';

// The checks as they were written first (a regular expression, `trim`, `Date.parse`): the faster ones
// must accept and refuse exactly the same values.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const referenceRecordedInstant = (s: string): boolean => ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s));
const referenceLocalDate = (s: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};
const referenceNonEmpty = (s: string): boolean => s.trim().length > 0;

/** Every character `trim` removes, and some it keeps that look alike. */
const SPACES = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const NOT_SPACES = ['\u0000', '\u001f', '\u0085', '\u180e', '\u200b', '\u167f', '\u1681', 'a', '!', 'é', 'Đ', '\ud83d'];

/** One character of an instant or date: mostly what belongs there, sometimes anything near it. */
const near = (...usual: string[]) => fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom('0', '9', '-', '+', ':', 'T', 't', 'Z', 'z', '.', ' ', '１', '٣', '') });
const digit = near('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((ds) => ds.join(''));
/** Two digits biased to the edges of months, days, hours and offsets. */
const field = fc.oneof(digits(2), fc.constantFrom('00', '01', '12', '13', '14', '15', '23', '24', '28', '29', '30', '31', '32', '59', '60', '99'));
const year = fc.oneof(digits(4), fc.constantFrom('0000', '1900', '2000', '2024', '2026', '2100', '9999'));
const fraction = fc.oneof(fc.constant(''), digits(1).map((d) => `.${d}`), digits(3).map((d) => `.${d}`), fc.integer({ min: 0, max: 11 }).chain((n) => digits(n).map((d) => `.${d}`)));
const zone = fc.oneof(fc.constant('Z'), fc.constant('z'), fc.constant(''), fc.tuple(near('+', '-'), field, near(':'), field).map((parts) => parts.join('')));
const instantLike = fc
  .tuple(year, near('-'), field, near('-'), field, near('T'), field, near(':'), field, fc.oneof(fc.constant(''), field.map((f) => `:${f}`)), fraction, zone)
  .map((parts) => parts.join(''));
const dateLike = fc.tuple(year, near('-'), field, near('-'), field).map((parts) => parts.join(''));
/** A valid value with one character changed, dropped or added. */
const mutated = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.nat(), fc.constantFrom('drop', 'change', 'add'), fc.constantFrom('0', '9', '3', '-', ':', '+', 'Z', 'T', '.', ' ', '\n')).map(([text, at, how, char]) => {
    const i = at % (text.length + 1);
    return how === 'drop' ? text.slice(0, i) + text.slice(i + 1) : how === 'change' ? text.slice(0, i) + char + text.slice(i + 1) : text.slice(0, i) + char + text.slice(i);
  });
const realInstant = fc
  .tuple(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -14 * 60 - 59, max: 14 * 60 + 59 }), fc.constantFrom(16, 19, 23))
  .map(([date, offset, cut]) => {
    const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
    const zoneText = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
    return `${date.toISOString().slice(0, cut)}${zoneText}`;
  });
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
const runs = { numRuns: 20_000 };

describe('the fast checks answer as the regular expressions and Date.parse do', () => {
  it('RecordedInstant: on real instants, instant-like text, near misses and any text', () => {
    fc.assert(
      fc.property(fc.oneof(realInstant, instantLike, mutated(realInstant), anyText), (text) => {
        expect(RecordedInstant.is(text), text).toBe(referenceRecordedInstant(text));
        // The fast path never accepts what the reference refuses.
        if (isPlainInstant(text)) expect(referenceRecordedInstant(text), text).toBe(true);
      }),
      runs,
    );
  });

  it('Instant: its fast path accepts exactly what its calendar check (instantProblem) accepts', () => {
    fc.assert(
      fc.property(fc.oneof(realInstant, instantLike, mutated(realInstant), anyText), (text) => {
        expect(Instant.is(text), text).toBe(instantProblem(text) === undefined);
      }),
      runs,
    );
    for (const text of ['2026-03-02T09:00:00+14:00', '2026-03-02T09:00:00.000-14:00']) expect(Instant.is(text), text).toBe(true);
    for (const text of ['2026-03-02T09:00:00+14:01', '2026-03-02T09:00:00.000-14:59']) expect(Instant.is(text), text).toBe(false);
  });

  it('the fast path takes the instants the desk writes', () => {
    for (const text of ['2026-03-02T09:00:00+07:00', '2026-03-02T02:00:00.000Z', '2024-02-29T23:59:59.999-14:00', '0000-02-29T00:00:00Z']) {
      expect(isPlainInstant(text), text).toBe(true);
    }
    for (const text of ['2026-02-29T09:00:00+07:00', '2026-03-02T24:00:00Z', '2026-03-02T09:00+07:00', '2026-03-02T09:00:00.1234Z', '2026-03-02T09:00:00+15:00']) {
      expect(isPlainInstant(text), text).toBe(false);
    }
  });

  it('LocalDate: on date-like text, near misses and any text', () => {
    const realDate = realInstant.map((text) => text.slice(0, 10));
    fc.assert(
      fc.property(fc.oneof(realDate, dateLike, mutated(realDate), anyText), (text) => {
        expect(isValidLocalDate(text), text).toBe(referenceLocalDate(text));
        expect(LocalDate.is(text), text).toBe(referenceLocalDate(text));
      }),
      runs,
    );
  });

  it('NonEmptyString: on text made of white space and its look-alikes, and any text', () => {
    const spacey = fc.array(fc.constantFrom(...SPACES, ...NOT_SPACES), { maxLength: 6 }).map((chars) => chars.join(''));
    const padded = fc.tuple(spacey, anyText, spacey).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(spacey, padded, anyText, fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))), (text) => {
        expect(hasNonSpace(text), JSON.stringify(text)).toBe(referenceNonEmpty(text));
        expect(NonEmptyString.is(text), JSON.stringify(text)).toBe(referenceNonEmpty(text));
      }),
      runs,
    );
    // Every single code unit, where `trim`'s white space lives.
    for (let code = 0; code <= 0xffff; code++) expect(hasNonSpace(String.fromCharCode(code)), code.toString(16)).toBe(referenceNonEmpty(String.fromCharCode(code)));
  });

  it('refuses what is not a string, as before', () => {
    for (const value of [undefined, null, 0, 20260302, {}, ['2026-03-02'], new Date(0)]) {
      expect(RecordedInstant.is(value)).toBe(false);
      expect(LocalDate.is(value)).toBe(false);
      expect(NonEmptyString.is(value)).toBe(false);
    }
  });
});
