import type { DossierEvent } from '../../../dossier/events.js';
import type { Timeliness } from '../../../dossier/vocabulary.js';
import { CLOSED_STATUSES, type DossierStatus } from '../../../dossier/state.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { parseProvinceStreamId } from '../../../kernel/tenant.js';
import { defineProjection, type DocumentReader, type EventHandler } from '../../engine/document-projection.js';
import { documentKey } from '../../vocabulary/document-key.js';

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
 * first appeared) and, while it is open and with agencies, the agencies it was forwarded to that have
 * not returned it (`agenciesOut`): with the row, all the list needs to follow the desk's decider
 * (`evolveDossier`) on the fields it shows. Once the dossier closes only a rating may follow, and it
 * changes nothing listed but the version. An event writes the row alone, but the dossier's first,
 * which writes both.
 */
export type DossierListDocument =
  | { readonly kind: 'dossier'; readonly first: number }
  | { readonly kind: 'row'; readonly row: DossierSummary; readonly agenciesOut?: readonly string[] };

const POSITION_DIGITS = 12;
export const rowKey = (tenantId: string, first: number): string => documentKey(tenantId, 'row', String(first).padStart(POSITION_DIGITS, '0'));
export const dossierKey = (tenantId: string, code: string): string => documentKey(tenantId, 'dossier', code);
/** The first position a row key stands for (the list's cursor). */
export const firstOfRowKey = (key: string): number => Number(key.slice(key.lastIndexOf('/') + 1));

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The row's fields after one more event of an open dossier, as the desk's decider folds them
 * (`evolveDossier`), read from the fields alone: every listed field is copied from an event but the
 * status, which after an agency's return depends on the agencies still holding the dossier, and the
 * judgement, taken at the result's arrival at the desk, else at its return. Changes `fields`, a fresh
 * copy, and gives the agencies holding the dossier after the event.
 */
const listed = (fields: Mutable<DossierSummary>, agenciesOut: readonly string[], event: RecordedEvent<DossierEvent>): readonly string[] => {
  switch (event.type) {
    case 'GuidanceGiven':
      // The person guided is who the dossier concerns until a filing names its applicant.
      if (fields.applicantId === undefined && event.data.applicantId !== undefined) fields.applicantId = event.data.applicantId;
      if (fields.status === 'NOT_STARTED') fields.status = 'GUIDED';
      return agenciesOut;
    case 'DossierSubmitted':
      fields.status = 'SUBMITTED';
      fields.unitId = event.data.receivingUnitId;
      fields.procedureCode = event.data.procedureCode;
      fields.applicantId = event.data.applicantId;
      return agenciesOut;
    case 'SupplementRequestedAtIntake':
      fields.status = 'AWAITING_INTAKE_SUPPLEMENT';
      return agenciesOut;
    case 'RefusedAtIntake':
      fields.status = 'REFUSED_AT_INTAKE';
      return agenciesOut;
    case 'DossierReceived':
      fields.status = 'RECEIVED';
      fields.unitId = event.data.receivingUnitId;
      fields.procedureCode = event.data.procedureCode;
      fields.applicantId = event.data.applicantId;
      fields.receivedAt = event.data.occurredAt;
      fields.dueDate = event.data.dueDate;
      fields.originalDueDate = event.data.dueDate;
      return agenciesOut;
    case 'DossierTransferred':
      fields.status = 'IN_PROCESSING';
      return agenciesOut;
    case 'SupplementRequested':
      fields.status = 'AWAITING_SUPPLEMENT';
      return agenciesOut;
    case 'SupplementReceived':
      // A supplement moves the lawful due date itself, so the pre-apology date moves with it.
      fields.status = 'IN_PROCESSING';
      fields.dueDate = event.data.dueDate;
      fields.originalDueDate = event.data.dueDate;
      return agenciesOut;
    case 'ForwardedToAgency':
      fields.status = 'WITH_AGENCY';
      return agenciesOut.includes(event.data.agencyId) ? agenciesOut : [...agenciesOut, event.data.agencyId];
    case 'ReturnedFromAgency': {
      // The return closes every open step of that agency; the dossier stays with any other.
      const { agencyId } = event.data;
      const stillOut = agenciesOut.includes(agencyId) ? agenciesOut.filter((id) => id !== agencyId) : agenciesOut;
      fields.status = stillOut.length > 0 ? 'WITH_AGENCY' : 'IN_PROCESSING';
      return stillOut;
    }
    case 'ProcessingCompleted':
      fields.status = 'PROCESSED';
      return agenciesOut;
    case 'ApologyIssued':
      fields.dueDate = event.data.newDueDate;
      fields.originalDueDate = event.data.originalDueDate;
      return agenciesOut;
    case 'ResultReady':
      fields.status = 'RESULT_READY';
      fields.resultReadyAt = event.data.occurredAt;
      fields.timeliness = event.data.timelinessAgainstOriginal;
      fields.judgedAt = 'ready';
      return agenciesOut;
    case 'ResultReturned':
      fields.status = 'RETURNED';
      fields.returnedAt = event.data.occurredAt;
      if (fields.judgedAt !== 'ready') {
        fields.timeliness = event.data.timelinessAgainstOriginal;
        fields.judgedAt = 'return';
      }
      return agenciesOut;
    case 'DossierWithdrawn':
      fields.status = 'WITHDRAWN';
      return agenciesOut;
    // Form 05 steps and corrections after the return change no column of the list.
    case 'StepAssigned':
    case 'StepCompleted':
    case 'ResultErrorReported':
    case 'ResultCorrected':
    case 'DossierRated':
      return agenciesOut;
  }
};

