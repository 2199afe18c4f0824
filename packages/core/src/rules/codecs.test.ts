import { describe, it, expect } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { decodeProcedureCatalogue, decodeRuleSet } from './codecs.js';
import { BUILT_IN_RULE_SETS } from './data/built-in-rule-sets.js';
import { DECREE_61_2018 } from './data/decree-61-2018.js';
import { SAMPLE_PROCEDURES } from './data/sample-procedures.js';
import catalogue from './data/procedures.json' with { type: 'json' };

const fieldsOf = (result: ReturnType<typeof decodeRuleSet> | ReturnType<typeof decodeProcedureCatalogue>) =>
  isLeft(result) ? result.left.issues.map((i) => i.field) : [];

describe('decodeRuleSet', () => {
  it('accepts every built-in set', () => {
    for (const set of BUILT_IN_RULE_SETS) expect(isRight(decodeRuleSet(set)), set.id).toBe(true);
  });

  it('names each bad field', () => {
    const result = decodeRuleSet({
      ...DECREE_61_2018,
      transferCutoff: '25:00',
      supplementClockPolicy: 'STOP',
      feedbackDeadlineWorkingDays: { ...DECREE_61_2018.feedbackDeadlineWorkingDays, 'to-cao': -1 },
      apology: { maxPerDossier: 1 },
    });
    expect(fieldsOf(result)).toEqual([
      'transferCutoff',
      'supplementClockPolicy',
      'apology.minWorkingDaysBeforeDue',
      'feedbackDeadlineWorkingDays.to-cao',
    ]);
    expect(isLeft(result) && result.left.message).toMatch(/transferCutoff: must be a time of day HH:MM, got "25:00"/);
  });

  it('refuses a key it does not name, at any depth, with its path, rather than leave the value it meant at its default', () => {
    const result = decodeRuleSet({
      ...DECREE_61_2018,
      evaluationScaleByStatus: { public_employee: 'four-levels-decree-90-2020' },
      incidentStepDeadlineUnits: { decide_discipline: 'calendar-days' },
      evaluationScal: 'four-levels-decree-90-2020',
      apology: { ...DECREE_61_2018.apology, maxPerDossiers: 2 },
    });
    expect([...fieldsOf(result)].sort()).toEqual(['apology.maxPerDossiers', 'evaluationScal', 'evaluationScaleByStatus.public_employee', 'incidentStepDeadlineUnits.decide_discipline']);
    expect(isLeft(result) && result.left.message).toMatch(/evaluationScaleByStatus\.public_employee: is not a field of/);
    const procedures = decodeProcedureCatalogue([{ ...SAMPLE_PROCEDURES[0], feeDongs: 0 }]);
    expect(fieldsOf(procedures)).toEqual(['0.feeDongs']);
  });

  it('names a bad field of the officer rating proposal policy', () => {
    const policy = DECREE_61_2018.officerRatingProposal;
    const result = decodeRuleSet({
      ...DECREE_61_2018,
      officerRatingProposal: { ...policy, timelinessAgainst: 'return-date', hundredPoints: { ...policy?.hundredPoints, general: -30 } },
    });
    expect(fieldsOf(result)).toEqual(['officerRatingProposal.timelinessAgainst', 'officerRatingProposal.hundredPoints.general']);
  });

  it('accepts a rule set without a proposal policy (older configurations)', () => {
    const { officerRatingProposal: _policy, ...older } = DECREE_61_2018;
    expect(isRight(decodeRuleSet(older))).toBe(true);
  });

  it('reads a configuration from before incident step units as counting every step in working days', () => {
    // Given a stored configuration without the units, still giving the discipline decision 60 working days
    const { incidentStepDeadlineUnits: _units, ...older } = DECREE_61_2018;
    const stored = { ...older, incidentStepDeadlineWorkingDays: { ...older.incidentStepDeadlineWorkingDays, 'decide-discipline': 60 } };
    // When it is decoded, then it is accepted as it is, and no step is counted in calendar days
    const decoded = decodeRuleSet(stored);
    expect(isRight(decoded) && decoded.right.incidentStepDeadlineUnits).toBe(undefined);
    expect(isRight(decoded) && decoded.right.incidentStepDeadlineWorkingDays['decide-discipline']).toBe(60);
  });

  it('accepts units for some steps only, and names a unit it does not know', () => {
    expect(isRight(decodeRuleSet({ ...DECREE_61_2018, incidentStepDeadlineUnits: { 'decide-discipline': 'calendar-days' } }))).toBe(true);
    const result = decodeRuleSet({ ...DECREE_61_2018, incidentStepDeadlineUnits: { 'decide-discipline': 'working-hours' } });
    expect(fieldsOf(result)).toEqual(['incidentStepDeadlineUnits.decide-discipline']);
  });

  it('reads the complex-case days of the discipline decision, refusing fewer than its ordinary days, another step, or a misspelt one', () => {
    const decoded = decodeRuleSet({ ...DECREE_61_2018, incidentStepComplexCaseDays: { 'decide-discipline': 180 } });
    expect(isRight(decoded) && decoded.right.incidentStepComplexCaseDays).toEqual({ 'decide-discipline': 180 });
    const shorter = decodeRuleSet({ ...DECREE_61_2018, incidentStepComplexCaseDays: { 'decide-discipline': 80 } });
    expect(fieldsOf(shorter)).toEqual(['incidentStepComplexCaseDays.decide-discipline']);
    expect(isLeft(shorter) && shorter.left.message).toMatch(/must be at least incidentStepDeadlineWorkingDays\.decide-discipline \(90\), got 80/);
    expect(fieldsOf(decodeRuleSet({ ...DECREE_61_2018, incidentStepComplexCaseDays: { conclude: 10 } }))).toEqual(['incidentStepComplexCaseDays.conclude']);
    expect(fieldsOf(decodeRuleSet({ ...DECREE_61_2018, incidentStepComplexCaseDays: { decide_discipline: 150 } }))).toEqual(['incidentStepComplexCaseDays.decide_discipline']);
    const { incidentStepComplexCaseDays: _complex, ...older } = DECREE_61_2018;
    expect(isRight(decodeRuleSet(older))).toBe(true);
  });

  it('refuses praise or no kind at all among the kinds of feedback measured', () => {
    expect(fieldsOf(decodeRuleSet({ ...DECREE_61_2018, feedbackKindsMeasured: ['phan-anh', 'khen'] }))).toEqual(['feedbackKindsMeasured.1']);
    expect(fieldsOf(decodeRuleSet({ ...DECREE_61_2018, feedbackKindsMeasured: [] }))).toEqual(['feedbackKindsMeasured']);
  });

  it('refuses an effective range that ends before it starts', () => {
    const result = decodeRuleSet({ ...DECREE_61_2018, effectiveTo: '2018-01-01' });
    expect(fieldsOf(result)).toEqual(['effectiveTo']);
  });
});

