/** Stable rejection codes of the officer stream. */
export const OfficerErrorCode = {
  AlreadyAppointed: 'OFFICER_ALREADY_APPOINTED',
  NotAppointed: 'OFFICER_NOT_APPOINTED',
  HasLeft: 'OFFICER_HAS_LEFT',
  TermEndNotAfterStart: 'OFFICER_TERM_END_NOT_AFTER_START',
  SecondmentTermOutOfRange: 'OFFICER_SECONDMENT_TERM_OUT_OF_RANGE',
  ReassignmentNotAfterCurrentStart: 'OFFICER_REASSIGNMENT_NOT_AFTER_CURRENT_START',
  LeavingBeforeAssignmentStart: 'OFFICER_LEAVING_BEFORE_ASSIGNMENT_START',
  EvaluationPeriodNotStarted: 'OFFICER_EVALUATION_PERIOD_NOT_STARTED',
  EvaluationPeriodBeforeAppointment: 'OFFICER_EVALUATION_PERIOD_BEFORE_APPOINTMENT',
  EvaluationScoreNotAllowed: 'OFFICER_EVALUATION_SCORE_NOT_ALLOWED',
  EvaluationScoreRequired: 'OFFICER_EVALUATION_SCORE_REQUIRED',
  EvaluationLevelRequired: 'OFFICER_EVALUATION_LEVEL_REQUIRED',
  EvaluationLevelMismatch: 'OFFICER_EVALUATION_LEVEL_MISMATCH',
  EvaluationAlreadyRecorded: 'OFFICER_EVALUATION_ALREADY_RECORDED',
  EvaluationNotFound: 'OFFICER_EVALUATION_NOT_FOUND',
  EvaluationCorrectionUnchanged: 'OFFICER_EVALUATION_CORRECTION_UNCHANGED',
  DisciplineFormNotAvailable: 'OFFICER_DISCIPLINE_FORM_NOT_AVAILABLE',
  DisciplineDecidedBeforeViolation: 'OFFICER_DISCIPLINE_DECIDED_BEFORE_VIOLATION',
  DisciplineTimeBarred: 'OFFICER_DISCIPLINE_TIME_BARRED',
  DisciplineAlreadyRecorded: 'OFFICER_DISCIPLINE_ALREADY_RECORDED',
} as const;
export type OfficerErrorCode = (typeof OfficerErrorCode)[keyof typeof OfficerErrorCode];
