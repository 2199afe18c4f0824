import { dossierStreamId } from '../../../dossier/decider.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { EventStore } from '../../../kernel/event-store.js';
import { readWholeStream } from '../stream.js';

/**
 * The events a dossier verdict rests on: the dossier's stream in its province (ADR 0011). Everything
 * the verdict weighs is recorded there: the dates and the versions they were computed with, each
 * supplement with its clock policy, the forwardings to other bodies, the apology, the result's arrival
 * at the desk and its return, and the breaches recorded on the facts (ADR 0010).
 */
export const gatherDossierEvents = (store: EventStore, tenantId: string, dossierCode: string): Promise<readonly RecordedEvent[]> =>
  readWholeStream(store, dossierStreamId(tenantId, dossierCode));
