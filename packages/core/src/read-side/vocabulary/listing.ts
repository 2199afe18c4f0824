import type { DocumentQuery } from '../engine/document-store.js';
import type { Period } from './period.js';

/**
 * Reading a read model's documents by key range: every document under a prefix, page by page, and
 * documents keyed by a day or a month (`<prefix><YYYY-MM-DD>`, `<prefix><YYYY-MM>`) within a period.
 */

const PAGE = 400;

/** Every document under `prefix` (after `after`, when given), in key order, read a page at a time; stop early by leaving the loop. */
export async function* documentsUnder<D>(
  documents: DocumentQuery<D>,
  prefix: string,
  options: { readonly after?: string; readonly pageSize?: number } = {},
): AsyncGenerator<readonly [key: string, document: D]> {
  for (let after = options.after; ; ) {
    const page = await documents.list({ prefix, limit: options.pageSize ?? PAGE, ...(after === undefined ? {} : { after }) });
    yield* page.documents;
    if (page.next === undefined) return;
    after = page.next;
  }
}

/** Every document under `prefix`, in key order. */
export const listAll = async <D>(documents: DocumentQuery<D>, prefix: string, pageSize?: number): Promise<(readonly [key: string, document: D])[]> => {
  const found: (readonly [string, D])[] = [];
  for await (const entry of documentsUnder(documents, prefix, pageSize === undefined ? {} : { pageSize })) found.push(entry);
  return found;
};

/** The start two dates share: what every day or month of the period begins with (`` for `all`). */
const commonStart = (a: string, b: string): string => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i);
};

/** The first and last dates of `period`: days (`YYYY-MM-DD`) or months (`YYYY-MM`). */
const datesOf = (period: Period, dates: 'day' | 'month'): readonly [first: string, last: string] =>
  dates === 'day' ? [period.start, period.end] : [period.start.slice(0, 7), period.end.slice(0, 7)];

/**
 * The documents keyed `<prefix><date>` and those kept under them, `<prefix><date>/<part>` (the chunks
 * of a day list, `read-models/satisfaction-support/day-list.ts`), whose date (a day or a month, as
 * `dates` says) lies in `period`: in key order (a dated document, then its parts), with their dates
 * and parts (`''` for the dated document itself). One key range: the one the period's dates share.
 */
export async function* datedDocumentsWithParts<D>(
  documents: DocumentQuery<D>,
  prefix: string,
  period: Period,
  dates: 'day' | 'month',
): AsyncGenerator<readonly [date: string, part: string, document: D]> {
  const [first, last] = datesOf(period, dates);
  const end = prefix.length + first.length;
  for await (const [key, document] of documentsUnder(documents, `${prefix}${commonStart(first, last)}`)) {
    const date = key.slice(prefix.length, end);
    if (date.length !== first.length || date < first || last < date) continue;
    if (key.length === end) yield [date, '', document];
    else if (key[end] === '/') yield [date, key.slice(end + 1), document];
  }
}

/**
 * The documents keyed `<prefix><date>`, a date being a day (`YYYY-MM-DD`) or a month (`YYYY-MM`) as
 * `dates` says, whose date lies in `period`, in date order, with their dates. A period of the dates'
 * own grain reads one document; any other lists the one key range its dates share. Documents kept
 * under a dated one (`<prefix><date>/<part>`) are not dated documents: `datedDocumentsWithParts` gives them.
 */
export const datedDocumentsIn = async <D>(
  documents: DocumentQuery<D>,
  prefix: string,
  period: Period,
  dates: 'day' | 'month',
): Promise<(readonly [date: string, document: D])[]> => {
  if (period.grain === dates) {
    const document = await documents.get(`${prefix}${period.key}`);
    return document === undefined ? [] : [[period.key, document]];
  }
  const found: (readonly [string, D])[] = [];
  for await (const [date, part, document] of datedDocumentsWithParts(documents, prefix, period, dates)) if (part === '') found.push([date, document]);
  return found;
};