/**
 * The keys of the documents an event touches, built lately: the rows of one province by their first
 * position (a dossier's events come close together, so most of its rows' keys are found here), and
 * the province's `<tenant>/dossier/` prefix, checked once. A bounded memo, one province at a time.
 */
let keysOfTenant = '';
let dossiersPrefix = '';
const rows = new Map<number, string>();

const keysOf = (tenantId: string): void => {
  if (tenantId === keysOfTenant && rows.size < 16384) return;
  rows.clear();
  // What `documentKey` builds for a dossier: a codec-checked dossier code holds no `/`.
  dossiersPrefix = `${documentKey(tenantId, 'dossier')}/`;
  keysOfTenant = tenantId;
};

const rowKeyOf = (tenantId: string, first: number): string => {
  keysOf(tenantId);
  let key = rows.get(first);
  if (key === undefined) {
    key = rowKey(tenantId, first);
    rows.set(first, key);
  }
  return key;
};

const dossierKeyOf = (tenantId: string, code: string): string => {
  keysOf(tenantId);
  return code.length === 0 || code.includes('/') ? dossierKey(tenantId, code) : dossiersPrefix + code;
};

const firstOf = (documents: DocumentReader<DossierListDocument>, event: RecordedEvent<DossierEvent>): number | undefined => {
  const entry = documents.get(dossierKeyOf(event.metadata.tenantId, event.data.dossierCode));
  return entry?.kind === 'dossier' ? entry.first : undefined;
};

const NONE: readonly string[] = [];

const STREAM_KIND = 'dossier-';

/**
 * Whether a dossier's event is recorded on the dossier's stream: its id names the dossier's code
 * (docs/adr/0011-province-in-stream-ids.md). Read without parsing for the usual id, the event's own
 * province's `dossier-<tenant>:<code>`.
 */
const onOwnStream = (streamId: string, tenantId: string, code: string): boolean => {
  const colon = STREAM_KIND.length + tenantId.length;
  if (
    streamId.length === colon + 1 + code.length &&
    streamId.startsWith(STREAM_KIND) &&
    streamId.startsWith(tenantId, STREAM_KIND.length) &&
    streamId.charCodeAt(colon) === 58 /* ':' */ &&
    streamId.endsWith(code)
  ) {
    return code.length > 0;
  }
  const parsed = parseProvinceStreamId(streamId);
  return parsed?.kind === 'dossier' && parsed.id === code;
};

const onDossierEvent: EventHandler<DossierListDocument, RecordedEvent<DossierEvent>> = {
  touches: (event, documents) => {
    const { tenantId, globalPosition, streamId } = event.metadata;
    if (!onOwnStream(streamId, tenantId, event.data.dossierCode)) {
      throw new Error(`${event.type} of dossier ${event.data.dossierCode} is recorded on stream ${streamId}`);
    }
    const first = firstOf(documents, event);
    return first === undefined ? [dossierKeyOf(tenantId, event.data.dossierCode), rowKeyOf(tenantId, globalPosition)] : [rowKeyOf(tenantId, first)];
  },
  evolve: (document, event, key) => {
    const { streamVersion, globalPosition, tenantId } = event.metadata;
    // The dossier's document is written at its first event only: where its row is.
    if (document?.kind === 'dossier') return document;
    if (document === undefined && !key.startsWith('row/', tenantId.length + 1)) return { kind: 'dossier', first: globalPosition };
    if (document !== undefined && CLOSED_STATUSES.includes(document.row.status)) return { kind: 'row', row: { ...document.row, version: streamVersion } };
    const row = document?.row;
    // Every field present, in the list's order, so that rows are of one shape whatever their events.
    const fields: Mutable<DossierSummary> = {
      code: event.data.dossierCode,
      tenantId,
      status: row === undefined ? 'NOT_STARTED' : row.status,
      unitId: row?.unitId,
      procedureCode: row?.procedureCode,
      applicantId: row?.applicantId,
      receivedAt: row?.receivedAt,
      dueDate: row?.dueDate,
      originalDueDate: row?.originalDueDate,
      resultReadyAt: row?.resultReadyAt,
      returnedAt: row?.returnedAt,
      timeliness: row?.timeliness,
      judgedAt: row?.judgedAt,
      version: streamVersion,
    };
    const agenciesOut = listed(fields, document?.agenciesOut ?? NONE, event);
    // The fields are the row, in the order the list has always shown (an absent one is undefined, which JSON leaves out).
    return CLOSED_STATUSES.includes(fields.status) || agenciesOut.length === 0 ? { kind: 'row', row: fields } : { kind: 'row', row: fields, agenciesOut };
  },
};

/** Every dossier event: each changes the dossier's row (its status, due date or version). */
export const dossierListProjection = defineProjection<DossierListDocument>({
  name: 'dossier-list',
  version: 4,
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
