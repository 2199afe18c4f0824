import type {
  Circular01Scores,
  ClockPolicy,
  ErrorReporter,
  ProcessingStepKind,
  ProcessingDecision,
  FilingChannel,
  PriorityGroup,
  RatingChannel,
  SipasScores,
  TimeLimit,
  Timeliness,
} from './vocabulary.js';
import type { ReadyJudgement } from './events-closing.js';

export type DossierStatus =
  | 'NOT_STARTED'
  | 'GUIDED'
  | 'SUBMITTED'
  | 'AWAITING_INTAKE_SUPPLEMENT'
  | 'RECEIVED'
  | 'IN_PROCESSING'
  | 'AWAITING_SUPPLEMENT'
  | 'WITH_AGENCY'
  | 'PROCESSED'
  | 'RESULT_READY'
  | 'RETURNED'
  | 'REFUSED_AT_INTAKE'
  | 'WITHDRAWN';

/** Before receipt: no code on form 01 yet, no clock. */
export const PRE_RECEIPT_STATUSES: readonly DossierStatus[] = ['NOT_STARTED', 'GUIDED', 'SUBMITTED', 'AWAITING_INTAKE_SUPPLEMENT'];
/** Closed: only a rating may still be recorded. A refused dossier closes when its refusal is returned. */
export const CLOSED_STATUSES: readonly DossierStatus[] = ['RETURNED', 'REFUSED_AT_INTAKE', 'WITHDRAWN'];

export interface AgencyStep {
  readonly agencyId: string;
  readonly forwardedAt: string;
  readonly stepLimitWorkingDays: number;
  readonly stepDueDate: string;
  readonly returnedAt?: string;
  readonly onTime?: boolean;
}

/** A step of the processing control sheet (form 05), open until `completedAt` (docs/domain/dossier-lifecycle.md §8). */
export interface ProcessingStep {
  readonly stepId: string;
  readonly stepKind: ProcessingStepKind;
  readonly bodyId: string;
  readonly assigneeOfficerId?: string;
  readonly assignedAt: string;
  readonly stepLimitWorkingDays: number;
  readonly stepStartDate: string;
  readonly stepDueDate: string;
  readonly completedAt?: string;
  readonly workingDaysTaken?: number;
  readonly timeliness?: Timeliness;
}

/** An error reported in the returned result and its correction (Art.21; docs/domain/dossier-lifecycle.md §7). */
export interface ResultErrorReport {
  readonly reportNumber: number;
  readonly reportedAt: string;
  readonly reportedBy: ErrorReporter;
  readonly description: string;
  readonly correctionStartDate: string;
  readonly correctionDueDate: string;
  readonly correctedAt?: string;
  readonly correctedBy?: string;
  readonly bodyAtFault?: boolean;
  readonly timeliness?: Timeliness;
}

/** Why the due date in force changed: receipt (form 01), a supplement's clock, or an apology (form 04). */
export interface DueDateChange {
  readonly dueDate: string;
  readonly reason: 'receipt' | 'supplement' | 'apology';
  readonly occurredAt: string;
}

export interface DossierRating {
  readonly ratedAt: string;
  readonly channel: RatingChannel;
  readonly circular01?: Circular01Scores;
  readonly sipas?: SipasScores;
}

