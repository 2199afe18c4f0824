import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage } from '../../read-model.js';

/**
 * Figure keys read from counter documents, a page at a time: each document under `<tenant>/<root>/…`
 * whose key has `documentParts` parts (the province included) stands for the figure keys
 * `figuresOf(key, document)` gives, each `<key>/<figure>` in key order. Documents and their figures
 * then sort alike, so a page of figure keys is read from a page of documents.
 */
export interface FigureKeySpec<D> {
  readonly documentParts: number;
  /** The part after the province every figure key has (e.g. `timeliness`): only documents under it are read. */
  readonly root?: string;
  /** The document's figure keys, sorted, each beginning with `<key>/`; none for a document of another kind. */
  readonly figuresOf: (key: string, document: D) => readonly string[];
}

const DOCUMENTS_PER_READ = 64;

export const figureKeyPage = async <D>(documents: DocumentQuery<D>, query: ListQuery, spec: FigureKeySpec<D>): Promise<KeyPage> => {
  const { prefix, after, limit } = query;
  if (limit <= 0) return { keys: [] };
  const documentOf = (key: string) => key.split('/').slice(0, spec.documentParts).join('/');
  let listed = prefix.split('/').length > spec.documentParts ? documentOf(prefix) : prefix;
  if (spec.root !== undefined) {
    const root = `${prefix.slice(0, prefix.indexOf('/'))}/${spec.root}/`;
    if (root.startsWith(listed)) listed = root;
    else if (!listed.startsWith(root)) return { keys: [] };
  }
  const wanted = (key: string) => key.startsWith(prefix) && (after === undefined || key > after);
  const keys: string[] = [];
  const take = (key: string, document: D): boolean => {
    for (const figure of spec.figuresOf(key, document)) {
      if (!wanted(figure)) continue;
      keys.push(figure);
      if (keys.length > limit) return false;
    }
    return true;
  };
  if (after !== undefined) {
    // The document of `after` may have figures left after it.
    const key = documentOf(after);
    const document = key.startsWith(listed) ? await documents.get(key) : undefined;
    if (document !== undefined && !take(key, document)) return { keys: keys.slice(0, limit), next: keys[limit - 1] as string };
  }
  let cursor = after;
  for (;;) {
    const page = await documents.list({ prefix: listed, limit: DOCUMENTS_PER_READ, ...(cursor === undefined ? {} : { after: cursor }) });
    for (const [key, document] of page.documents) {
      if (!take(key, document)) return { keys: keys.slice(0, limit), next: keys[limit - 1] as string };
    }
    if (page.next === undefined) return { keys };
    cursor = page.next;
  }
};
