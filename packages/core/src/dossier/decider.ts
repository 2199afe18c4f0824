import { isLeft, left, type Either } from '../fp.js';
import type { DecideOptions, Decider } from '../kernel/decider.js';
import type { DomainError } from '../kernel/errors.js';
import type { DossierCommand } from './commands.js';
import { decideRate, decideResultReady, decideReturn, decideWithdraw } from './decide-closing.js';
import { decideGuidance, decideIntakeSupplement, decideReceive, decideRefuseAtIntake, decideSubmit } from './decide-intake.js';
import { decideApology, decideComplete, decideForward, decideReturnFromAgency, decideTransfer } from './decide-processing.js';
import { decideReceiveSupplement, decideRequestSupplement } from './decide-supplement.js';
import { decideAssignStep, decideCompleteStep } from './decide-steps.js';
import { decideCorrectResult, decideReportResultError } from './decide-correction.js';
import type { DossierDeciderDeps } from './deps.js';
import type { DossierEvent } from './events.js';
import { evolveDossier } from './evolve.js';
import { checkChronology, checkCode, checkStatus } from './guards.js';
import { initialDossierState, type DossierState } from './state.js';
import { provinceStreamId } from '../kernel/tenant.js';

export type DossierDecider = Decider<DossierCommand, DossierEvent, DossierState>;

/** One dossier, one stream: the province and the code exactly as issued (docs/adr/0011-province-in-stream-ids.md). */
export const dossierStreamId = (tenantId: string, code: string): string => provinceStreamId('dossier', tenantId, code);

/**
 * The dossier decider. The calendar and the rule book are its only dependencies; whatever they
 * contribute to a decision (due dates, the rule-set id, the calendar version) is written into the
 * event, so replay never consults them again.
 */
export const createDossierDecider = (deps: DossierDeciderDeps): DossierDecider => {
  const decide = (command: DossierCommand, state: DossierState, options?: DecideOptions): Either<DomainError, readonly DossierEvent[]> => {
    const mode = options?.mode;
    for (const check of [checkCode, checkStatus, checkChronology]) {
      const result = check(command, state);
      if (isLeft(result)) return left(result.left);
    }
    switch (command.type) {
      case 'RecordGuidance':
        return decideGuidance(command);
      case 'SubmitDossier':
        return decideSubmit(deps, command);
      case 'RequestSupplementAtIntake':
        return decideIntakeSupplement(deps, command, state, mode);
      case 'RefuseAtIntake':
        return decideRefuseAtIntake(command);
      case 'ReceiveDossier':
        return decideReceive(deps, command);
      case 'TransferDossier':
        return decideTransfer(command, state);
      case 'RequestSupplement':
        return decideRequestSupplement(deps, command, state, mode);
      case 'ReceiveSupplement':
        return decideReceiveSupplement(deps, command, state);
      case 'ForwardToAgency':
        return decideForward(deps, command, state);
      case 'ReturnFromAgency':
        return decideReturnFromAgency(command, state);
      case 'AssignStep':
        return decideAssignStep(deps, command, state);
      case 'CompleteStep':
        return decideCompleteStep(deps, command, state);
      case 'CompleteProcessing':
        return decideComplete(command, state);
      case 'IssueApology':
        return decideApology(deps, command, state, mode);
      case 'RecordResultReady':
        return decideResultReady(command, state);
      case 'ReturnResult':
        return decideReturn(command, state);
      case 'ReportResultError':
        return decideReportResultError(deps, command, state);
      case 'CorrectResult':
        return decideCorrectResult(deps, command, state, mode);
      case 'WithdrawDossier':
        return decideWithdraw(command);
      case 'RateDossier':
        return decideRate(command, state);
    }
  };
  return { decide, evolve: evolveDossier, initialState: () => initialDossierState };
};
