import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashedMetadataJson } from '@motcua/core';
import { compactMetadataText } from './encoded-batch.js';

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

/**
 * The text of values as JSON, or written otherwise and read back the same: a letter as a `\u` escape,
 * lone surrogates as they stand rather than escaped.
 */
const textOf = (values: unknown[], writing: 'json' | 'escape' | 'raw surrogates'): string => {
  const json = JSON.stringify(values).slice(1, -1);
  if (writing === 'escape') return json.replace(/([^\\])e/, '$1\\u0065');
  return writing === 'raw surrogates' ? json.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : json;
};

describe('compactMetadataText', () => {
  it('gives back the metadata text of compact values that hashedMetadataJson gives, and nothing for values that are not compact', () => {
    fc.assert(
      fc.property(nearlyCompact, fc.constantFrom('json', 'escape', 'raw surrogates'), ([form, strings, optional], writing) => {
        const rest = textOf([form, ...strings, ...optional], writing);
        const values = `[${rest}]`;
        const expected = hashedMetadataJson(values);
        const compact = compactMetadataText(rest);
        if (expected === values) {
          expect(compact).toBeUndefined();
        } else {
          expect(compact?.text).toBe(expected);
          const metadata = JSON.parse(expected) as { idempotencyKey?: string; commandHash?: string };
          expect(compact?.idempotencyKey).toBe(metadata.idempotencyKey ?? null);
          expect(compact?.commandHash).toBe(metadata.commandHash ?? null);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the forms an append writes, with and without optional values and a late entry', () => {
    const base = [2, 'id-1', '2026-01-05T08:00:00+07:00', 'officer', 'receptionist', 'p', 'c-1', 'c-1', '2026-01-05T01:00:00.000Z'];
    const cases: unknown[][] = [
      base,
      [1, ...base.slice(1)],
      [...base, 'rules-1'],
      [...base, null, 'key', 'hash'],
      [...base, null, null, null, 3, 45],
      [...base, 'r', 'k', 'h', 1.5, -0],
      [...base.slice(0, 3), 'say "hi" \\ \u0001', ...base.slice(4)],
    ];
    for (const values of cases) {
      const rest = JSON.stringify(values).slice(1, -1);
      expect(compactMetadataText(rest)?.text).toBe(hashedMetadataJson(`[${rest}]`));
    }
    for (const rest of ['', '2', '{}', '2,"a"]', '[2]', JSON.stringify([...base, null, null, null, 3]).slice(1, -1)]) expect(compactMetadataText(rest)).toBeUndefined();
  });
});
