import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyFilter } from './key-filter.js';

describe('KeyFilter', () => {
  it('holds every key added, whatever the keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary' }), { maxLength: 200 }), (keys) => {
        const filter = new KeyFilter(12);
        for (const key of keys) filter.add(key);
        for (const key of keys) expect(filter.mayHold(key)).toBe(true);
      }),
    );
  });

  it('answers true for few keys never added, at a hundred thousand document keys', () => {
    const filter = new KeyFilter(20);
    for (let i = 0; i < 100_000; i++) filter.add(`tn/timeliness/dossier/000.00.15.H12-260302-${i}`);
    let falsePositives = 0;
    for (let i = 100_000; i < 200_000; i++) if (filter.mayHold(`tn/timeliness/dossier/000.00.15.H12-260302-${i}`)) falsePositives++;
    // 2^20 bits, 3 probes, 10^5 keys: about 1.6% in theory.
    expect(falsePositives).toBeLessThan(3_000);
  });
});
