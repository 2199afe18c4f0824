import type { DocumentReader } from '../../engine/document-projection.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { datedDocumentsWithParts } from '../../vocabulary/listing.js';
import type { Period } from '../../vocabulary/period.js';

/**
 * Day lists: the members of a figure on one Vietnamese day (a dossier code or feedback id each), in the
 * order they were listed, kept as a head and sealed chunks so that listing one more member writes a
 * small document whatever the day's volume (a province's day lists hundreds or thousands of dossiers):
 * - the head `<list key>` holds the open chunk, the last members (0 to `DAY_CHUNK`), and how many
 *   chunks were sealed before it (`sealed`, absent while none was);
 * - sealed chunk `n` is `<list key>/<n, four digits or more>`: the `DAY_CHUNK` members listed before
 *   the next ones, written once when the open chunk is full and one more member is listed, then only
 *   when a member of theirs is taken off the list (a chunk emptied so is deleted).
 * A list's members are its chunks' in order, then the head's. A head outlives its last member while
 * chunks were sealed (it holds their count); a list that never sealed a chunk is deleted with its last
 * member. A member is listed at most once on a list (every plan lists a member on a list it is not on).
 */

/** One member of a day's list: a dossier code or feedback id, and what an explanation needs of it. */
export interface DayEntry {
  readonly ref: string;
  /** Global position of the event that put it on the list. */
  readonly p?: number;
  readonly flag?: true;
  readonly levels?: Readonly<Record<string, number>>;
}

/** The head of a day list (`<list key>`): the open chunk and the number of sealed chunks before it. */
export interface DayListDocument {
  readonly kind: 'day';
  readonly sealed?: number;
  readonly entries: readonly DayEntry[];
}

/** A sealed chunk of a day list (`<list key>/<n>`). */
export interface DayChunkDocument {
  readonly kind: 'chunk';
  readonly entries: readonly DayEntry[];
}

/**
 * How many members the open chunk holds at most, and a chunk when it is sealed. The head is rewritten
 * at every member listed: at 16 members of about 60 bytes (120 with a rating's levels) it stays under
 * 1 KB (2 KB), where a province's whole day was 6 to 9 KB at 80 dossiers a day and grew with the day.
 * A smaller chunk wrote no fewer SQLite pages per append (the read models folding inline); a larger one
 * spills the head to more overflow pages.
 */
export const DAY_CHUNK = 16;

/** The key of a day list's sealed chunk `n`: it sorts after the list's head and before the next day's. */
export const chunkKey = (list: string, n: number): string => `${list}/${String(n).padStart(4, '0')}`;

/** A document of a day list as stored: its head or one of its chunks. */
export type DayListPart = DayListDocument | DayChunkDocument;

const headOf = (document: unknown): DayListDocument | undefined => ((document as DayListPart | undefined)?.kind === 'day' ? (document as DayListDocument) : undefined);
const chunkOf = (document: unknown): DayChunkDocument | undefined =>
  (document as DayListPart | undefined)?.kind === 'chunk' ? (document as DayChunkDocument) : undefined;

/** What listing or unlisting members does to a list: its documents' next values (undefined deletes), in the order to write them. */
export type ListChanges = (readonly [key: string, document: DayListPart | undefined])[];

/**
 * The documents that listing `entries` (in order) on the list `key` changes, read from `documents`:
 * the chunks it seals, then the head, in that order. The head is read, chunks only written: made
 * again from documents with its chunks written, the head's change is the same (see `planned` in
 * `documents.ts`).
 */
