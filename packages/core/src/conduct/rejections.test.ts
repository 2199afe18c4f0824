import { describe, expect, it } from 'vitest';
import type { IncidentCommand } from './commands.js';
import { IncidentErrorCode } from './errors.js';
import type { IncidentEvent } from './events.js';
import {
  acknowledge,
  acknowledged,
  answer,
  answered,
  apologise,
  apologised,
  at,
  close,
  conclude,
  concluded,
  decide,
  decided,
  declareComplex,
  declaredComplex,
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

interface Rejection {
  readonly name: string;
  readonly given: readonly IncidentEvent[];
  readonly when: IncidentCommand;
  readonly code: IncidentErrorCode;
}

const acked = [reported(), acknowledged()];
const investigating = [...acked, investigationStarted()];
const unfounded = [...investigating, concluded({ outcome: 'unfounded' })];
const falseAccusation = [...investigating, concluded({ outcome: 'false-accusation' })];
const byCameraConcluded = [reportedByCamera(), acknowledged(), investigationStarted(), concluded({ outcome: 'substantiated' })];
const later = { occurredAt: at('2025-12-01') };

const rejections: readonly Rejection[] = [
  { name: 'reporting twice', given: [reported()], when: report(), code: 'INCIDENT_ALREADY_REPORTED' },
  { name: 'acknowledging before a report', given: [], when: acknowledge(), code: 'INCIDENT_NOT_REPORTED' },
  { name: 'closing before a report', given: [], when: close(), code: 'INCIDENT_NOT_REPORTED' },
  { name: 'reporting a closed incident again', given: wholeStory, when: report(), code: 'INCIDENT_CLOSED' },
  { name: 'answering after closing', given: wholeStory, when: answer(later), code: 'INCIDENT_CLOSED' },
  { name: 'closing twice', given: wholeStory, when: close(later), code: 'INCIDENT_CLOSED' },
  {
    name: 'acknowledging before the report was made',
    given: [reported()],
    when: acknowledge({ occurredAt: at('2025-08-29', '09:59') }),
    code: 'INCIDENT_OCCURRED_BEFORE_PREVIOUS_STEP',
  },
  { name: 'acknowledging twice', given: acked, when: acknowledge(), code: 'INCIDENT_ALREADY_ACKNOWLEDGED' },
  {
    name: 'acknowledging during the investigation',
    given: investigating,
    when: acknowledge({ occurredAt: at('2025-09-08') }),
    code: 'INCIDENT_ALREADY_ACKNOWLEDGED',
  },
  {
    name: 'investigating before acknowledging',
    given: [reported()],
    when: startInvestigation(),
    code: 'INCIDENT_NOT_ACKNOWLEDGED',
  },
  {
    name: 'starting the investigation twice',
    given: investigating,
    when: startInvestigation(),
    code: 'INCIDENT_INVESTIGATION_ALREADY_STARTED',
  },
  {
    name: 'investigating after the conclusion',
    given: untilConcluded,
    when: startInvestigation(later),
    code: 'INCIDENT_INVESTIGATION_ALREADY_STARTED',
  },
  { name: 'concluding without an investigation', given: acked, when: conclude(), code: 'INCIDENT_INVESTIGATION_NOT_STARTED' },
  {
    name: 'concluding straight after the report',
    given: [reported()],
    when: conclude(),
    code: 'INCIDENT_INVESTIGATION_NOT_STARTED',
  },
  { name: 'concluding twice', given: untilConcluded, when: conclude(later), code: 'INCIDENT_ALREADY_CONCLUDED' },
  { name: 'apologising before the conclusion', given: investigating, when: apologise(), code: 'INCIDENT_NOT_CONCLUDED' },
  { name: 'proposing discipline before the conclusion', given: acked, when: propose(), code: 'INCIDENT_NOT_CONCLUDED' },
  { name: 'answering before the conclusion', given: investigating, when: answer(), code: 'INCIDENT_NOT_CONCLUDED' },
  { name: 'closing before the conclusion', given: investigating, when: close(), code: 'INCIDENT_NOT_CONCLUDED' },
  { name: 'apologising for an unfounded report', given: unfounded, when: apologise(), code: 'INCIDENT_NOT_SUBSTANTIATED' },
  {
    name: 'proposing discipline after a false accusation',
    given: falseAccusation,
    when: propose(),
    code: 'INCIDENT_NOT_SUBSTANTIATED',
  },
  {
    name: 'apologising twice',
    given: [...untilConcluded, apologised()],
    when: apologise(),
    code: 'INCIDENT_APOLOGY_ALREADY_MADE',
  },
  {
    name: 'proposing discipline twice',
    given: [...untilConcluded, proposed()],
    when: propose(),
    code: 'INCIDENT_DISCIPLINE_ALREADY_PROPOSED',
  },
  {
    name: 'deciding discipline nobody proposed',
    given: untilConcluded,
    when: decide(),
    code: 'INCIDENT_DISCIPLINE_NOT_PROPOSED',
  },
  {
    name: 'deciding discipline twice',
    given: [...untilConcluded, proposed(), decided()],
    when: decide(),
    code: 'INCIDENT_DISCIPLINE_ALREADY_DECIDED',
  },
  {
    name: 'proposing again after the decision',
    given: [...untilConcluded, proposed(), decided()],
    when: propose(later),
    code: 'INCIDENT_DISCIPLINE_ALREADY_PROPOSED',
  },
  {
    name: 'declaring a case complex twice',
    given: [...untilConcluded, proposed(), declaredComplex()],
    when: declareComplex({ occurredAt: at('2025-12-02') }),
    code: 'INCIDENT_DISCIPLINE_ALREADY_COMPLEX',
  },
  {
    name: 'declaring a case complex after its 90 days ran out, at a live desk',
    given: [...untilConcluded, proposed()],
    when: declareComplex({ occurredAt: at('2025-12-16') }),
    code: 'INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT',
  },
  {
    name: 'closing while the proposed discipline is undecided',
    given: [...untilConcluded, proposed(), answered()],
    when: close(),
    code: 'INCIDENT_DISCIPLINE_PENDING',
  },
  {
    name: 'answering an incident nobody reported',
    given: byCameraConcluded,
    when: answer(),
    code: 'INCIDENT_NO_REPORTER_TO_ANSWER',
  },
  {
    name: 'answering twice',
    given: [...untilConcluded, answered()],
    when: answer(),
    code: 'INCIDENT_APPLICANT_ALREADY_ANSWERED',
  },
  {
    name: 'closing before the reporter is told the result (Art.9(5))',
    given: untilConcluded,
    when: close(),
    code: 'INCIDENT_APPLICANT_NOT_ANSWERED',
  },
];

describe('incident rejections', () => {
  it.each(rejections)('rejects $name with $code', ({ given, when, code }) => {
    spec.given(given).when(when).thenFails(code, 'BusinessRuleViolated');
  });

  it('covers every incident error code', () => {
    const covered = new Set(rejections.map((r) => r.code));
    expect(Object.values(IncidentErrorCode).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('cites Art.9(5) when the reporter has not been answered', () => {
    const error = spec.given(untilConcluded).when(close()).thenFails('INCIDENT_APPLICANT_NOT_ANSWERED');
    expect(error._tag === 'BusinessRuleViolated' && error.legalBasis).toBe('Decree 61/2018/NĐ-CP Art.9(5)');
  });
});
