import { TenantId } from '../../kernel/tenant.js';
import type { DocumentQuery, ListQuery } from '../engine/document-store.js';
import type { KeyPage } from '../read-model.js';

/**
 * Figure keys read from documents, a page at a time: what every read model's `keys` is made of.
 *
 * A source says where a range of figure keys comes from: the documents under `documentPrefix`,
 * grouped by the first `groupParts` parts of their key after it, each group standing for the figure
 * keys `expand` gives, all beginning with `figurePrefix`. Groups are read in document order and
 * their figure keys must then come in key order (a group's keys are sorted here), so a page of figure
 * keys reads only the documents it is made from, starting at the group of `after`.
 */
export interface FigureKeySource<D> {
  readonly figurePrefix: string;
  readonly documentPrefix: string;
  readonly groupParts: number;
  /** A group's figure keys, in any order (e.g. `<group>/<metric>` for each metric the documents have). */
  readonly expand: (group: string, documents: readonly (readonly [key: string, document: D])[]) => readonly string[];
  /**
   * The group (its parts after `documentPrefix`) that the figure key after `figurePrefix` comes from,
   * or for a query prefix (`whole` false) the start of the groups it covers. By default the first
   * `groupParts` parts of it: a source whose figure keys name a group otherwise (e.g. with an id
   * escaped in documents and whole in figures) says how.
   */
  readonly groupOf?: (figureParts: readonly string[], whole: boolean) => string;
}

/**
 * Documents read per list call: a page of figure keys often comes from a few documents (a counter
 * document stands for a dozen figures), so the first read is small and each next one twice as large.
 */
const FIRST_READ = 16;
const MAX_READ = 256;

const firstParts = (parts: readonly string[], count: number): string => parts.slice(0, count).join('/');
/** A string just before `key` in key order (keys hold no character below U+0001 before their last). */
const justBefore = (key: string): string => `${key.slice(0, -1)}${String.fromCharCode(key.charCodeAt(key.length - 1) - 1)}\uffff`;

/**
 * A page of the figure keys under `query.prefix` (which begins with a province): those of the
 * sources `sourcesOf(tenantId)` gives, in figure-key order, their ranges one after another.
 */
export const figureKeyPage = async <D>(
  documents: DocumentQuery<D>,
  query: ListQuery,
  sourcesOf: (tenantId: string) => readonly FigureKeySource<D>[],
): Promise<KeyPage> => {
  const { prefix, after, limit } = query;
  const tenantId = prefix.slice(0, prefix.indexOf('/'));
  if (!TenantId.is(tenantId) || limit <= 0) return { keys: [] };
  const keys: string[] = [];
  const full = (): KeyPage => {
    const page = keys.slice(0, limit);
    return { keys: page, next: page[page.length - 1] as string };
  };
  for (const source of sourcesOf(tenantId)) {
    const { figurePrefix, documentPrefix, groupParts } = source;
    const groupOf = source.groupOf ?? ((parts: readonly string[]) => firstParts(parts, groupParts));
    if (!figurePrefix.startsWith(prefix) && !prefix.startsWith(figurePrefix)) continue;
    if (after !== undefined && after >= figurePrefix && !after.startsWith(figurePrefix)) continue;
    const narrow = prefix.startsWith(figurePrefix) ? prefix.slice(figurePrefix.length) : '';
    const listPrefix = documentPrefix + (narrow.length === 0 ? '' : groupOf(narrow.split('/'), false));
    let listAfter = after?.startsWith(figurePrefix) === true ? justBefore(documentPrefix + groupOf(after.slice(figurePrefix.length).split('/'), true)) : undefined;
    let group: string | undefined;
    let members: (readonly [string, D])[] = [];
    let readSize = FIRST_READ;
    const flush = () => {
      if (group === undefined) return;
      for (const key of [...source.expand(group, members)].sort()) {
        if (key.startsWith(prefix) && (after === undefined || key > after)) keys.push(key);
      }
    };
    for (;;) {
      const page = await documents.list({ prefix: listPrefix, limit: readSize, ...(listAfter === undefined ? {} : { after: listAfter }) });
      readSize = Math.min(MAX_READ, readSize * 2);
      for (const [key, document] of page.documents) {
        const of = firstParts(key.slice(documentPrefix.length).split('/'), groupParts);
        if (of !== group) {
          flush();
          if (keys.length >= limit) return full();
          group = of;
          members = [];
        }
        members.push([key, document]);
      }
      if (page.next === undefined) break;
      listAfter = page.next;
    }
    flush();
    if (keys.length >= limit) return full();
  }
  return { keys };
};

/**
 * A source whose documents are their own groups: each document under `<tenantId>/<root>/` whose key
 * has `documentParts` parts (the province included) stands for the figure keys `figuresOf` gives,
 * each `<key>/<figure>`.
 */
export const documentFigureKeys = <D>(
  tenantId: string,
  root: string,
  documentParts: number,
  figuresOf: (key: string, document: D) => readonly string[],
): FigureKeySource<D> => ({
  figurePrefix: `${tenantId}/${root}/`,
  documentPrefix: `${tenantId}/${root}/`,
  groupParts: documentParts - 2,
  expand: (_group, documents) => documents.flatMap(([key, document]) => figuresOf(key, document)),
});
