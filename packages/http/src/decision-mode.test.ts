import { describe, expect, it } from 'vitest';
import { decisionModeOf } from './decision-mode.js';

describe('?mode=record on a command route', () => {
  it('refuses by default and on mode=refuse; mode=record is passed on to the desk, which decides who may record', () => {
    expect(decisionModeOf({})).toEqual({ mode: 'refuse' });
    expect(decisionModeOf({ mode: 'refuse' })).toEqual({ mode: 'refuse' });
    expect(decisionModeOf({ mode: 'record' })).toEqual({ mode: 'record' });
  });

  it('names the parameter when the mode is neither record nor refuse, empty or given twice, and any other parameter (400)', () => {
    const cases: readonly [Record<string, unknown>, string, string][] = [
      [{ mode: 'Record' }, 'mode', 'DecisionMode'],
      [{ mode: '' }, 'mode', 'length'],
      [{ mode: ['record', 'record'] }, 'mode', 'single'],
      [{ mod: 'record' }, 'mod', 'unknown'],
    ];
    for (const [query, field, rule] of cases) {
      expect(decisionModeOf(query)).toMatchObject({ problem: { status: 400, errors: [{ field, rule }] } });
    }
  });
});
