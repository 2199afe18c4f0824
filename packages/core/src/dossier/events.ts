import type { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { DossierReceived, DossierSubmitted, GuidanceGiven, RefusedAtIntake, SupplementRequestedAtIntake } from './events-intake.js';
import {
  ApologyIssued,
  DossierTransferred,
  ForwardedToAgency,
  ProcessingCompleted,
  ReturnedFromAgency,
  StepAssigned,
  StepCompleted,
  SupplementReceived,
  SupplementRequested,
} from './events-processing.js';
import { DossierRated, DossierWithdrawn, ResultCorrected, ResultErrorReported, ResultReady, ResultReturned } from './events-closing.js';

export * from './events-intake.js';
export * from './events-processing.js';
export * from './events-closing.js';

/** Every event of a dossier stream: the decoder for what is read back from the log. */
export const DossierEvent = taggedUnion('DossierEvent', [
  GuidanceGiven,
  DossierSubmitted,
  SupplementRequestedAtIntake,
  RefusedAtIntake,
  DossierReceived,
  DossierTransferred,
  SupplementRequested,
  SupplementReceived,
  ForwardedToAgency,
  ReturnedFromAgency,
  StepAssigned,
  StepCompleted,
  ProcessingCompleted,
  ApologyIssued,
  ResultReady,
  ResultReturned,
  ResultErrorReported,
  ResultCorrected,
  DossierWithdrawn,
  DossierRated,
]);
export type DossierEvent = t.TypeOf<typeof DossierEvent>;