describe('decodeProcedureCatalogue', () => {
  it('loads the sample catalogue: nine versions of eight real procedures', () => {
    expect(isRight(decodeProcedureCatalogue(catalogue))).toBe(true);
    expect(SAMPLE_PROCEDURES).toHaveLength(9);
    expect(new Set(SAMPLE_PROCEDURES.map((p) => p.code)).size).toBe(8);
    const birth = SAMPLE_PROCEDURES.find((p) => p.code === '1.001193');
    expect(birth).toMatchObject({ name: 'Đăng ký khai sinh', feeDong: 0, immediateResult: true });
    expect(SAMPLE_PROCEDURES.every((p) => p.requiredDocuments.length > 0 && p.legalBasis?.length)).toBe(true);
  });

  it('names the bad field with its index', () => {
    const [first, second] = catalogue;
    const result = decodeProcedureCatalogue([first, { ...second, code: '1000894', feeDong: 1.5, onlineLevel: 'level-4' }]);
    expect(fieldsOf(result)).toEqual(['1.code', '1.feeDong', '1.onlineLevel']);
  });

  it('requires a time limit unless the result is given at once', () => {
    const [first] = SAMPLE_PROCEDURES;
    const result = decodeProcedureCatalogue([{ ...first, immediateResult: false, timeLimit: { amount: 0, unit: 'working-days' } }]);
    expect(fieldsOf(result)).toEqual(['0.timeLimit.amount']);
  });

  it('refuses two versions of one code that overlap', () => {
    const [first] = SAMPLE_PROCEDURES;
    const result = decodeProcedureCatalogue([first, { ...first, effectiveFrom: '2024-01-01' }]);
    expect(fieldsOf(result)).toEqual(['1.effectiveFrom']);
  });
});
