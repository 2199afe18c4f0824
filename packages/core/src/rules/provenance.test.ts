import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULE_SETS } from './data/built-in-rule-sets.js';
import { provenanceOf, unsourcedValues, valuePaths } from './provenance.js';
import type { RuleSet } from './types.js';

describe('every value of a built-in rule set says where it comes from (docs/domain/README.md)', () => {
  it.each(BUILT_IN_RULE_SETS.map((ruleSet) => [ruleSet.id, ruleSet] as const))('%s: each value sourced or to confirm, no entry for a value it lacks', (_id, ruleSet) => {
    expect(unsourcedValues(ruleSet)).toEqual({ missing: [], stale: [] });
  });

  it('a value added to a rule set without its provenance is named', () => {
    const base = BUILT_IN_RULE_SETS[0] as RuleSet;
    const grown = { ...base, apology: { ...base.apology, newRule: 3 } } as RuleSet;
    expect(unsourcedValues(grown).missing).toEqual(['apology.newRule']);
    const renamed = { ...base, provenance: { ...base.provenance, 'apology.oldName': { status: 'sourced', source: 'x' } } } as RuleSet;
    expect(unsourcedValues(renamed).stale).toEqual(['apology.oldName']);
  });

  it('leaves out ids, descriptions and values that carry their own status and source', () => {
    const paths = valuePaths(BUILT_IN_RULE_SETS[0] as RuleSet);
    expect(paths).not.toContain('id');
    expect(paths.some((path) => path.startsWith('notes') || path.startsWith('legalBasis') || path.endsWith('.version'))).toBe(false);
    expect(paths.some((path) => path.startsWith('fourLevelCriteria.'))).toBe(false);
    expect(paths).toContain('apology.minWorkingDaysBeforeDue');
  });

  it('a successor marks a value carried over from Decree 61/2018 to confirm against its own text', () => {
    const [decree61, decree118] = BUILT_IN_RULE_SETS as [RuleSet, RuleSet];
    expect(provenanceOf(decree61, 'transferCutoff')?.status).toBe('sourced');
    expect(provenanceOf(decree118, 'transferCutoff')).toMatchObject({ status: 'to-confirm', source: expect.stringContaining('Decree 118/2025') });
  });
});
