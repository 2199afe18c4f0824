import { isLeft, left, right, type Either } from '../fp.js';
import { invalidInput, type DomainError } from '../kernel/errors.js';
import type { DecisionMode } from '../kernel/decider.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import type { ProcedureVersion } from '../rules/types.js';
import type { SupplementNotInOneGoBreach } from './breaches.js';
import type { ReceiveDossier, RecordGuidance, RefuseAtIntake, RequestSupplementAtIntake, SubmitDossier } from './commands.js';
import type { DossierDeciderDeps } from './deps.js';
import { checkPublished, notIn } from './documents.js';
import { promisedReturnDate } from './due-date.js';
import { DossierErrorCode, LegalBasis, dossierRejected } from './errors.js';
import type { DossierEvent } from './events.js';
import type { DossierState } from './state.js';

type Outcome = Either<DomainError, readonly DossierEvent[]>;

export const decideGuidance = (command: RecordGuidance): Outcome => right([{ type: 'GuidanceGiven', data: command.data }]);

const procedureAt = (deps: DossierDeciderDeps, code: string, at: string): Either<DomainError, ProcedureVersion> => {
  const procedure = deps.rules.procedureAt(code, at);
  return procedure === undefined
    ? left(invalidInput([{ field: 'data.procedureCode', rule: 'KnownProcedure', message: `no procedure ${code} in force at ${at}` }]))
    : right(procedure);
};

export const decideSubmit = (deps: DossierDeciderDeps, command: SubmitDossier): Outcome => {
  const procedure = procedureAt(deps, command.data.procedureCode, command.data.occurredAt);
  if (isLeft(procedure)) return procedure;
  const { requiredDocuments, effectiveFrom } = procedure.right;
  return right([
    { type: 'DossierSubmitted', data: { ...command.data, procedureVersion: effectiveFrom, requiredDocuments: [...requiredDocuments] } },
  ]);
};

/**
 * Form 02 at intake: only published documents, and every gap named the first time ("in one go"); a
 * later request may only repeat them. No rule set governs the dossier yet: the one in force that day judges.
 */
export const decideIntakeSupplement = (deps: DossierDeciderDeps, command: RequestSupplementAtIntake, state: DossierState, mode?: DecisionMode): Outcome => {
  const ruleSetId = deps.rules.inForceAt(command.data.occurredAt).id;
  const newlyNamed = state.intakeSupplementCount === 0 ? [] : notIn(command.data.missingDocuments, state.intakeRequestedDocuments);
  const article = LegalBasis.intakeSupplement;
  const notInOneGo: Finding<SupplementNotInOneGoBreach> | undefined =
    newlyNamed.length === 0
      ? undefined
      : {
          breach: {
            rule: DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO,
            ruleSetId,
            article,
            measured: { documentsNotNamedFirst: newlyNamed.length, requestNumber: state.intakeSupplementCount + 1 },
          },
          refusal: dossierRejected(DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO, `gaps not named in the first request: ${newlyNamed.join(', ')}`, {
            legalBasis: article,
            details: { newlyNamed },
          }),
        };
  const findings = [checkPublished(command.data.missingDocuments, state.requiredDocuments, ruleSetId), notInOneGo];
  const { causedByApplicant, ...request } = command.data;
  return judge(mode, findings, (breaches) =>
    right([{ type: 'SupplementRequestedAtIntake', data: { ...request, ...(causedByApplicant === true ? { causedByApplicant: true } : {}), ...withBreaches(breaches) } }]),
  );
};

export const decideRefuseAtIntake = (command: RefuseAtIntake): Outcome => right([{ type: 'RefusedAtIntake', data: command.data }]);

export const decideReceive = (deps: DossierDeciderDeps, command: ReceiveDossier): Outcome => {
  const { occurredAt } = command.data;
  const found = procedureAt(deps, command.data.procedureCode, occurredAt);
  if (isLeft(found)) return found;
  const procedure = found.right;
  const ruleSet = deps.rules.inForceAt(occurredAt);
  const processingStartDate = deps.calendar.processingStartDate(occurredAt, ruleSet.transferCutoff);
  const timeLimit = { amount: procedure.timeLimit.amount, unit: procedure.timeLimit.unit };
  const dueDate = promisedReturnDate(deps.calendar, {
    startDate: processingStartDate,
    arrivedAt: occurredAt,
    timeLimit,
    immediateResult: procedure.immediateResult,
    receiptDayCounts: ruleSet.receiptDayCounts,
    calendarDaysCountFrom: ruleSet.calendarDaysCountFrom,
  });
  return right([
    {
      type: 'DossierReceived',
      data: {
        ...command.data,
        procedureVersion: procedure.effectiveFrom,
        requiredDocuments: [...procedure.requiredDocuments],
        publishedFeeDong: procedure.feeDong,
        ruleSetId: ruleSet.id,
        calendarVersion: deps.calendar.version,
        timeLimit,
        immediateResult: procedure.immediateResult,
        transferCutoff: ruleSet.transferCutoff,
        receiptDayCounts: ruleSet.receiptDayCounts,
        processingStartDate,
        dueDate,
      },
    },
  ]);
};
