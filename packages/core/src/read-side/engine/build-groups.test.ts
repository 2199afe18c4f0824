import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { balanceBuildGroups } from './build-groups.js';

describe('balanceBuildGroups', () => {
  test.prop([fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 12 }), fc.integer({ min: 1, max: 6 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.nat(100))])(
    'puts every projection in exactly one of at most `count` non-empty groups, and no group costs more than the cheapest plus the costliest projection',
    (names, count, costs) => {
      const costOf = (name: string) => (Object.hasOwn(costs, name) ? costs[name] : undefined);
      const groups = balanceBuildGroups(names, count, costOf, 7);
      expect(groups.flat().sort()).toEqual([...names].sort());
      expect(groups.length).toBeLessThanOrEqual(Math.max(1, count));
      for (const group of groups) expect(group.length).toBeGreaterThan(0);
      if (names.length >= count) expect(groups).toHaveLength(count);
      const cost = (name: string) => costOf(name) ?? 7;
      const totals = groups.map((group) => group.reduce((sum, name) => sum + cost(name), 0));
      const costliest = Math.max(0, ...names.map(cost));
      if (totals.length > 0) expect(Math.max(...totals)).toBeLessThanOrEqual(Math.min(...totals) + costliest);
    },
  );
});
