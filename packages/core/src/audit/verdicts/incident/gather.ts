import { incidentStreamId } from '../../../conduct/state.js';
import { dossierStreamId } from '../../../dossier/decider.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { EventStore } from '../../../kernel/event-store.js';
import { breachEventsOf, inLogOrder, readWholeStream } from '../stream.js';

/**
 * The events an incident verdict rests on: the incident's stream in its province (ADR 0011) and, when
 * the report names a dossier, that dossier's facts recorded with breaches (a late apology is C12, a
 * second supplement request C06: the evidence an inspector weighs beside the incident).
 */
export const gatherIncidentEvents = async (store: EventStore, tenantId: string, incidentId: string): Promise<readonly RecordedEvent[]> => {
  const own = await readWholeStream(store, incidentStreamId(tenantId, incidentId));
  const report = own.find((event) => event.type === 'IncidentReported');
  const dossierCode = (report?.data as { dossierCode?: string } | undefined)?.dossierCode;
  return dossierCode === undefined ? own : inLogOrder(own, await breachEventsOf(store, dossierStreamId(tenantId, dossierCode)));
};
