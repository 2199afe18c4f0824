import { describe, expect, it } from 'vitest';
import { fold } from '../kernel/decider.js';
import { INCIDENT_CATALOGUE } from './catalogue.js';
import {
  acknowledge,
  acknowledged,
  answer,
  answered,
  apologise,
  apologised,
  at,
  byCamera,
  close,
  closed,
  conclude,
  concluded,
  decide,
  decided,
  decider,
  investigationStarted,
  propose,
  proposed,
  report,
  reported,
  reportedByCamera,
  spec,
  startInvestigation,
  untilConcluded,
  wholeStory,
} from './conduct.testkit.js';

describe('ReportIncident', () => {
  it('records the report and fixes the acknowledgement deadline past the National Day holidays', () => {
    spec.given([]).when(report()).then([reported()]);
  });

  it('needs no answer when nobody reported it', () => {
    spec.given([]).when(report(byCamera)).then([reportedByCamera()]);
  });

  it('owes an answer when the incident came from a feedback', () => {
    const fromFeedback = { source: 'citizen-feedback', feedbackId: 'FB-2025-0412', reporterId: undefined } as const;
    spec.given([]).when(report(fromFeedback)).then([reported(fromFeedback)]);
  });
});

describe('AcknowledgeIncident', () => {
  it('records severity, on time, and schedules the investigation 10 working days later', () => {
    spec.given([reported()]).when(acknowledge()).then([acknowledged()]);
  });

  it('reclassifies the category at triage and flags a late acknowledgement', () => {
    spec
      .given([reported()])
      .when(acknowledge({ category: 'C10', occurredAt: at('2025-09-04') }))
      .then([
        acknowledged({
          category: 'C10',
          occurredAt: at('2025-09-04'),
          doneOn: '2025-09-04',
          onTime: false,
          nextStepDueDate: '2025-09-18',
        }),
      ]);
  });
});

describe('StartInvestigation', () => {
  it('records the start against the deadline and schedules the conclusion', () => {
    spec.given([reported(), acknowledged()]).when(startInvestigation()).then([investigationStarted()]);
  });
});

describe('ConcludeIncident', () => {
  it('records the outcome, a late conclusion, and schedules the answer to the reporter (Art.9(5))', () => {
    spec.given([reported(), acknowledged(), investigationStarted()]).when(conclude()).then([concluded()]);
  });

  it('schedules nothing when nobody is to be answered', () => {
    const findings = 'Footage shows the officer on an official call.';
    const nothingNext = { nextStep: undefined, nextStepDueDate: undefined, ruleSetId: undefined, calendarVersion: undefined };
    spec
      .given([reportedByCamera(), acknowledged(), investigationStarted()])
      .when(conclude({ outcome: 'unfounded', findings }))
      .then([concluded({ outcome: 'unfounded', findings, ...nothingNext })]);
  });
});

describe('ApologiseToCitizen', () => {
  it('records the apology for a substantiated incident', () => {
    spec.given(untilConcluded).when(apologise()).then([apologised()]);
  });
});

describe('ProposeDiscipline', () => {
  it('proposes a form to the seconding agency and gives it 90 calendar days', () => {
    spec.given(untilConcluded).when(propose()).then([proposed()]);
  });

  it('moves a 90th day that falls in Tết to the next working day', () => {
    // Given a proposal on Thu 20 Nov 2025, whose 90th day is Wed 18 Feb 2026, inside the Tết break (14–22 Feb)
    const onThe20th = at('2025-11-20', '10:00');
    // When it is proposed, then the decision is due Mon 23 Feb 2026, the first working day after Tết
    spec
      .given(untilConcluded)
      .when(propose({ occurredAt: onThe20th }))
      .then([proposed({ proposedOn: '2025-11-20', occurredAt: onThe20th, nextStepDueDate: '2026-02-23', ruleSetId: 'decree-118-2025' })]);
  });
});

describe('DecideDiscipline', () => {
  it('records the decision against the deadline', () => {
    spec.given([...untilConcluded, proposed()]).when(decide()).then([decided()]);
  });

  it('may decide on no discipline at all', () => {
    spec
      .given([...untilConcluded, proposed()])
      .when(decide({ decision: 'no-discipline', decisionRef: '130/TB-STP' }))
      .then([decided({ decision: 'no-discipline', decisionRef: '130/TB-STP' })]);
  });
});

describe('AnswerApplicant', () => {
  it('records that the result was made known to the reporter, on time', () => {
    spec.given(untilConcluded).when(answer()).then([answered()]);
  });

  it('answers an unfounded report too', () => {
    spec
      .given([reported(), acknowledged(), investigationStarted(), concluded({ outcome: 'unfounded' })])
      .when(answer({ occurredAt: at('2025-09-23') }))
      .then([answered({ occurredAt: at('2025-09-23'), doneOn: '2025-09-23', onTime: false })]);
  });
});

describe('CloseIncident', () => {
  it('closes once concluded, answered and the discipline decided', () => {
    spec.given([...untilConcluded, apologised(), proposed(), answered(), decided()]).when(close()).then([closed()]);
  });

  it('closes an incident nobody reported without an answer', () => {
    spec
      .given([reportedByCamera(), acknowledged(), investigationStarted(), concluded({ outcome: 'unfounded' })])
      .when(close({ occurredAt: at('2025-09-16') }))
      .then([closed({ closedOn: '2025-09-16', occurredAt: at('2025-09-16') })]);
  });

  it('leaves every step with its due date and whether it was met', () => {
    const state = fold(decider, wholeStory);
    expect(state.stage === 'closed' && state.steps).toEqual({
      acknowledge: { dueDate: '2025-09-03', doneOn: '2025-09-03', onTime: true },
      investigate: { dueDate: '2025-09-17', doneOn: '2025-09-05', onTime: true },
      conclude: { dueDate: '2025-09-12', doneOn: '2025-09-15', onTime: false },
      'answer-applicant': { dueDate: '2025-09-22', doneOn: '2025-09-19', onTime: true },
      'decide-discipline': { dueDate: '2025-12-15', doneOn: '2025-11-20', onTime: true },
    });
  });
});

describe('incident catalogue', () => {
  it('lists C01–C20 and C99, each with a behaviour and a legal basis', () => {
    expect(INCIDENT_CATALOGUE.map((c) => c.code)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`),
      'C99',
    ]);
    for (const entry of INCIDENT_CATALOGUE) {
      expect(entry.behaviour.length).toBeGreaterThan(5);
      expect(entry.legalBasis.length).toBeGreaterThan(0);
    }
  });
});
