import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { decodeRuleSet } from './codecs.js';
import { DECREE_118_2025_AMENDED_2026 } from './data/decree-118-2025-amended-2026.js';
import { recordingRolesAt } from './recording-roles.js';
import { defaultRuleBook } from './rule-book.js';

describe('who may record a fact with its breaches', () => {
  it('is the system role under the built-in rule sets, and for a time no rule set covers', () => {
    expect(recordingRolesAt(defaultRuleBook(), '2026-03-02T09:00:00+07:00')).toEqual(['system']);
    expect(recordingRolesAt(defaultRuleBook(), 'not a time')).toEqual(['system']);
    expect(recordingRolesAt(defaultRuleBook(), '1990-01-01T09:00:00+07:00')).toEqual(['system']);
  });

  it('is read from a rule set that names roles, and a role that does not exist is refused naming the field', () => {
    expect(isRight(decodeRuleSet({ ...DECREE_118_2025_AMENDED_2026, recordingRoles: ['system', 'unit-head'] }))).toBe(true);
    const bad = decodeRuleSet({ ...DECREE_118_2025_AMENDED_2026, recordingRoles: ['system', 'clerk'] });
    expect(isLeft(bad) && bad.left.issues.map((issue) => issue.field)).toEqual(['recordingRoles.1']);
  });
});
