import type { Timeliness } from '../../../dossier/vocabulary.js';
import type { DocumentReader, EventHandler } from '../../engine/document-projection.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { addCounts as plus, sumCounts } from '../../vocabulary/counters.js';
import { datedDocumentsIn } from '../../vocabulary/listing.js';
import { parseAggregatePeriod, type Period } from '../../vocabulary/period.js';
import { idOfKeyPart } from '../../vocabulary/document-key.js';
import type { LineageDocument } from '../../vocabulary/lineage.js';

/**
 * The documents of the satisfaction and service-index read models (circular01, sipas, service-index),
 * each projection keeping only the kinds it needs, and the helpers they share: counters by month and
 * lists by day (read through the vocabulary's `counters.ts` and `listing.ts`), plans of document
 * changes, and the figure-key grammar `<tenant>/<root>/<dimension>/<id>/<grain>/<period>/<metric>`.
 */

/** Counters of one scope and month, e.g. `{ received: 12, online: 9 }`; zero counters are left out. */
export interface CountsDocument {
  readonly kind: 'counts';
  readonly counts: Readonly<Record<string, number>>;
}

/** One member of a day's list: a dossier code or feedback id, and what an explanation needs of it. */
export interface DayEntry {
  readonly ref: string;
  /** Global position of the event that put it on the list. */
  readonly p?: number;
  readonly flag?: true;
  readonly levels?: Readonly<Record<string, number>>;
}

/** The members of a figure on one Vietnamese day (bounded by a day's events, never by history). */
export interface DayListDocument {
  readonly kind: 'day';
  readonly entries: readonly DayEntry[];
}

/** What circular01 keeps per dossier: what its indices 1, 2, 3, 4 and 7 are derived from. */
export interface Tt01DossierDocument {
  readonly kind: 'tt01';
  readonly unit?: string;
  /** Receiving officer; `handler` completed processing. */
  readonly officer?: string;
  readonly handler?: string;
  readonly ruleSet?: string;
  /** Submitted or received: a counter receipt after this is not a new trip. */
  readonly filed?: true;
  readonly contacts?: number;
  readonly steps?: number;
  readonly stepScore?: number;
  /** Distinct Vietnamese days the applicant came in person, at most three (only ≤ 2 or more matters). */
  readonly trips?: readonly string[];
  readonly returned?: string;
  readonly timeliness?: Timeliness;
  readonly timelinessAgainstOriginal?: Timeliness;
  readonly complaint?: true;
  readonly citizen?: Readonly<Record<string, number>>;
  readonly rated?: true;
  /** Global positions of the events behind the indices. */
  readonly positions: readonly number[];
}

/** A complaint about a dossier, until it is concluded (`<tenant>/incident/<incidentId>`). */
export interface IncidentDocument {
  readonly kind: 'incident';
  readonly code: string;
  readonly p: number;
}

/** Feedback to handle (praise excluded), by the day it was received. */
export interface FeedbackDocument {
  readonly kind: 'feedback';
  readonly unit?: string;
  readonly day: string;
  readonly handled?: 'on-time' | 'late';
  readonly positions: readonly number[];
}

/** What sipas and service-index keep per dossier: its unit, whether it was rated, whether received. */
export interface DossierUnitDocument {
  readonly kind: 'dossier';
  readonly unit?: string;
  readonly received?: true;
  readonly rated?: true;
}

export type SatisfactionDocument =
  | CountsDocument
  | DayListDocument
  | Tt01DossierDocument
  | IncidentDocument
  | FeedbackDocument
  | DossierUnitDocument
  /** Units merged into a unit (`<tenant>/lineage/<unit>/merged`), kept by sipas (see `vocabulary/lineage.ts`). */
  | LineageDocument;

export const countsOf = (document: SatisfactionDocument | undefined): Readonly<Record<string, number>> | undefined =>
  document?.kind === 'counts' ? document.counts : undefined;

export const entriesOf = (document: SatisfactionDocument | undefined): readonly DayEntry[] => (document?.kind === 'day' ? document.entries : []);

/** Counters plus `deltas`; undefined (deleted) when every counter is 0. */
export const addCounts = (document: SatisfactionDocument | undefined, deltas: Readonly<Record<string, number>>): CountsDocument | undefined => {
  const counts = plus<Record<string, number>>(countsOf(document), Object.entries(deltas));
  return Object.keys(counts).length === 0 ? undefined : { kind: 'counts', counts };
};

