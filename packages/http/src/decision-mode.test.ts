import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULE_SETS, createRuleBook, defaultRuleBook, SAMPLE_PROCEDURES } from '@motcua/core';
import { decisionModeOf } from './decision-mode.js';

const occurredAt = '2026-03-09T09:00:00+07:00';
const data = { occurredAt };

describe('?mode=record on a command route', () => {
  it('refuses by default and on mode=refuse, for every role', () => {
    expect(decisionModeOf({}, 'receptionist', defaultRuleBook(), data)).toEqual({ mode: 'refuse' });
    expect(decisionModeOf({ mode: 'refuse' }, 'citizen', defaultRuleBook(), data)).toEqual({ mode: 'refuse' });
  });

  it('lets the system role record under the built-in rule sets, and tells anyone else who may (403)', () => {
    expect(decisionModeOf({ mode: 'record' }, 'system', defaultRuleBook(), data)).toEqual({ mode: 'record' });
    const denied = decisionModeOf({ mode: 'record' }, 'processing-officer', defaultRuleBook(), data);
    expect(denied).toMatchObject({ problem: { status: 403, detail: 'a processing-officer may not record with mode=record; the rule set allows: system' } });
  });

  it('lets the roles a rule set names record, judged by the rule set in force at the fact', () => {
    const rules = createRuleBook(
      BUILT_IN_RULE_SETS.map((set) => (set.id === 'decree-118-2025-amended-2026' ? { ...set, recordingRoles: ['system', 'unit-head'] as const } : set)),
      SAMPLE_PROCEDURES,
    );
    expect(decisionModeOf({ mode: 'record' }, 'unit-head', rules, data)).toEqual({ mode: 'record' });
    // A fact from 2025 falls under a set that names no one but the system.
    expect(decisionModeOf({ mode: 'record' }, 'unit-head', rules, { occurredAt: '2025-03-03T09:00:00+07:00' })).toMatchObject({ problem: { status: 403 } });
    // Without a readable occurredAt only the system may record (the body is refused later anyway).
    expect(decisionModeOf({ mode: 'record' }, 'unit-head', rules, { occurredAt: 'soon' })).toMatchObject({ problem: { status: 403 } });
  });

  it('names the parameter when the mode is neither record nor refuse, empty or given twice, and any other parameter (400)', () => {
    const cases: readonly [Record<string, unknown>, string, string][] = [
      [{ mode: 'Record' }, 'mode', 'DecisionMode'],
      [{ mode: '' }, 'mode', 'length'],
      [{ mode: ['record', 'record'] }, 'mode', 'single'],
      [{ mod: 'record' }, 'mod', 'unknown'],
    ];
    for (const [query, field, rule] of cases) {
      expect(decisionModeOf(query, 'system', defaultRuleBook(), data)).toMatchObject({ problem: { status: 400, errors: [{ field, rule }] } });
    }
  });
});
