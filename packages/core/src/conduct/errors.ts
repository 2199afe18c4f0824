/** Stable rejection codes of the conduct-incident stream. */
export const IncidentErrorCode = {
  AlreadyReported: 'INCIDENT_ALREADY_REPORTED',
  NotReported: 'INCIDENT_NOT_REPORTED',
  Closed: 'INCIDENT_CLOSED',
  OccurredBeforePreviousStep: 'INCIDENT_OCCURRED_BEFORE_PREVIOUS_STEP',
  AlreadyAcknowledged: 'INCIDENT_ALREADY_ACKNOWLEDGED',
  NotAcknowledged: 'INCIDENT_NOT_ACKNOWLEDGED',
  InvestigationAlreadyStarted: 'INCIDENT_INVESTIGATION_ALREADY_STARTED',
  InvestigationNotStarted: 'INCIDENT_INVESTIGATION_NOT_STARTED',
  AlreadyConcluded: 'INCIDENT_ALREADY_CONCLUDED',
  NotConcluded: 'INCIDENT_NOT_CONCLUDED',
  NotSubstantiated: 'INCIDENT_NOT_SUBSTANTIATED',
  ApologyAlreadyMade: 'INCIDENT_APOLOGY_ALREADY_MADE',
  DisciplineAlreadyProposed: 'INCIDENT_DISCIPLINE_ALREADY_PROPOSED',
  DisciplineNotProposed: 'INCIDENT_DISCIPLINE_NOT_PROPOSED',
  DisciplineAlreadyDecided: 'INCIDENT_DISCIPLINE_ALREADY_DECIDED',
  DisciplinePending: 'INCIDENT_DISCIPLINE_PENDING',
  NoReporterToAnswer: 'INCIDENT_NO_REPORTER_TO_ANSWER',
  ApplicantAlreadyAnswered: 'INCIDENT_APPLICANT_ALREADY_ANSWERED',
  ApplicantNotAnswered: 'INCIDENT_APPLICANT_NOT_ANSWERED',
} as const;
export type IncidentErrorCode = (typeof IncidentErrorCode)[keyof typeof IncidentErrorCode];