export const addEntry = (document: SatisfactionDocument | undefined, entry: DayEntry): DayListDocument => ({
  kind: 'day',
  entries: [...entriesOf(document), entry],
});

export const removeEntry = (document: SatisfactionDocument | undefined, ref: string): DayListDocument | undefined => {
  const entries = entriesOf(document).filter((entry) => entry.ref !== ref);
  return entries.length === 0 ? undefined : { kind: 'day', entries };
};

/** A document's next value from its current one. */
export type Update = (document: SatisfactionDocument | undefined) => SatisfactionDocument | undefined;
/** What one event does: keys in the order they are evolved, each with its update. */
export type Plan = readonly (readonly [key: string, update: Update])[];

/**
 * A handler from a plan. The engine names an event's keys (`touches`) and then evolves them, in one
 * go; the plan made for `touches` is reused by those evolves. Should `evolve` be called without it,
 * the plan is made again from the documents as they stand, so a plan reads at most one document it
 * also changes, and puts that document last: every plan here does.
 */
export const planned = <E>(plan: (event: E, documents: DocumentReader<SatisfactionDocument>) => Plan): EventHandler<SatisfactionDocument, E> => {
  let last: { readonly event: E; readonly plan: Plan } | undefined;
  return {
    touches: (event, documents) => {
      last = { event, plan: plan(event, documents) };
      return last.plan.map(([key]) => key);
    },
    evolve: (document, event, key, documents) => {
      const found = (last?.event === event ? last.plan : plan(event, documents)).find(([planned]) => planned === key);
      if (found === undefined) throw new Error(`no change planned for ${key}`);
      return found[1](document);
    },
  };
};

/** Adds up updates of the same counter document into one (keys keep their first place). */
export const countUpdates = (deltas: readonly (readonly [key: string, name: string, delta: number])[]): Plan => {
  // An event has a handful of deltas: arrays, not maps.
  const keys: string[] = [];
  const sums: Record<string, number>[] = [];
  for (const [key, name, delta] of deltas) {
    let i = keys.indexOf(key);
    if (i < 0) i = keys.push(key) - 1;
    const counts = (sums[i] ??= {});
    counts[name] = (counts[name] ?? 0) + delta;
  }
  const plan: (readonly [string, Update])[] = [];
  for (let i = 0; i < keys.length; i++) {
    const counts = sums[i] as Record<string, number>;
    let changes = false;
    for (const name in counts) if (counts[name] !== 0) changes = true;
    if (changes) plan.push([keys[i] as string, (document) => addCounts(document, counts)]);
  }
  return plan;
};

/**
 * `<tenant>/<root>/<dimension>/<id>/<month|quarter|year>/<period>/<metric>`, parsed (the id as given
 * to queries, unescaped: see `keyPart`); undefined for anything else.
 */
export const parseFigureKey = <Dim extends string, M extends string>(
  key: string,
  root: string,
  dimensions: readonly Dim[],
  metrics: readonly M[],
): { readonly tenantId: string; readonly dimension: Dim; readonly id: string; readonly period: Period; readonly metric: M } | undefined => {
  const parts = key.split('/');
  if (parts.length !== 7 || parts[1] !== root) return undefined;
  const [tenantId, , dimension, id, grain, periodKey, metric] = parts as [string, string, string, string, string, string, string];
  if (tenantId.length === 0 || id.length === 0 || !(dimensions as readonly string[]).includes(dimension)) return undefined;
  if (!(metrics as readonly string[]).includes(metric)) return undefined;
  const period = parseAggregatePeriod(grain, periodKey);
  return period === undefined ? undefined : { tenantId, dimension: dimension as Dim, id: idOfKeyPart(id), period, metric: metric as M };
};

/** Counters of a period summed from its months (`<prefix><YYYY-MM>`); undefined when no month has any. */
export const countsIn = async (
  documents: DocumentQuery<SatisfactionDocument>,
  prefix: string,
  period: Period,
): Promise<Readonly<Record<string, number>> | undefined> =>
  sumCounts<Record<string, number>>(
    (await datedDocumentsIn(documents, prefix, period, 'month')).flatMap(([, document]) => {
      const counts = countsOf(document);
      return counts === undefined ? [] : [counts];
    }),
  );

/** Every entry of the day lists under `prefix` (`<prefix><YYYY-MM-DD>`) within a period, day by day. */
export const entriesIn = async (documents: DocumentQuery<SatisfactionDocument>, prefix: string, period: Period): Promise<DayEntry[]> =>
  (await datedDocumentsIn(documents, prefix, period, 'day')).flatMap(([, document]) => entriesOf(document));
