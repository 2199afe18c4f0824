import type { Timeliness } from '../../../dossier/vocabulary.js';
import type { DocumentReader, EventHandler } from '../../engine/document-projection.js';
import type { DocumentQuery } from '../../engine/document-store.js';
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

/**
 * Counters of one scope and month, names and counts side by side, e.g.
 * `{ names: ['received', 'online'], counts: [12, 9] }`; zero counters are left out. Side by side
 * rather than a record: a change copies the counts alone (a list of numbers) and shares the names
 * until a new counter appears, however many counters there are (circular01 keeps one per profile).
 */
export interface CountsDocument {
  readonly kind: 'counts';
  readonly names: readonly string[];
  readonly counts: readonly number[];
}

/** One member of a day's list: a dossier code or feedback id, and what an explanation needs of it. */
export interface DayEntry {
  readonly ref: string;
  /** Global position of the event that put it on the list. */
  readonly p?: number;
  readonly flag?: true;
  readonly levels?: Readonly<Record<string, number>>;
}

/** How many members a day list holds in each of its chunks. */
export const DAY_CHUNK = 64;

/**
 * The members of a figure on one Vietnamese day (bounded by a day's events, never by history), in the
 * order they were listed: `earlier` (full chunks of `DAY_CHUNK`, absent while the list has no more) and
 * then `entries` (the last 1 to `DAY_CHUNK`). In chunks, so that listing one more member copies the last
 * chunk and the list of chunks, not a province's whole day (hundreds of dossiers a day); the chunks
 * follow from the members alone, whatever the order of the changes that listed them.
 */
export interface DayListDocument {
  readonly kind: 'day';
  readonly earlier?: readonly (readonly DayEntry[])[];
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
  /** Supplement requests (at intake and in processing); `applicantContacts` of them the applicant's own fault made necessary. */
  readonly contacts?: number;
  readonly applicantContacts?: number;
  /** Steps of other bodies (forwardings, form 05 steps) and the lowest score of those handed back. */
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

/** A counter document's counters by name. */
export const countsOf = (document: SatisfactionDocument | undefined): Readonly<Record<string, number>> | undefined => {
  if (document?.kind !== 'counts') return undefined;
  const counts: Record<string, number> = {};
  for (let i = 0; i < document.names.length; i++) counts[document.names[i] as string] = document.counts[i] as number;
  return counts;
};

export const entriesOf = (document: SatisfactionDocument | undefined): readonly DayEntry[] => {
  if (document?.kind !== 'day') return [];
  const { earlier, entries } = document;
  return earlier === undefined ? entries : ([] as DayEntry[]).concat(...earlier, entries);
};

const NO_NAMES: readonly string[] = Object.freeze([]);

/** From how many counters a document's names are looked up in an index rather than searched. */
const INDEXED_FROM = 16;
/**
 * Where each counter sits in a list of names, for the long lists (circular01's month of a province
 * counts a hundred profiles): a list is shared by a document's successive values until a counter is
 * added, so its index is made once for many events. Kept beside the list, never in the document.
 */
const indexes = new WeakMap<readonly string[], Map<string, number>>();
const indexOfName = (names: readonly string[], name: string): number => {
  if (names.length < INDEXED_FROM) return names.indexOf(name);
  let index = indexes.get(names);
  if (index === undefined) {
    index = new Map();
    for (let i = 0; i < names.length; i++) index.set(names[i] as string, i);
    indexes.set(names, index);
  }
  return index.get(name) ?? -1;
};

/** Counters plus `deltas` (of `names[i]`, `deltas[i]`); undefined (deleted) when every counter is 0. */
export const addCounts = (document: SatisfactionDocument | undefined, names: readonly string[], deltas: readonly number[]): CountsDocument | undefined => {
  const before = document?.kind === 'counts' ? document : undefined;
  let nextNames = before === undefined ? NO_NAMES : before.names;
  const counts = before === undefined ? [] : before.counts.slice();
  let shared = true;
  let zeros = false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const delta = deltas[i] as number;
    // Once a counter is added the names are a copy being made: searched, never indexed.
    const at = shared ? indexOfName(nextNames, name) : nextNames.indexOf(name);
    if (at >= 0) {
      const value = (counts[at] as number) + delta;
      counts[at] = value;
      if (value === 0) zeros = true;
      continue;
    }
    // A new counter: the names are copied (they may be shared with the document's earlier values).
    if (shared) {
      nextNames = nextNames.slice();
      shared = false;
    }
    (nextNames as string[]).push(name);
    counts.push(delta);
    if (delta === 0) zeros = true;
  }
  if (!zeros) return { kind: 'counts', names: nextNames, counts };
  const keptNames: string[] = [];
  const kept: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    keptNames.push(nextNames[i] as string);
    kept.push(counts[i] as number);
  }
  return kept.length === 0 ? undefined : { kind: 'counts', names: keptNames, counts: kept };
};

