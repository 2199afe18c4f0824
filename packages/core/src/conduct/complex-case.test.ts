import { describe, expect, it } from 'vitest';
import { fold } from '../kernel/decider.js';
import {
  at,
  decide,
  decided,
  declareComplex,
  declaredComplex,
  decider,
  proposed,
  spec,
  untilConcluded,
} from './conduct.testkit.js';

/**
 * A discipline case declared complex (docs/domain/conduct-catalogue.md §3): the proposal of Tue 16 Sep
 * 2025 gives the seconding agency 90 calendar days, to Mon 15 Dec 2025; declared complex in time, it
 * has 150, to Fri 13 Feb 2026.
 */
const pending = [...untilConcluded, proposed()];
const ARTICLE = 'Decree 112/2020/NĐ-CP; Decree 234/2026/NĐ-CP';

describe('DeclareDisciplineCaseComplex', () => {
  it('Given a pending decision, When the authority declares the case complex in time, Then the decision is due 150 calendar days after the proposal', () => {
    spec.given(pending).when(declareComplex()).then([declaredComplex()]);
  });

  it('Given a pending decision, When it is declared on the last day of the 90, Then it is still in time', () => {
    const onTheDueDate = { occurredAt: at('2025-12-15', '16:00') };
    spec.given(pending).when(declareComplex(onTheDueDate)).then([declaredComplex({ ...onTheDueDate, declaredOn: '2025-12-15' })]);
  });

  it('Given a case declared complex, When the decision comes after the 90 days but within the 150, Then it is on time', () => {
    const late = { occurredAt: at('2026-02-02'), doneOn: '2026-02-02', dueDate: '2026-02-13', onTime: true };
    spec.given([...pending, declaredComplex()]).when(decide({ occurredAt: late.occurredAt })).then([decided(late)]);
    const state = fold(decider, [...pending, declaredComplex(), decided(late)]);
    expect(state.stage !== 'not-reported' && state.steps['decide-discipline']).toEqual({ dueDate: '2026-02-13', doneOn: '2026-02-02', onTime: true });
  });

  it('Given no declaration, When the decision comes on the same day, Then it is late against the 90 days', () => {
    spec.given(pending).when(decide({ occurredAt: at('2026-02-02') })).then([decided({ occurredAt: at('2026-02-02'), doneOn: '2026-02-02', onTime: false })]);
  });

  it('Given the 90 days ran out, When a live desk declares the case complex, Then it is refused, naming the due date and the law', () => {
    const refusal = spec.given(pending).when(declareComplex({ occurredAt: at('2025-12-17') })).thenFails('INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT', 'BusinessRuleViolated');
    expect(refusal.message).toBe('the discipline decision was due 2025-12-15; a case can be declared complex only before its 90 days run out');
    expect(refusal).toMatchObject({ legalBasis: ARTICLE, details: { declaredOn: '2025-12-17', dueDate: '2025-12-15', ruleSetId: 'decree-118-2025' } });
  });

  it('Given the 90 days ran out, When the declaration is imported from history, Then it is recorded with the broken rule named', () => {
    spec
      .given(pending)
      .when(declareComplex({ occurredAt: at('2025-12-17') }), { mode: 'record' })
      .then([
        declaredComplex({
          occurredAt: at('2025-12-17'),
          declaredOn: '2025-12-17',
          breaches: [{ rule: 'INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT', ruleSetId: 'decree-118-2025', article: ARTICLE, measured: { calendarDaysPastDueDate: 2, ordinaryDays: 90 } }],
        }),
      ]);
  });

  it('Given the decision was taken, When the case is declared complex, Then it is refused, live or recorded: there is no pending case', () => {
    for (const mode of ['refuse', 'record'] as const) {
      spec.given([...pending, decided()]).when(declareComplex(), { mode }).thenFails('INCIDENT_DISCIPLINE_ALREADY_DECIDED');
    }
  });

  it('Given no proposal, When the case is declared complex, Then it is refused', () => {
    spec.given(untilConcluded).when(declareComplex()).thenFails('INCIDENT_DISCIPLINE_NOT_PROPOSED');
  });

  it('Given a case already declared complex, When it is declared again, Then it is refused', () => {
    spec.given([...pending, declaredComplex()]).when(declareComplex({ occurredAt: at('2025-12-02') })).thenFails('INCIDENT_DISCIPLINE_ALREADY_COMPLEX');
  });

  it('Given a declaration dated before the proposal, Then it is refused like any step out of order', () => {
    spec.given(pending).when(declareComplex({ occurredAt: at('2025-09-16', '13:00') })).thenFails('INCIDENT_OCCURRED_BEFORE_PREVIOUS_STEP');
  });
});
