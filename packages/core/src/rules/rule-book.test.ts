import { describe, it, expect } from 'vitest';
import { createRuleBook, defaultRuleBook } from './rule-book.js';
import { DECREE_61_2018 } from './data/decree-61-2018.js';
import { DECREE_118_2025 } from './data/decree-118-2025.js';
import { DECREE_118_2025_AMENDED_2026 } from './data/decree-118-2025-amended-2026.js';
import { DECREE_118_2025_AMENDED_2026_07 } from './data/decree-118-2025-amended-2026-07.js';
import type { ProcedureVersion } from './types.js';

const book = defaultRuleBook();

describe('inForceAt', () => {
  it.each([
    ['2018-06-21T00:00:00+07:00', 'decree-61-2018'],
    ['2025-06-30T23:59:00+07:00', 'decree-61-2018'],
    ['2025-06-30T16:59:59Z', 'decree-61-2018'],
    ['2025-07-01T00:00:00+07:00', 'decree-118-2025'],
    // 17:30 UTC on 30 June is already 00:30 on 1 July in Vietnam.
    ['2025-06-30T17:30:00Z', 'decree-118-2025'],
    ['2025-12-31T23:59:59+07:00', 'decree-118-2025'],
    ['2026-01-01T00:00:00+07:00', 'decree-118-2025-amended-2026'],
    ['2026-06-30T23:59:59+07:00', 'decree-118-2025-amended-2026'],
    ['2026-07-01T00:00:00+07:00', 'decree-118-2025-amended-2026-07'],
    ['2031-05-05T10:00:00+07:00', 'decree-118-2025-amended-2026-07'],
    ['2025-07-01', 'decree-118-2025'],
  ])('%s → %s', (instant, id) => {
    expect(book.inForceAt(instant).id).toBe(id);
  });

  it('throws before the first rule set: a dossier from then is a configuration bug', () => {
    expect(() => book.inForceAt('2018-06-20T23:59:59+07:00')).toThrow(/no rule set in force on 2018-06-20.*decree-61-2018, starts 2018-06-21/);
    // 16:59:59 UTC on 20 June is 23:59:59 in Vietnam, still 20 June.
    expect(() => book.inForceAt('2018-06-20T16:59:59Z')).toThrow(/2018-06-20/);
    expect(book.inForceAt('2018-06-20T17:00:00Z').id).toBe('decree-61-2018');
  });

  it('throws on what is not an instant or a date', () => {
    expect(() => book.inForceAt('yesterday')).toThrow(RangeError);
  });
});

describe('the rule book', () => {
  it('lists its sets in effective order and finds them by id', () => {
    expect(book.ruleSets.map((s) => s.id)).toEqual(['decree-61-2018', 'decree-118-2025', 'decree-118-2025-amended-2026', 'decree-118-2025-amended-2026-07']);
    expect(book.byId('decree-118-2025')).toBe(DECREE_118_2025);
    expect(book.byId('decree-0-1900')).toBeUndefined();
  });

  it('is built once: every call gives the same book', () => {
    expect(defaultRuleBook()).toBe(book);
  });

  it('sorts the sets it is given', () => {
    const reversed = createRuleBook([DECREE_118_2025_AMENDED_2026_07, DECREE_118_2025_AMENDED_2026, DECREE_118_2025, DECREE_61_2018]);
    expect(reversed.ruleSets.map((s) => s.id)).toEqual(book.ruleSets.map((s) => s.id));
  });

  it('refuses a bad configuration', () => {
    expect(() => createRuleBook([])).toThrow(/at least one/);
    expect(() => createRuleBook([DECREE_61_2018, { ...DECREE_118_2025, id: 'decree-61-2018' }])).toThrow(/used twice/);
    expect(() => createRuleBook([DECREE_61_2018, { ...DECREE_118_2025, effectiveFrom: '2025-06-30' }])).toThrow(/must start the day after/);
    expect(() => createRuleBook([DECREE_61_2018, { ...DECREE_118_2025, effectiveFrom: '2025-07-02' }])).toThrow(/must start the day after/);
    const openEnded = { ...DECREE_61_2018 };
    delete (openEnded as { effectiveTo?: string }).effectiveTo;
    expect(() => createRuleBook([openEnded, DECREE_118_2025])).toThrow(/open-ended/);
    expect(() => createRuleBook([{ ...DECREE_61_2018, transferCutoff: '3pm' }])).toThrow(/transferCutoff/);
  });
});

describe('procedureAt', () => {
  it('gives the version in force on the Vietnamese day of the instant', () => {
    const before = book.procedureAt('1.012753', '2025-06-30T23:59:00+07:00');
    const after = book.procedureAt('1.012753', '2025-06-30T17:30:00Z');
    expect(before?.timeLimit).toEqual({ amount: 20, unit: 'working-days' });
    expect(after?.timeLimit).toEqual({ amount: 17, unit: 'working-days' });
    expect(after?.effectiveFrom).toBe('2025-07-01');
  });

  it('gives nothing before the first version or for an unknown code', () => {
    expect(book.procedureAt('1.012753', '2024-07-31T12:00:00+07:00')).toBeUndefined();
    expect(book.procedureAt('9.999999', '2025-07-01T12:00:00+07:00')).toBeUndefined();
  });

  it('refuses a catalogue whose versions overlap', () => {
    const version = book.procedureAt('1.001193', '2025-01-01') as ProcedureVersion;
    expect(() => createRuleBook([DECREE_61_2018], [version, { ...version, effectiveFrom: '2020-01-01' }])).toThrow(
      /1\.effectiveFrom: 1\.001193 overlaps/,
    );
  });
});
