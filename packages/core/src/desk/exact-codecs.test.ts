import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import type { t } from '../fp.js';
import { arbitraryOf } from '../kernel/codec-arbitrary.testkit.js';
import { strayFields } from '../kernel/exact.js';
import { STREAM_DEFINITIONS } from './stream-definitions.js';

/** Paths of every plain object inside a value, the value itself first (`[]`). */
const objectPaths = (value: unknown, path: readonly (string | number)[] = []): (readonly (string | number)[])[] => {
  if (typeof value !== 'object' || value === null) return [];
  const below = Object.entries(value).flatMap(([key, child]) => objectPaths(child, [...path, Array.isArray(value) ? Number(key) : key]));
  return Array.isArray(value) ? below : [path, ...below];
};

const withExtra = (value: unknown, path: readonly (string | number)[], key: string, extra: unknown): unknown => {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const step of path) target = target[step] as Record<string | number, unknown>;
  target[key] = extra;
  return copy;
};

const extraKey = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,11}$/).map((name) => `x${name}`);

const codecs: [string, t.Mixed][] = STREAM_DEFINITIONS.flatMap((definition) => [
  [`${definition.name} commands`, definition.commandCodec as t.Mixed],
  [`${definition.name} events`, definition.eventCodec as t.Mixed],
]);

describe('every command and event codec is exact-checkable', () => {
  for (const [name, codec] of codecs) {
    it.prop([arbitraryOf(codec), extraKey, fc.jsonValue({ maxDepth: 2 }), fc.nat()], { numRuns: 150 })(
      `${name}: a generated value has no stray field, and an extra key at any object level is found where it was put`,
      (value, key, extra, pick) => {
        // Given a value the codec accepts
        expect(codec.is(value)).toBe(true);
        expect(strayFields(codec, value)).toEqual([]);
        // When an extra key is put into one of its objects
        const levels = objectPaths(value);
        const at = levels[pick % levels.length] ?? [];
        // Then it is the one stray field found, at its path
        expect(strayFields(codec, withExtra(value, at, key, extra)).map((s) => s.path)).toEqual([[...at, key].join('.')]);
      },
    );
  }
});
