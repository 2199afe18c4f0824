import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactMetadataValues, hashedMetadataJson } from './stored-event.js';

/** Strings of every kind a value may hold: quotes, backslashes, control characters, lone surrogates, line separators. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'a"b', 'a\\b', '\n', '\u0000', '\u2028', '\ud800', 'x\udfff', '😀', 'Bộ phận Một cửa'),
);

/** Values near the compact form: every element of a kind it takes or of a kind it refuses, 8 to 15 of them. */
const nearlyCompact = fc.tuple(
  fc.constantFrom<unknown>(1, 2, 3, '1', null),
  fc.array(fc.oneof({ weight: 8, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 7, true, [], {}) }), { minLength: 8, maxLength: 8 }),
  fc.array(fc.oneof(text, fc.constant(null), fc.double(), fc.integer()), { maxLength: 6 }),
);

/** The text of values as JSON, or written otherwise and read back the same: a letter as a `\u` escape, lone surrogates as they stand. */
const textOf = (values: unknown[], writing: 'json' | 'escape' | 'raw surrogates'): string => {
  const json = JSON.stringify(values);
  if (writing === 'escape') return json.replace(/([^\\])e/, '$1\\u0065');
  return writing === 'raw surrogates' ? json.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : json;
};

const isString = (value: unknown): boolean => typeof value === 'string';
const isNumber = (value: unknown): boolean => typeof value === 'number';

/**
 * The metadata compact values hold, in the form `compactMetadataJson` writes (kernel/stored-event.ts):
 * `[form, eventId, occurredAt, actorId, actorRole, tenantId, correlationId, causationId, recordedAt,
 * ruleSetVersion?, idempotencyKey?, commandHash?, workingDays?, minutes?]`, `eventId` first in form 1
 * and after the context in form 2; as JSON text, or undefined for values not of that form.
 */
const referenceText = (a: readonly unknown[]): string | undefined => {
  if (a.length < 9 || a.length > 14 || (a[0] !== 1 && a[0] !== 2) || !a.slice(1, 9).every(isString)) return undefined;
  if (!a.slice(9, 12).every((value) => value === null || isString(value))) return undefined;
  if (a.length > 12 && (a.length !== 14 || !isNumber(a[12]) || !isNumber(a[13]))) return undefined;
  const metadata: Record<string, unknown> = {};
  if (a[0] === 1) metadata['eventId'] = a[1];
  metadata['occurredAt'] = a[2];
  metadata['actor'] = { id: a[3], role: a[4] };
  metadata['tenantId'] = a[5];
  metadata['correlationId'] = a[6];
  metadata['causationId'] = a[7];
  if (a[9] !== null && a[9] !== undefined) metadata['ruleSetVersion'] = a[9];
  if (a[10] !== null && a[10] !== undefined) metadata['idempotencyKey'] = a[10];
  if (a[11] !== null && a[11] !== undefined) metadata['commandHash'] = a[11];
  if (a[12] !== null && a[12] !== undefined) metadata['lateEntry'] = { workingDays: a[12], minutes: a[13] };
  if (a[0] === 2) metadata['eventId'] = a[1];
  metadata['recordedAt'] = a[8];
  return JSON.stringify(metadata);
};

describe('the metadata text compact values give back (the text an event is hashed over)', () => {
  it('is JSON.stringify of the metadata they hold, however the values are written; other values stand as they are', () => {
    fc.assert(
      fc.property(nearlyCompact, fc.constantFrom('json', 'escape', 'raw surrogates'), ([form, strings, optional], writing) => {
        const values = [form, ...strings, ...optional];
        const written = textOf(values, writing);
        // An escape put into a number (`5e-324`) makes a text that is not JSON: it stands as it is.
        const parsed = ((): unknown => {
          try {
            return JSON.parse(written);
          } catch {
            return undefined;
          }
        })();
        const expected = Array.isArray(parsed) ? referenceText(parsed) : undefined;
        expect(hashedMetadataJson(written)).toBe(expected ?? written);
        expect(compactMetadataValues(written)?.text).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a text that is not compact values as it stands', () => {
    for (const stored of ['{"eventId":"e"}', '[', '[2]', '[2,"a"]', 'null', '']) {
      expect(hashedMetadataJson(stored)).toBe(stored);
      expect(compactMetadataValues(stored)).toBeUndefined();
    }
  });
});
