import type { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { ReceiveDossier, RecordGuidance, RefuseAtIntake, RequestSupplementAtIntake, SubmitDossier } from './commands-intake.js';
import {
  CompleteProcessing,
  ForwardToAgency,
  IssueApology,
  ReceiveSupplement,
  RequestSupplement,
  ReturnFromAgency,
  TransferDossier,
} from './commands-processing.js';
import { RateDossier, RecordResultReady, ReturnResult, WithdrawDossier } from './commands-closing.js';

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
  CompleteProcessing,
  IssueApology,
  RecordResultReady,
  ReturnResult,
  WithdrawDossier,
  RateDossier,
]);
export type DossierCommand = t.TypeOf<typeof DossierCommand>;
