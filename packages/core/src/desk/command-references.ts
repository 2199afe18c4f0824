import type { DossierCommand } from '../dossier/index.js';
import type { OfficerCommand } from '../officer/index.js';
import type { IncidentCommand } from '../conduct/index.js';
import type { FeedbackCommand } from '../feedback/index.js';
import type { UnitCommand } from '../org/index.js';
import { dayOf, officerOfUnitRef, officerRef, recordRef, servingOfficerRef, unitRef, type Reference } from './references.js';

/**
 * What each command names outside its own stream, and how (docs/record-as-evidence.md, "References
 * exist"). Acting officers are the ones whose work the command records; officers a report is about
 * only have to have existed, in the unit it names beside them. Units that receive dossiers or take
 * officers must be in service, as must an officer a step is assigned to. A dossier or feedback a
 * report names must have begun by its day, and an incident a discipline names must have been reported
 * by the day it was decided. The incident an escalated feedback names is not looked up: the escalation
 * comes before the incident is reported.
 */
export const dossierReferences = (command: DossierCommand): readonly Reference[] => {
  const { data } = command;
  const day = dayOf(data.occurredAt);
  return [
    ...officerRef('officerId', 'officerId' in data ? data.officerId : undefined, day, true),
    ...servingOfficerRef('assigneeOfficerId', command.type === 'AssignStep' ? command.data.assigneeOfficerId : undefined, day),
    ...unitRef('receivingUnitId', 'receivingUnitId' in data ? data.receivingUnitId : undefined, day, true),
  ];
};

export const officerReferences = (command: OfficerCommand): readonly Reference[] => {
  const { data } = command;
  // The officer is the stream itself; the unit they are assigned to must serve from the assignment's
  // start, and the incident a discipline answers must have been reported by the day it was decided.
  if (command.type === 'RecordDiscipline') return recordRef('incident', 'incidentId', command.data.incidentId, command.data.decisionDate);
  return 'unitId' in data ? unitRef('unitId', data.unitId, data.effectiveDate, true) : [];
};

export const incidentReferences = (command: IncidentCommand): readonly Reference[] => {
  const day = dayOf(command.data.occurredAt);
  switch (command.type) {
    case 'ReportIncident':
      return [
        ...unitRef('unitId', command.data.unitId, day, false),
        ...officerOfUnitRef('officerId', command.data.officerId, day, command.data.unitId),
        ...recordRef('dossier', 'dossierCode', command.data.dossierCode, day),
        ...recordRef('feedback', 'feedbackId', command.data.feedbackId, day),
      ];
    case 'ApologiseToCitizen':
      return officerRef('apologisedBy', command.data.apologisedBy, day, true);
    default:
      return [];
  }
};

export const feedbackReferences = (command: FeedbackCommand): readonly Reference[] => {
  const day = dayOf(command.data.occurredAt);
  switch (command.type) {
    case 'ReceiveFeedback':
      return [
        ...unitRef('unitId', command.data.unitId, day, false),
        ...officerOfUnitRef('officerId', command.data.officerId, day, command.data.unitId),
        ...recordRef('dossier', 'dossierCode', command.data.dossierCode, day),
      ];
    case 'EscalateToIncident':
      return officerRef('officerId', command.data.officerId, day, false);
    case 'AnswerOnTheSpot':
    case 'AnswerFeedback':
      return officerRef('answeredBy', command.data.answeredBy, day, true);
    default:
      return [];
  }
};

export const unitReferences = (command: UnitCommand): readonly Reference[] => {
  const { data } = command;
  return [
    ...unitRef('parentCode', 'parentCode' in data ? data.parentCode : undefined, data.effectiveDate, true),
    ...unitRef('successorCode', 'successorCode' in data ? data.successorCode : undefined, data.effectiveDate, true),
  ];
};
