import { describe, expect, it } from 'vitest';
import { hashedMetadataJson } from '@motcua/core';
import { compactMetadataText } from './encoded-batch.js';

// The law that the text is the metadata's JSON for any values: packages/core/src/kernel/stored-event-metadata-text.test.ts.
describe('compactMetadataText', () => {
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
      const compact = compactMetadataText(rest);
      expect(compact?.text).toBe(hashedMetadataJson(`[${rest}]`));
      // The first event's idempotency key and command hash, which the append takes.
      expect([compact?.idempotencyKey, compact?.commandHash]).toEqual([values[10] ?? undefined, values[11] ?? undefined]);
    }
    for (const rest of ['', '2', '{}', '2,"a"]', '[2]', JSON.stringify([...base, null, null, null, 3]).slice(1, -1)]) expect(compactMetadataText(rest)).toBeUndefined();
  });
});
