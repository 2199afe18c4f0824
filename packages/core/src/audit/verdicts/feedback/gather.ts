import { dossierStreamId } from '../../../dossier/decider.js';
import { feedbackStreamId } from '../../../feedback/state.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { EventStore } from '../../../kernel/event-store.js';
import { breachEventsOf, inLogOrder, readWholeStream } from '../stream.js';

/**
 * The events a feedback verdict rests on: the feedback's stream in its province (ADR 0011) and, when it
 * names a dossier, that dossier's facts recorded with breaches (ADR 0010).
 */
export const gatherFeedbackEvents = async (store: EventStore, tenantId: string, feedbackId: string): Promise<readonly RecordedEvent[]> => {
  const own = await readWholeStream(store, feedbackStreamId(tenantId, feedbackId));
  const receipt = own.find((event) => event.type === 'FeedbackReceived');
  const dossierCode = (receipt?.data as { dossierCode?: string } | undefined)?.dossierCode;
  return dossierCode === undefined ? own : inLogOrder(own, await breachEventsOf(store, dossierStreamId(tenantId, dossierCode)));
};