export interface DossierState {
  readonly status: DossierStatus;
  readonly code?: string;
  readonly receivingUnitId?: string;
  readonly procedureCode?: string;
  readonly procedureVersion?: string;
  /** Published document list of the procedure version on file. */
  readonly requiredDocuments: readonly string[];
  readonly channel?: FilingChannel;
  readonly applicantId?: string;
  readonly priorityGroup?: PriorityGroup;
  readonly ruleSetId?: string;
  readonly calendarVersion?: string;
  readonly timeLimit?: TimeLimit;
  readonly immediateResult?: boolean;
  readonly transferCutoff?: string;
  readonly receiptDayCounts?: boolean;
  readonly submittedAt?: string;
  readonly receivedAt?: string;
  readonly processingStartDate?: string;
  readonly transferredAt?: string;
  readonly transferOnTime?: boolean;
  /** Promised return date in force. */
  readonly dueDate?: string;
  /** Due date before any apology: form 01, as moved by supplement clocks. */
  readonly originalDueDate?: string;
  readonly dueDateHistory: readonly DueDateChange[];
  /** Policy behind the due date in force after a supplement. */
  readonly clockPolicy?: ClockPolicy;
  /** Guidance contacts of any channel. */
  readonly guidanceCount: number;
  /**
   * Times the applicant came to the desk in person: distinct Vietnamese days with a counter guidance,
   * a counter filing, a counter supplement delivery or a counter pickup of the result.
   */
  readonly trips: number;
  readonly tripDates: readonly string[];
  readonly intakeSupplementCount: number;
  /** Every document asked for at intake so far: later intake requests may only repeat these. */
  readonly intakeRequestedDocuments: readonly string[];
  readonly supplementCount: number;
  readonly pendingSupplement?: { readonly requestedAt: string; readonly missingDocuments: readonly string[]; readonly afterVerification?: true };
  readonly apologyCount: number;
  readonly agencySteps: readonly AgencyStep[];
  /** Form 05 steps inside processing, in the order assigned. */
  readonly processingSteps: readonly ProcessingStep[];
  readonly decision?: ProcessingDecision;
  readonly decisionReason?: string;
  readonly processedAt?: string;
  /** When the result reached the desk, and its judgement (docs/domain/dossier-lifecycle.md §4). */
  readonly resultReadyAt?: string;
  readonly resultReady?: ReadyJudgement;
  readonly returnedAt?: string;
  /** The return day judged against the due date in force and the original one. */
  readonly timeliness?: Timeliness;
  readonly timelinessAgainstOriginal?: Timeliness;
  readonly refusedAtIntakeAt?: string;
  readonly withdrawnAt?: string;
  /** Reason of an intake refusal or of a withdrawal. */
  readonly closingReason?: string;
  readonly rating?: DossierRating;
  /** Errors reported in the returned result, each with its correction once made; the status stays RETURNED. */
  readonly errorReports: readonly ResultErrorReport[];
  /** Business time of the latest event: later commands may not be dated before it. */
  readonly lastEventAt?: string;
}

export const initialDossierState: DossierState = {
  status: 'NOT_STARTED',
  requiredDocuments: [],
  dueDateHistory: [],
  guidanceCount: 0,
  trips: 0,
  tripDates: [],
  intakeSupplementCount: 0,
  intakeRequestedDocuments: [],
  supplementCount: 0,
  apologyCount: 0,
  agencySteps: [],
  processingSteps: [],
  errorReports: [],
};

/** Decided, the result not yet handed back. */
export const DECIDED_STATUSES: readonly DossierStatus[] = ['PROCESSED', 'RESULT_READY'];

export const isClosed = (state: DossierState): boolean => CLOSED_STATUSES.includes(state.status);

export const openAgencySteps = (state: DossierState): readonly AgencyStep[] =>
  state.agencySteps.filter((step) => step.returnedAt === undefined);

export const openProcessingSteps = (state: DossierState): readonly ProcessingStep[] =>
  state.processingSteps.filter((step) => step.completedAt === undefined);

/**
 * The form 05 step that took the most working days, as its `StepCompleted` counted them (the first of
 * equals): which body inside processing held the dossier longest (docs/domain/dossier-lifecycle.md §8).
 */
export const heldLongest = (state: DossierState): ProcessingStep | undefined =>
  state.processingSteps.reduce<ProcessingStep | undefined>(
    (longest, step) => (step.workingDaysTaken !== undefined && (longest === undefined || step.workingDaysTaken > (longest.workingDaysTaken ?? 0)) ? step : longest),
    undefined,
  );

/** The error reported and not corrected yet, if any. */
export const openErrorReport = (state: DossierState): ResultErrorReport | undefined =>
  state.errorReports.find((report) => report.correctedAt === undefined);

/** The facts every received dossier has; missing ones mean the status guard was bypassed (a bug). */
export const receivedFacts = (state: DossierState) => {
  const { receivedAt, processingStartDate, dueDate, timeLimit, immediateResult, receiptDayCounts, transferCutoff } = state;
  if (
    receivedAt === undefined ||
    transferCutoff === undefined ||
    processingStartDate === undefined ||
    dueDate === undefined ||
    timeLimit === undefined ||
    immediateResult === undefined ||
    receiptDayCounts === undefined
  ) {
    throw new Error(`dossier ${state.code ?? '?'} in status ${state.status} lacks its receipt facts`);
  }
  return {
    receivedAt,
    processingStartDate,
    dueDate,
    originalDueDate: state.originalDueDate ?? dueDate,
    timeLimit,
    immediateResult,
    receiptDayCounts,
    transferCutoff,
  };
};