/** The day list of `members` (at least one), in chunks. */
const dayList = (members: readonly DayEntry[]): DayListDocument => {
  if (members.length <= DAY_CHUNK) return { kind: 'day', entries: members };
  const last = members.length - 1 - ((members.length - 1) % DAY_CHUNK);
  const earlier: DayEntry[][] = [];
  for (let from = 0; from < last; from += DAY_CHUNK) earlier.push(members.slice(from, from + DAY_CHUNK));
  return { kind: 'day', earlier, entries: members.slice(last) };
};

/** The day list with `entry` listed last: its last chunk copied, or a new chunk begun once that is full. */
export const addEntry = (document: SatisfactionDocument | undefined, entry: DayEntry): DayListDocument => {
  if (document?.kind !== 'day') return { kind: 'day', entries: [entry] };
  const { earlier, entries } = document;
  if (entries.length < DAY_CHUNK) {
    const next = [...entries, entry];
    return earlier === undefined ? { kind: 'day', entries: next } : { kind: 'day', earlier, entries: next };
  }
  return { kind: 'day', earlier: earlier === undefined ? [entries] : [...earlier, entries], entries: [entry] };
};

export const removeEntry = (document: SatisfactionDocument | undefined, ref: string): DayListDocument | undefined => {
  const entries = entriesOf(document).filter((entry) => entry.ref !== ref);
  return entries.length === 0 ? undefined : dayList(entries);
};

/** A document's next value from its current one. */
export type Update = (document: SatisfactionDocument | undefined) => SatisfactionDocument | undefined;

/** Deltas to add to a counter document's counters (`names[i]` by `deltas[i]`). */
class CountChange {
  constructor(
    readonly names: string[],
    readonly deltas: number[],
  ) {}
}

/** An entry to put on a day list. */
class EntryAdded {
  constructor(readonly entry: DayEntry) {}
}

type Planned = Update | SatisfactionDocument | CountChange | EntryAdded;

/** The empty list every plan starts with (`appended` never changes it: it makes a list of one). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** `list` with `item` at its end: a one-member list made to size (a first `push` would make room for 17). */
const appended = <T>(list: T[], item: T): T[] => {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
};

/**
 * What one event does: keys in the order they are evolved, each with its update (`keys[i]` by
 * `updates[i]`). Counter documents come first, their deltas added up per document (a document whose
 * deltas cancel out is left alone), then the other changes in the order they were planned.
 */
export class Plan {
  keys: string[] = NONE;
  /** What becomes of each key's document: an update, the document's next value, counters to add, an entry to list. */
  private updates: Planned[] = NONE;
  /** Counter documents, each with its counters' names and deltas (made on the first count). */
  private counted: string[] | undefined;
  private counts: CountChange[] = NONE;

