import { left, right, type Either } from '../fp.js';
import { invalidInput, type DomainError } from '../kernel/errors.js';
import type { DossierCommand } from './commands.js';
import { DossierErrorCode, dossierRejected } from './errors.js';
import { CLOSED_STATUSES, DECIDED_STATUSES, PRE_RECEIPT_STATUSES, type DossierState, type DossierStatus } from './state.js';

type CommandType = DossierCommand['type'];

/** Where each command may be decided; rating has its own rule (see decide-closing). */
const ALLOWED: Readonly<Record<Exclude<CommandType, 'RateDossier'>, readonly DossierStatus[]>> = {
  RecordGuidance: ['NOT_STARTED', 'GUIDED', 'SUBMITTED', 'AWAITING_INTAKE_SUPPLEMENT', 'AWAITING_SUPPLEMENT'],
  SubmitDossier: ['NOT_STARTED', 'GUIDED', 'AWAITING_INTAKE_SUPPLEMENT'],
  RequestSupplementAtIntake: ['SUBMITTED'],
  RefuseAtIntake: ['SUBMITTED'],
  ReceiveDossier: ['NOT_STARTED', 'GUIDED', 'SUBMITTED'],
  TransferDossier: ['RECEIVED'],
  RequestSupplement: ['IN_PROCESSING'],
  ReceiveSupplement: ['AWAITING_SUPPLEMENT'],
  ForwardToAgency: ['IN_PROCESSING', 'WITH_AGENCY'],
  ReturnFromAgency: ['IN_PROCESSING', 'WITH_AGENCY'],
  // Form 05 steps run inside processing; one already handed out may end while a supplement is awaited.
  AssignStep: ['RECEIVED', 'IN_PROCESSING', 'WITH_AGENCY'],
  CompleteStep: ['RECEIVED', 'IN_PROCESSING', 'WITH_AGENCY', 'AWAITING_SUPPLEMENT'],
  // A desk empowered to decide may complete without transferring (Circular 01 index 5).
  CompleteProcessing: ['RECEIVED', 'IN_PROCESSING', 'WITH_AGENCY'],
  // Not while awaiting a supplement: the clock is not running towards the date in force then.
  IssueApology: ['RECEIVED', 'IN_PROCESSING', 'WITH_AGENCY'],
  RecordResultReady: ['PROCESSED'],
  ReturnResult: ['PROCESSED', 'RESULT_READY'],
  // Art.21: an error is corrected in a result already handed back.
  ReportResultError: ['RETURNED'],
  CorrectResult: ['RETURNED'],
  WithdrawDossier: ['SUBMITTED', 'AWAITING_INTAKE_SUPPLEMENT', 'RECEIVED', 'IN_PROCESSING', 'AWAITING_SUPPLEMENT', 'WITH_AGENCY'],
};

const INTAKE_COMMANDS: readonly CommandType[] = ['SubmitDossier', 'RequestSupplementAtIntake', 'RefuseAtIntake', 'ReceiveDossier'];
const AFTER_RECEIPT_COMMANDS: readonly CommandType[] = [
  'TransferDossier',
  'RequestSupplement',
  'ReceiveSupplement',
  'ForwardToAgency',
  'ReturnFromAgency',
  'AssignStep',
  'CompleteStep',
  'CompleteProcessing',
  'IssueApology',
  'RecordResultReady',
  'ReturnResult',
  'ReportResultError',
  'CorrectResult',
];

/** The status check shared by every command but the rating, with the most telling code for each miss. */
export const checkStatus = (command: DossierCommand, state: DossierState): Either<DomainError, void> => {
  if (command.type === 'RateDossier') return right(undefined);
  if (ALLOWED[command.type].includes(state.status)) return right(undefined);
  const details = { status: state.status, command: command.type };
  if (CLOSED_STATUSES.includes(state.status)) {
    const after = state.status === 'RETURNED' ? 'a rating, or an error reported and corrected (Art.21),' : 'a rating';
    return left(dossierRejected(DossierErrorCode.CLOSED, `dossier is closed (${state.status}): only ${after} may follow`, { details }));
  }
  if (AFTER_RECEIPT_COMMANDS.includes(command.type) && PRE_RECEIPT_STATUSES.includes(state.status)) {
    return left(dossierRejected(DossierErrorCode.NOT_RECEIVED, `${command.type} needs a received dossier (form 01)`, { details }));
  }
  if (INTAKE_COMMANDS.includes(command.type) && !PRE_RECEIPT_STATUSES.includes(state.status)) {
    return left(dossierRejected(DossierErrorCode.ALREADY_RECEIVED, `dossier was already received`, { details }));
  }
  if ((command.type === 'ReturnResult' || command.type === 'RecordResultReady') && !DECIDED_STATUSES.includes(state.status)) {
    return left(dossierRejected(DossierErrorCode.RESULT_NOT_READY, 'no decision to return yet', { details }));
  }
  return left(dossierRejected(DossierErrorCode.INVALID_TRANSITION, `${command.type} is not allowed in status ${state.status}`, { details }));
};

export const checkCode = (command: DossierCommand, state: DossierState): Either<DomainError, void> =>
  state.code === undefined || state.code === command.data.dossierCode
    ? right(undefined)
    : left(
        dossierRejected(DossierErrorCode.CODE_MISMATCH, `command names dossier ${command.data.dossierCode}, stream holds ${state.code}`, {
          details: { expected: state.code, actual: command.data.dossierCode },
        }),
      );

/** Business time never runs backwards within a dossier: a command dated before the last fact is a typo or a replay bug. */
export const checkChronology = (command: DossierCommand, state: DossierState): Either<DomainError, void> =>
  state.lastEventAt === undefined || Date.parse(command.data.occurredAt) >= Date.parse(state.lastEventAt)
    ? right(undefined)
    : left(
        invalidInput([
          {
            field: 'data.occurredAt',
            rule: 'NotBeforePreviousEvent',
            message: `must not be before the dossier's last recorded event (${state.lastEventAt})`,
          },
        ]),
      );
