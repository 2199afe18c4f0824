import type { Timeliness } from '../../../dossier/vocabulary.js';
import type { AnsweredFeedbackKind } from '../../../rules/types.js';
import type { DocumentReader, EventHandler } from '../../engine/document-projection.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { datedDocumentsIn } from '../../vocabulary/listing.js';
import { parseAggregatePeriod, type Period } from '../../vocabulary/period.js';
import { listed, unlisted, type DayChunkDocument, type DayEntry, type DayListDocument } from './day-list.js';
import { idOfKeyPart } from '../../vocabulary/document-key.js';
import type { LineageDocument } from '../../vocabulary/lineage.js';

/**
 * The documents of the satisfaction and service-index read models (circular01, sipas, service-index),
 * each projection keeping only the kinds it needs, and the helpers they share: counters by month (read
 * through the vocabulary's `counters.ts` and `listing.ts`), lists by day (`day-list.ts`), plans of
 * document changes, and the figure-key grammar `<tenant>/<root>/<dimension>/<id>/<grain>/<period>/<metric>`.
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
  /** Its legal kind: the figures count the kinds their rule set measures. */
  readonly legalKind: AnsweredFeedbackKind;
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
  | DayChunkDocument
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

/** A member to take off a day list. */
class EntryRemoved {
  constructor(readonly ref: string) {}
}

/** What becomes of a planned key's document: an update, its next value (undefined deletes it), counters to add, a list change. */
type Planned = Update | SatisfactionDocument | undefined | CountChange | EntryAdded | EntryRemoved;

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
 * deltas cancel out is left alone), then the other changes in the order they were planned: in a day
 * list's place, the chunks it seals and then its head, or the documents members are taken off (each
 * list's changes made at its first place). `done` reads the day lists' documents (`day-list.ts`).
 */
export class Plan {
  keys: string[] = NONE;
  private updates: Planned[] = NONE;
  /** Counter documents, each with its counters' names and deltas (made on the first count). */
  private counted: string[] | undefined;
  private counts: CountChange[] = NONE;
  /** How many changes of day lists were planned (made into documents by `done`). */
  private lists = 0;

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

  /** Lists `entry` last on the day list `key` (a member not on it). */
  add(key: string, entry: DayEntry): this {
    this.lists++;
    return this.planned(key, new EntryAdded(entry));
  }

  /** Takes the member `ref` off the day list `key`. */
  remove(key: string, ref: string): this {
    this.lists++;
    return this.planned(key, new EntryRemoved(ref));
  }

  /** The plan, counter documents first, with the day lists' changes made from their documents as `documents` holds them. */
  done(documents: DocumentReader<SatisfactionDocument>): this {
    const counted = this.counted;
    if (counted !== undefined) {
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
    }
    if (this.lists > 0) this.listsDone(documents);
    return this;
  }

  /** The day lists' changes as documents, each list's in its place: the chunks it seals then its head, or the documents it takes members off. */
  private listsDone(documents: DocumentReader<SatisfactionDocument>): void {
    this.lists = 0;
    const { keys: planned, updates } = this;
    const keys: string[] = [];
    const next: Planned[] = [];
    const done = new Set<string>();
    for (let i = 0; i < planned.length; i++) {
      const key = planned[i] as string;
      const update = updates[i];
      if (!(update instanceof EntryAdded || update instanceof EntryRemoved)) {
        keys.push(key);
        next.push(update);
        continue;
      }
      if (done.has(key)) continue;
      done.add(key);
      // Every change of this list, in the order planned: members listed, or members taken off.
      const added: DayEntry[] = [];
      const removed = new Set<string>();
      for (let j = i; j < planned.length; j++) {
        if (planned[j] !== key) continue;
        const change = updates[j];
        if (change instanceof EntryAdded) added.push(change.entry);
        else if (change instanceof EntryRemoved) removed.add(change.ref);
      }
      if (added.length > 0 && removed.size > 0) throw new Error(`a plan both lists and takes off members of the day list ${key}`);
      const changes = added.length > 0 ? listed(documents, key, added) : unlisted(documents, key, removed);
      for (const [part, document] of changes) {
        keys.push(part);
        next.push(document);
      }
    }
    this.keys = keys;
    this.updates = next;
  }

  /** The next value of the document `key`, planned at `i`. */
  evolve(i: number, document: SatisfactionDocument | undefined): SatisfactionDocument | undefined {
    const update = this.updates[i];
    if (typeof update === 'function') return update(document);
    if (update instanceof CountChange) return addCounts(document, update.names, update.deltas);
    if (update instanceof EntryAdded || update instanceof EntryRemoved) throw new Error('a plan evolved before it was done');
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
 * the plan is made again from the documents as they stand, which give each key the change planned
 * for it at first: a plan reads the documents it also changes only so that no key's change depends on
 * a document changed before it. The dossier (or feedback) document a plan reads comes last; a day
 * list's documents are read by that list's change alone, which writes its sealed chunks (never read
 * when listing) before its head (read), or takes members off documents it reads, each written once.
 */
export const planned = <E>(plan: (event: E, documents: DocumentReader<SatisfactionDocument>) => Plan): EventHandler<SatisfactionDocument, E> => {
  let lastEvent: E | undefined;
  let last: Plan = NOTHING;
  return {
    touches: (event, documents) => {
      last = plan(event, documents).done(documents);
      lastEvent = event;
      return last.keys;
    },
    evolve: (document, event, key, documents) => {
      const current = lastEvent === event ? last : plan(event, documents).done(documents);
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
