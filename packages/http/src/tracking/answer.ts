import type { DossierEvent, DossierState, RecordedEvent } from '@motcua/core';
import { STATUS_WORDS, type TrackingLanguage } from './words.js';

/** What a citizen sees of their dossier: no applicant, officer or unit ids, only the service's progress. */
export interface TrackingAnswer {
  readonly code: string;
  readonly lang: TrackingLanguage;
  readonly status: DossierState['status'];
  readonly statusText: string;
  readonly receivedAt?: string;
  /** The promised return date in force (after an apology, its new date). */
  readonly dueDate?: string;
  /** Documents the desk asked for and has not received yet (forms 02). */
  readonly missingDocuments: readonly string[];
  readonly nextStep: string;
  readonly resultReadyAt?: string;
  readonly returnedAt?: string;
  /** Business time of the latest fact recorded. */
  readonly updatedAt?: string;
}

/** Documents still missing: those of the open supplement request (form 02), in processing or at intake. */
const missingOf = (state: DossierState, events: readonly RecordedEvent<DossierEvent>[]): readonly string[] => {
  if (state.status === 'AWAITING_SUPPLEMENT') return state.pendingSupplement?.missingDocuments ?? [];
  if (state.status !== 'AWAITING_INTAKE_SUPPLEMENT') return [];
  const request = events.findLast((event) => event.type === 'SupplementRequestedAtIntake');
  return request?.type === 'SupplementRequestedAtIntake' ? request.data.missingDocuments : [];
};

export const trackingAnswer = (code: string, state: DossierState, events: readonly RecordedEvent<DossierEvent>[], lang: TrackingLanguage): TrackingAnswer => {
  const words = STATUS_WORDS[lang][state.status];
  return {
    code,
    lang,
    status: state.status,
    statusText: words.label,
    ...(state.receivedAt === undefined ? {} : { receivedAt: state.receivedAt }),
    ...(state.dueDate === undefined ? {} : { dueDate: state.dueDate }),
    missingDocuments: missingOf(state, events),
    nextStep: words.next,
    ...(state.resultReadyAt === undefined ? {} : { resultReadyAt: state.resultReadyAt }),
    ...(state.returnedAt === undefined ? {} : { returnedAt: state.returnedAt }),
    ...(state.lastEventAt === undefined ? {} : { updatedAt: state.lastEventAt }),
  };
};