  /** Adds `delta` to the counter `name` of the counter document `key`. */
  count(key: string, name: string, delta: number): this {
    const i = this.counted === undefined ? -1 : this.counted.indexOf(key);
    if (i < 0) {
      this.counted = this.counted === undefined ? [key] : appended(this.counted, key);
      this.counts = appended(this.counts, new CountChange([name], [delta]));
      return this;
    }
    const { names, deltas } = this.counts[i] as CountChange;
    const at = names.indexOf(name);
    if (at < 0) {
      names.push(name);
      deltas.push(delta);
    } else deltas[at] = (deltas[at] as number) + delta;
    return this;
  }

  private planned(key: string, update: Planned): this {
    this.keys = appended(this.keys, key);
    this.updates = appended(this.updates, update);
    return this;
  }

  /** Changes the document `key` with `update` (after every counter document). */
  change(key: string, update: Update): this {
    return this.planned(key, update);
  }

  /** Sets the document `key` to `document` (after every counter document). */
  put(key: string, document: SatisfactionDocument): this {
    return this.planned(key, document);
  }

  /** Puts an entry on the day list `key`. */
  add(key: string, entry: DayEntry): this {
    return this.planned(key, new EntryAdded(entry));
  }

  /** The plan, counter documents first. */
  done(): this {
    const counted = this.counted;
    if (counted === undefined) return this;
    this.counted = undefined;
    const keys: string[] = [];
    const updates: Planned[] = [];
    for (let i = 0; i < counted.length; i++) {
      const change = this.counts[i] as CountChange;
      if (change.deltas.every((delta) => delta === 0)) continue;
      keys.push(counted[i] as string);
      updates.push(change);
    }
    this.keys = keys.length === 0 ? this.keys : keys.concat(this.keys);
    this.updates = updates.length === 0 ? this.updates : updates.concat(this.updates);
    return this;
  }

  /** The next value of the document `key`, planned at `i`. */
  evolve(i: number, document: SatisfactionDocument | undefined): SatisfactionDocument | undefined {
    const update = this.updates[i];
    if (typeof update === 'function') return update(document);
    if (update instanceof CountChange) return addCounts(document, update.names, update.deltas);
    if (update instanceof EntryAdded) return addEntry(document, update.entry);
    return update;
  }
}

/** A plan that changes nothing (frozen: a plan to build on is a `new Plan()`). */
export const NOTHING: Plan = new Plan();
Object.freeze(NOTHING.keys);
Object.freeze(NOTHING);

/**
 * A handler from a plan. The engine names an event's keys (`touches`) and then evolves them, in one
 * go; the plan made for `touches` is reused by those evolves. Should `evolve` be called without it,
 * the plan is made again from the documents as they stand, so a plan reads at most one document it
 * also changes, and puts that document last: every plan here does.
 */
export const planned = <E>(plan: (event: E, documents: DocumentReader<SatisfactionDocument>) => Plan): EventHandler<SatisfactionDocument, E> => {
  let lastEvent: E | undefined;
  let last: Plan = NOTHING;
  return {
    touches: (event, documents) => {
      last = plan(event, documents).done();
      lastEvent = event;
      return last.keys;
    },
    evolve: (document, event, key, documents) => {
      const current = lastEvent === event ? last : plan(event, documents).done();
      const i = current.keys.indexOf(key);
      if (i < 0) throw new Error(`no change planned for ${key}`);
      return current.evolve(i, document);
    },
  };
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
): Promise<Readonly<Record<string, number>> | undefined> => {
  let sum: Record<string, number> | undefined;
  for (const [, document] of await datedDocumentsIn(documents, prefix, period, 'month')) {
    if (document?.kind !== 'counts') continue;
    sum ??= {};
    for (let i = 0; i < document.names.length; i++) {
      const name = document.names[i] as string;
      sum[name] = (sum[name] ?? 0) + (document.counts[i] as number);
    }
  }
  return sum;
};

/** Every entry of the day lists under `prefix` (`<prefix><YYYY-MM-DD>`) within a period, day by day. */
export const entriesIn = async (documents: DocumentQuery<SatisfactionDocument>, prefix: string, period: Period): Promise<DayEntry[]> =>
  (await datedDocumentsIn(documents, prefix, period, 'day')).flatMap(([, document]) => entriesOf(document));
