import type { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { ReceiveDossier, RecordGuidance, RefuseAtIntake, RequestSupplementAtIntake, SubmitDossier } from './commands-intake.js';
import {
  AssignStep,
  CompleteProcessing,
  CompleteStep,
  ForwardToAgency,
  IssueApology,
  ReceiveSupplement,
  RequestSupplement,
  ReturnFromAgency,
  TransferDossier,
} from './commands-processing.js';
import { CorrectResult, RateDossier, RecordResultReady, ReportResultError, ReturnResult, WithdrawDossier } from './commands-closing.js';

export * from './commands-intake.js';
export * from './commands-processing.js';
export * from './commands-closing.js';

export const DossierCommand = taggedUnion('DossierCommand', [
  RecordGuidance,
  SubmitDossier,
  RequestSupplementAtIntake,
  RefuseAtIntake,
  ReceiveDossier,
  TransferDossier,
  RequestSupplement,
  ReceiveSupplement,
  ForwardToAgency,
  ReturnFromAgency,
  AssignStep,
  CompleteStep,
  CompleteProcessing,
  IssueApology,
  RecordResultReady,
  ReturnResult,
  ReportResultError,
  CorrectResult,
  WithdrawDossier,
  RateDossier,
]);
export type DossierCommand = t.TypeOf<typeof DossierCommand>;
