import type { EventOf } from '../../engine/document-projection.js';
import { documentKey } from '../../vocabulary/document-key.js';
import type { ResultReturned } from '../../../dossier/events.js';
import type { Timeliness } from '../../../dossier/vocabulary.js';
import { dayOfEvent } from '../../vocabulary/period.js';

/**
 * What several dossier read models need from dossier events, typed from the codecs: the key of a
 * per-dossier document, the Vietnamese day of an event, and the basic facts of a dossier (its unit,
 * procedure, officers, rule set and the days the applicant came in person). Each read model keeps
 * these in its own documents, beside what only it needs (docs/domain/indices.md).
 */

/** `<tenant>/dossier/<code>`: a read model's document about one dossier. */
export const dossierKey = (tenantId: string, code: string): string => documentKey(tenantId, 'dossier', code);

/** The dossier events the basic facts are read from. */
export const BASICS_EVENT_TYPES = ['GuidanceGiven', 'DossierSubmitted', 'DossierReceived', 'SupplementReceived', 'ProcessingCompleted', 'ResultReturned'] as const;
export type BasicsEventType = (typeof BASICS_EVENT_TYPES)[number];
export type BasicsEvent = { readonly [T in BasicsEventType]: EventOf<T> }[BasicsEventType];

/**
 * A dossier's basic facts. Absent fields mean none yet: a province-year holds many of these.
 * `officer` received the dossier, `handler` completed its processing; `trips` are the distinct
 * Vietnamese days the applicant came to the desk in person (docs/domain/indices.md §6.3 proxy).
 */
export interface DossierBasics {
  readonly unit?: string;
  readonly procedure?: string;
  readonly officer?: string;
  readonly handler?: string;
  /** Day of receipt (form 01). */
  readonly received?: string;
  /** The rule set the dossier was received under. */
  readonly ruleSet?: string;
  readonly online?: boolean;
  readonly trips?: readonly string[];
}

/**
 * The day `event` is a visit in person, judged on the facts before it: guidance, a submission, a
 * supplement or a return at the counter; filing straight at the counter (a receipt with no earlier
 * receipt or submission), never the receipt of a checked submission. Undefined for any other event.
 */
export const visitDayOf = (basics: DossierBasics | undefined, event: BasicsEvent): string | undefined => {
  switch (event.type) {
    case 'GuidanceGiven':
      return event.data.channel === 'counter' ? dayOfEvent(event) : undefined;
    case 'DossierSubmitted':
      return event.data.channel === 'counter' ? dayOfEvent(event) : undefined;
    case 'DossierReceived':
      return event.data.channel === 'counter' && basics?.received === undefined && basics?.procedure === undefined ? dayOfEvent(event) : undefined;
    case 'SupplementReceived':
      return event.data.deliveredVia === 'counter' ? dayOfEvent(event) : undefined;
    case 'ResultReturned':
      return event.data.via === 'counter' ? event.data.returnDate : undefined;
    case 'ProcessingCompleted':
      return undefined;
  }
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The basic facts after `event` (a new value; `basics` is not changed). `visitDay` is `visitDayOf(basics,
 * event)`, for a caller that worked it out already.
 */
export const evolveBasics = (basics: DossierBasics | undefined, event: BasicsEvent, visitDay: string | undefined = visitDayOf(basics, event)): DossierBasics => {
  const before = basics ?? {};
  const trips = visitDay === undefined || before.trips?.includes(visitDay) === true ? undefined : [...(before.trips ?? []), visitDay];
  let next: Mutable<DossierBasics>;
  switch (event.type) {
    case 'DossierSubmitted':
      next = { ...before, unit: event.data.receivingUnitId, procedure: event.data.procedureCode };
      break;
    case 'DossierReceived':
      next = {
        ...before,
        unit: event.data.receivingUnitId,
        procedure: event.data.procedureCode,
        officer: event.data.officerId,
        received: dayOfEvent(event),
        ruleSet: event.data.ruleSetId,
        online: event.data.channel === 'online',
      };
      break;
    case 'ProcessingCompleted':
      next = { ...before, handler: event.data.officerId };
      break;
    default:
      if (trips === undefined) return before;
      next = { ...before };
  }
  if (trips !== undefined) next.trips = trips;
  return next;
};

/** The officer a dossier's figures are counted for: who completed its processing, else who received it. */
export const officerOf = (basics: DossierBasics): string | undefined => basics.handler ?? basics.officer;

/** Distinct days the applicant came in person. */
export const tripsOf = (basics: DossierBasics): number => basics.trips?.length ?? 0;

/**
 * How a returned dossier counts against its time limit: judged on the day its result reached the desk
 * (docs/domain/dossier-lifecycle.md §4), or on the return day for a log without `ResultReady`
 * (`judgedAt: 'return'`), and always against the due date before any apology (§5). The judgement
 * against the due date in force (an apology's new date) is kept beside it, to show, never to count.
 */
export interface Resolution {
  readonly judgedAt: 'ready' | 'return';
  /** The day judged: the ready day, or the return day. */
  readonly date: string;
  readonly timeliness: Timeliness;
  readonly timelinessAgainstDueDate: Timeliness;
  readonly originalDueDate: string;
  /** The due date in force at the return: an apology's new date when it differs from the original. */
  readonly dueDate: string;
}

export const resolutionOf = (event: { readonly data: ResultReturned['data'] }): Resolution => {
  const { ready, returnDate, originalDueDate, dueDate } = event.data;
  return ready === undefined
    ? { judgedAt: 'return', date: returnDate, timeliness: event.data.timelinessAgainstOriginal, timelinessAgainstDueDate: event.data.timeliness, originalDueDate, dueDate }
    : { judgedAt: 'ready', date: ready.readyDate, timeliness: ready.timelinessAgainstOriginal, timelinessAgainstDueDate: ready.timeliness, originalDueDate, dueDate };
};

