import type { RecordedEvent } from '../../kernel/envelope.js';
import type { EventRef } from '../../read-side/explain/explanation.js';
import { DOSSIER_EVENT_TYPES, type DossierFacts, type FeedbackFacts } from './state.js';

const TYPE_INDEX = new Map<string, number>(DOSSIER_EVENT_TYPES.map((type, index) => [type, index]));

/** Remembers where `event` sits in the log (three numbers) on the facts it changed. */
export const remember = (facts: DossierFacts | FeedbackFacts, event: RecordedEvent): void => {
  const index = TYPE_INDEX.get(event.type);
  if (index !== undefined) facts.refs.push(event.metadata.globalPosition, event.metadata.streamVersion, index);
};

/** The references kept on `facts`, of the given event types only when `types` is given. */
export const refsOf = (facts: DossierFacts | FeedbackFacts, types?: readonly string[]): EventRef[] => {
  const refs: EventRef[] = [];
  for (let i = 0; i + 2 < facts.refs.length; i += 3) {
    const type = DOSSIER_EVENT_TYPES[facts.refs[i + 2] as number] as string;
    if (types !== undefined && !types.includes(type)) continue;
    refs.push({ streamId: facts.stream, streamVersion: facts.refs[i + 1] as number, globalPosition: facts.refs[i] as number, type });
  }
  if (types === undefined || types.includes('IncidentConcluded') || types.includes('IncidentReported')) {
    if ('otherRefs' in facts) {
      for (const [streamId, streamVersion, globalPosition, type] of facts.otherRefs ?? []) {
        if (types === undefined || types.includes(type)) refs.push({ streamId, streamVersion, globalPosition, type });
      }
    }
  }
  return refs;
};
