import { evolveDossier } from '../../../dossier/evolve.js';
import type { DossierEvent } from '../../../dossier/events.js';
import type { Timeliness } from '../../../dossier/vocabulary.js';
import { CLOSED_STATUSES, initialDossierState, type DossierState, type DossierStatus } from '../../../dossier/state.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { parseProvinceStreamId } from '../../../kernel/tenant.js';
import { defineProjection, type DocumentReader, type EventHandler } from '../../engine/document-projection.js';
import { documentKey, documentPrefix } from '../../vocabulary/document-key.js';

/** One row of the dossier list. */
export interface DossierSummary {
  readonly code: string;
  readonly tenantId: string;
  readonly status: DossierStatus;
  readonly unitId?: string;
  readonly procedureCode?: string;
  readonly applicantId?: string;
  readonly receivedAt?: string;
  /** The due date in force: after an apology, its new date (a promise to the applicant). */
  readonly dueDate?: string;
  /** The due date before any apology (form 01 as moved by supplements): what lateness is judged against (docs/domain/dossier-lifecycle.md §5). */
  readonly originalDueDate?: string;
  /** When the result reached the desk (docs/domain/dossier-lifecycle.md §4). */
  readonly resultReadyAt?: string;
  readonly returnedAt?: string;
  /** Early, on time or late against `originalDueDate`, judged when the result reached the desk, else at its return (`judgedAt`). */
  readonly timeliness?: Timeliness;
  readonly judgedAt?: 'ready' | 'return';
  /** Events in the dossier's stream so far. */
  readonly version: number;
}

/**
 * `<tenant>/dossier/<code>`: where the dossier's row is, the global position of its first event
 * (`first`), written once, at that event.
 * `<tenant>/row/<first, 12 digits>`: the dossier's row (a prefix scan lists dossiers in the order they
 * first appeared) and, while it is open, its state as the desk's own decider folds it. The state is
 * dropped once the dossier closes: only a rating may follow, and it changes nothing listed but the
 * version. An event writes the row alone, but the dossier's first, which writes both.
 */
export type DossierListDocument =
  | { readonly kind: 'dossier'; readonly first: number }
  | { readonly kind: 'row'; readonly row: DossierSummary; readonly state?: DossierState };

const POSITION_DIGITS = 12;
export const rowKey = (tenantId: string, first: number): string => documentKey(tenantId, 'row', String(first).padStart(POSITION_DIGITS, '0'));
export const dossierKey = (tenantId: string, code: string): string => documentKey(tenantId, 'dossier', code);
/** The first position a row key stands for (the list's cursor). */
export const firstOfRowKey = (key: string): number => Number(key.slice(key.lastIndexOf('/') + 1));

const summary = (code: string, tenantId: string, state: DossierState, version: number): DossierSummary => ({
  code,
  tenantId,
  status: state.status,
  ...(state.receivingUnitId === undefined ? {} : { unitId: state.receivingUnitId }),
  ...(state.procedureCode === undefined ? {} : { procedureCode: state.procedureCode }),
  ...(state.applicantId === undefined ? {} : { applicantId: state.applicantId }),
  ...(state.receivedAt === undefined ? {} : { receivedAt: state.receivedAt }),
  ...(state.dueDate === undefined ? {} : { dueDate: state.dueDate }),
  ...(state.originalDueDate === undefined ? {} : { originalDueDate: state.originalDueDate }),
  ...(state.resultReadyAt === undefined ? {} : { resultReadyAt: state.resultReadyAt }),
  ...(state.returnedAt === undefined ? {} : { returnedAt: state.returnedAt }),
  ...judgement(state),
  version,
});

/** The dossier's timeliness once judged: at the result's arrival at the desk, else at the return. */
const judgement = (state: DossierState): Pick<DossierSummary, 'timeliness' | 'judgedAt'> => {
  if (state.resultReady !== undefined) return { timeliness: state.resultReady.timelinessAgainstOriginal, judgedAt: 'ready' };
  if (state.timelinessAgainstOriginal !== undefined) return { timeliness: state.timelinessAgainstOriginal, judgedAt: 'return' };
  return {};
};

const firstOf = (documents: DocumentReader<DossierListDocument>, event: RecordedEvent<DossierEvent>): number | undefined => {
  const entry = documents.get(dossierKey(event.metadata.tenantId, event.data.dossierCode));
  return entry?.kind === 'dossier' ? entry.first : undefined;
};

const onDossierEvent: EventHandler<DossierListDocument, RecordedEvent<DossierEvent>> = {
  touches: (event, documents) => {
    // A dossier stream's id names its province and code (docs/adr/0011-province-in-stream-ids.md).
    const parsed = parseProvinceStreamId(event.metadata.streamId);
    if (parsed?.kind !== 'dossier' || parsed.id !== event.data.dossierCode) {
      throw new Error(`${event.type} of dossier ${event.data.dossierCode} is recorded on stream ${event.metadata.streamId}`);
    }
    const { tenantId, globalPosition } = event.metadata;
    const first = firstOf(documents, event);
    return first === undefined ? [dossierKey(tenantId, event.data.dossierCode), rowKey(tenantId, globalPosition)] : [rowKey(tenantId, first)];
  },
  evolve: (document, event, key) => {
    const { streamVersion, globalPosition, tenantId } = event.metadata;
    // The dossier's document is written at its first event only: where its row is.
    if (document?.kind === 'dossier' || !key.startsWith(documentPrefix(tenantId, 'row'))) return document ?? { kind: 'dossier', first: globalPosition };
    const entry = document;
    if (entry !== undefined && entry.state === undefined) return { kind: 'row', row: { ...entry.row, version: streamVersion } };
    const state = evolveDossier(entry?.state ?? initialDossierState, event);
    const row = summary(event.data.dossierCode, tenantId, state, streamVersion);
    return CLOSED_STATUSES.includes(state.status) ? { kind: 'row', row } : { kind: 'row', row, state };
  },
};

/** Every dossier event: each changes the dossier's row (its status, due date or version). */
export const dossierListProjection = defineProjection<DossierListDocument>({
  name: 'dossier-list',
  version: 3,
  handlers: {
    GuidanceGiven: onDossierEvent,
    DossierSubmitted: onDossierEvent,
    SupplementRequestedAtIntake: onDossierEvent,
    RefusedAtIntake: onDossierEvent,
    DossierReceived: onDossierEvent,
    DossierTransferred: onDossierEvent,
    SupplementRequested: onDossierEvent,
    SupplementReceived: onDossierEvent,
    ForwardedToAgency: onDossierEvent,
    ReturnedFromAgency: onDossierEvent,
    ProcessingCompleted: onDossierEvent,
    ApologyIssued: onDossierEvent,
    ResultReady: onDossierEvent,
    ResultReturned: onDossierEvent,
    DossierWithdrawn: onDossierEvent,
    DossierRated: onDossierEvent,
  },
});
