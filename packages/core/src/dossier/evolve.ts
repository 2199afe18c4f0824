import { toVietnamDate } from '../calendar/index.js';
import type { DossierEvent } from './events.js';
import type { DossierState, DueDateChange } from './state.js';

/**
 * A trip is a day the applicant had to come to the desk in person for this dossier: guidance at the
 * counter, filing at the counter, bringing a supplement to the counter, collecting the result at the
 * counter. Several acts on the same Vietnamese day are one trip (guided, then filed, in one visit).
 * This is the survey's "came ≥ 3 times" measure (docs/domain/indices.md §3); Circular 01 index 3 is derived
 * from the supplement counts instead, since it excludes the first filing and the pickup.
 */
const withVisit = (state: DossierState, occurredAt: string): DossierState => {
  const day = toVietnamDate(occurredAt);
  if (state.tripDates.includes(day)) return state;
  const tripDates = [...state.tripDates, day];
  return { ...state, tripDates, trips: tripDates.length };
};

const withDueDate = (state: DossierState, change: DueDateChange): DossierState => ({
  ...state,
  dueDate: change.dueDate,
  dueDateHistory: [...state.dueDateHistory, change],
});

/** Copies facts only: every date was computed by `decide` and recorded (trip days are fixed UTC+7 arithmetic). */
export const evolveDossier = (current: DossierState, event: DossierEvent): DossierState => {
  const state: DossierState = { ...current, code: event.data.dossierCode, lastEventAt: event.data.occurredAt };
  switch (event.type) {
    case 'GuidanceGiven': {
      const guided: DossierState = {
        ...state,
        // The person guided is who the dossier concerns until a filing names its applicant.
        ...(state.applicantId === undefined && event.data.applicantId !== undefined ? { applicantId: event.data.applicantId } : {}),
        guidanceCount: state.guidanceCount + 1,
        status: state.status === 'NOT_STARTED' ? 'GUIDED' : state.status,
      };
      return event.data.channel === 'counter' ? withVisit(guided, event.data.occurredAt) : guided;
    }
    case 'DossierSubmitted': {
      const { receivingUnitId, procedureCode, procedureVersion, requiredDocuments, channel, applicantId, occurredAt } = event.data;
      const submitted: DossierState = {
        ...state,
        status: 'SUBMITTED',
        receivingUnitId,
        procedureCode,
        procedureVersion,
        requiredDocuments,
        channel,
        applicantId,
        submittedAt: state.submittedAt ?? occurredAt,
      };
      return channel === 'counter' ? withVisit(submitted, occurredAt) : submitted;
    }
    case 'SupplementRequestedAtIntake':
      return {
        ...state,
        status: 'AWAITING_INTAKE_SUPPLEMENT',
        intakeSupplementCount: state.intakeSupplementCount + 1,
        intakeRequestedDocuments: [...new Set([...state.intakeRequestedDocuments, ...event.data.missingDocuments])],
      };
    case 'RefusedAtIntake':
      return { ...state, status: 'REFUSED_AT_INTAKE', refusedAtIntakeAt: event.data.occurredAt, closingReason: event.data.reason };
    case 'DossierReceived': {
      const { data } = event;
      // Filing straight at the counter is a visit; receiving a checked submission is not a new one.
      const firstFiling = state.status === 'NOT_STARTED' || state.status === 'GUIDED';
      const received: DossierState = {
        ...state,
        status: 'RECEIVED',
        receivingUnitId: data.receivingUnitId,
        procedureCode: data.procedureCode,
        procedureVersion: data.procedureVersion,
        requiredDocuments: data.requiredDocuments,
        channel: data.channel,
        applicantId: data.applicantId,
        priorityGroup: data.priorityGroup,
        ruleSetId: data.ruleSetId,
        calendarVersion: data.calendarVersion,
        timeLimit: data.timeLimit,
        immediateResult: data.immediateResult,
        transferCutoff: data.transferCutoff,
        receiptDayCounts: data.receiptDayCounts,
        receivedAt: data.occurredAt,
        processingStartDate: data.processingStartDate,
        originalDueDate: data.dueDate,
      };
      const dated = withDueDate(received, { dueDate: data.dueDate, reason: 'receipt', occurredAt: data.occurredAt });
      return firstFiling && data.channel === 'counter' ? withVisit(dated, data.occurredAt) : dated;
    }
    case 'DossierTransferred':
      return { ...state, status: 'IN_PROCESSING', transferredAt: event.data.occurredAt, transferOnTime: event.data.onTime };
    case 'SupplementRequested':
      return {
        ...state,
        status: 'AWAITING_SUPPLEMENT',
        supplementCount: state.supplementCount + 1,
        pendingSupplement: {
          requestedAt: event.data.occurredAt,
          missingDocuments: event.data.missingDocuments,
          ...(event.data.afterVerification === true ? { afterVerification: true } : {}),
        },
      };
    case 'SupplementReceived': {
      const { data } = event;
      // A supplement moves the lawful due date itself, so the pre-apology date moves with it.
      const resumed: DossierState = {
        ...state,
        status: 'IN_PROCESSING',
        pendingSupplement: undefined,
        clockPolicy: data.clockPolicy,
        originalDueDate: data.dueDate,
        calendarVersion: data.calendarVersion,
      };
      const dated = withDueDate(resumed, { dueDate: data.dueDate, reason: 'supplement', occurredAt: data.occurredAt });
      return data.deliveredVia === 'counter' ? withVisit(dated, data.occurredAt) : dated;
    }
    case 'ForwardedToAgency': {
      const { agencyId, occurredAt, stepLimitWorkingDays, stepDueDate } = event.data;
      const step = { agencyId, forwardedAt: occurredAt, stepLimitWorkingDays, stepDueDate };
      return { ...state, status: 'WITH_AGENCY', agencySteps: [...state.agencySteps, step] };
    }
    case 'ReturnedFromAgency': {
      const { agencyId, occurredAt, onTime } = event.data;
      const agencySteps = state.agencySteps.map((step) =>
        step.agencyId === agencyId && step.returnedAt === undefined ? { ...step, returnedAt: occurredAt, onTime } : step,
      );
      const stillOut = agencySteps.some((step) => step.returnedAt === undefined);
      return { ...state, agencySteps, status: stillOut ? 'WITH_AGENCY' : 'IN_PROCESSING' };
    }
    case 'StepAssigned': {
      const { stepId, stepKind, bodyId, assigneeOfficerId, occurredAt, stepLimitWorkingDays, stepStartDate, stepDueDate } = event.data;
      const step = {
        stepId,
        stepKind,
        bodyId,
        ...(assigneeOfficerId === undefined ? {} : { assigneeOfficerId }),
        assignedAt: occurredAt,
        stepLimitWorkingDays,
        stepStartDate,
        stepDueDate,
      };
      return { ...state, processingSteps: [...state.processingSteps, step] };
    }
    case 'StepCompleted': {
      const { stepId, occurredAt, workingDaysTaken, timeliness } = event.data;
      const processingSteps = state.processingSteps.map((step) =>
        step.stepId === stepId && step.completedAt === undefined ? { ...step, completedAt: occurredAt, workingDaysTaken, timeliness } : step,
      );
      return { ...state, processingSteps };
    }
    case 'ProcessingCompleted':
      return { ...state, status: 'PROCESSED', decision: event.data.decision, decisionReason: event.data.reason, processedAt: event.data.occurredAt };
    case 'ApologyIssued': {
      const apologised = { ...state, apologyCount: state.apologyCount + 1, originalDueDate: event.data.originalDueDate };
      return withDueDate(apologised, { dueDate: event.data.newDueDate, reason: 'apology', occurredAt: event.data.occurredAt });
    }
    case 'ResultReady': {
      const { occurredAt, readyDate, timeliness, timelinessAgainstOriginal } = event.data;
      return { ...state, status: 'RESULT_READY', resultReadyAt: occurredAt, resultReady: { readyDate, timeliness, timelinessAgainstOriginal } };
    }
    case 'ResultReturned': {
      const { occurredAt, timeliness, timelinessAgainstOriginal, via } = event.data;
      const returned: DossierState = { ...state, status: 'RETURNED', returnedAt: occurredAt, timeliness, timelinessAgainstOriginal };
      return via === 'counter' ? withVisit(returned, occurredAt) : returned;
    }
    case 'ResultErrorReported': {
      const { reportNumber, occurredAt, reportedBy, description, correctionStartDate, correctionDueDate } = event.data;
      const report = { reportNumber, reportedAt: occurredAt, reportedBy, description, correctionStartDate, correctionDueDate };
      return { ...state, errorReports: [...state.errorReports, report] };
    }
    case 'ResultCorrected': {
      const { reportNumber, occurredAt, correctedBy, bodyAtFault, timeliness, via } = event.data;
      const errorReports = state.errorReports.map((report) =>
        report.reportNumber === reportNumber ? { ...report, correctedAt: occurredAt, correctedBy, bodyAtFault, timeliness } : report,
      );
      const corrected: DossierState = { ...state, errorReports };
      return via === 'counter' ? withVisit(corrected, occurredAt) : corrected;
    }
    case 'DossierWithdrawn':
      return { ...state, status: 'WITHDRAWN', withdrawnAt: event.data.occurredAt, closingReason: event.data.reason };
    case 'DossierRated': {
      const { occurredAt, channel, circular01, sipas } = event.data;
      return { ...state, rating: { ratedAt: occurredAt, channel, ...(circular01 && { circular01 }), ...(sipas && { sipas }) } };
    }
  }
};