export const listed = (documents: DocumentReader<unknown>, key: string, entries: readonly DayEntry[], size = DAY_CHUNK): ListChanges => {
  const before = headOf(documents.get(key));
  let sealed = before?.sealed ?? 0;
  const open = before?.entries ?? [];
  let members = open.length === 0 ? entries : entries.length === 1 ? [...open, entries[0] as DayEntry] : open.concat(entries);
  const changes: ListChanges = [];
  while (members.length > size) {
    changes.push([chunkKey(key, sealed++), { kind: 'chunk', entries: members.slice(0, size) }]);
    members = members.slice(size);
  }
  changes.push([key, sealed === 0 ? { kind: 'day', entries: members } : { kind: 'day', sealed, entries: members }]);
  return changes;
};

/**
 * The documents that taking `refs` off the list `key` changes (none for a ref not on it): the head
 * first, then chunks from the newest, each without those members; a chunk left empty is deleted, and
 * so is a head left empty when no chunk was sealed. Reads until every ref is found.
 */
export const unlisted = (documents: DocumentReader<unknown>, key: string, refs: ReadonlySet<string>): ListChanges => {
  const changes: ListChanges = [];
  const head = headOf(documents.get(key));
  if (head === undefined) return changes;
  let left = refs.size;
  const without = (entries: readonly DayEntry[]): readonly DayEntry[] | undefined => {
    let kept: DayEntry[] | undefined;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as DayEntry;
      if (refs.has(entry.ref)) {
        kept ??= entries.slice(0, i);
        left--;
      } else kept?.push(entry);
    }
    return kept;
  };
  const sealed = head.sealed ?? 0;
  const open = without(head.entries);
  if (open !== undefined) {
    changes.push([key, sealed === 0 ? (open.length === 0 ? undefined : { kind: 'day', entries: open }) : { kind: 'day', sealed, entries: open }]);
  }
  for (let n = sealed - 1; n >= 0 && left > 0; n--) {
    const at = chunkKey(key, n);
    const chunk = chunkOf(documents.get(at));
    const kept = chunk === undefined ? undefined : without(chunk.entries);
    if (kept !== undefined) changes.push([at, kept.length === 0 ? undefined : { kind: 'chunk', entries: kept }]);
  }
  return changes;
};

/** The members of a day list from its head and its chunks (`parts`, in any order, by their part of the key: `0000`, `0001`, …). */
const membersOf = (head: DayListDocument | undefined, parts: readonly (readonly [part: string, document: unknown])[]): readonly DayEntry[] => {
  if (head === undefined) return [];
  if (parts.length === 0) return head.entries;
  const chunks = parts.map(([part, document]) => [Number(part), chunkOf(document)?.entries ?? []] as const).sort(([a], [b]) => a - b);
  return ([] as DayEntry[]).concat(...chunks.map(([, entries]) => entries), head.entries);
};

/** The members of the day list `key`, read from `documents` (its head, then each sealed chunk). */
export const membersOfList = (documents: DocumentReader<unknown>, key: string): readonly DayEntry[] => {
  const head = headOf(documents.get(key));
  const parts: (readonly [string, unknown])[] = [];
  for (let n = 0; n < (head?.sealed ?? 0); n++) parts.push([String(n), documents.get(chunkKey(key, n))]);
  return membersOf(head, parts);
};

/**
 * Every member of the day lists under `prefix` (`<prefix><YYYY-MM-DD>`) within a period, day by day,
 * each day's in the order they were listed: one key range, heads and their chunks together.
 */
export const entriesIn = async (documents: DocumentQuery<unknown>, prefix: string, period: Period): Promise<DayEntry[]> => {
  const found: DayEntry[] = [];
  let day: string | undefined;
  let head: DayListDocument | undefined;
  let parts: (readonly [string, unknown])[] = [];
  const flush = () => {
    for (const entry of membersOf(head, parts)) found.push(entry);
    head = undefined;
    parts = [];
  };
  for await (const [date, part, document] of datedDocumentsWithParts(documents, prefix, period, 'day')) {
    if (date !== day) {
      flush();
      day = date;
    }
    if (part === '') head = headOf(document);
    else if (!part.includes('/')) parts.push([part, document]);
  }
  flush();
  return found;
};
