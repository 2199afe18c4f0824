import type { FeedbackChannel, FeedbackKind } from './vocabulary.js';
import { provinceStreamId } from '../kernel/tenant.js';

export interface FeedbackAnswer {
  readonly answeredOn: string;
  readonly onTheSpot: boolean;
  readonly onTime: boolean;
}

export interface FeedbackRecord {
  readonly status: 'open' | 'closed';
  readonly feedbackId: string;
  readonly channel: FeedbackChannel;
  readonly kind: FeedbackKind;
  readonly subjectId?: string;
  readonly officerId?: string;
  readonly unitId?: string;
  readonly dossierCode?: string;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly dueDate: string;
  readonly forwardingDueDate: string;
  readonly ruleSetId: string;
  /** Business time of the latest step: no step may be dated before it. */
  readonly lastStepAt: string;
  readonly answer?: FeedbackAnswer;
  readonly forwarded?: { readonly toBody: string; readonly forwardedOn: string; readonly onTime: boolean };
  readonly escalation?: { readonly incidentId: string; readonly officerId: string };
  readonly closedOn?: string;
}

export type FeedbackState = { readonly status: 'not-received' } | FeedbackRecord;

export const initialFeedbackState = (): FeedbackState => ({ status: 'not-received' });

export const feedbackStreamId = (tenantId: string, feedbackId: string): string => provinceStreamId('feedback', tenantId, feedbackId);
