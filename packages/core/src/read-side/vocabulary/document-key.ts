import { TenantId } from '../../kernel/tenant.js';

/**
 * Document keys: `<tenantId>/<part>/<part>…`, e.g. `tn/timeliness/unit/tn-hcc/2026-03`. The province
 * comes first, so a province's documents are one key range (listing a prefix never crosses into
 * another's), and a part never holds `/`, so the parts of a key are never ambiguous.
 */
export type DocumentKey = string;

const badPart = (part: string): boolean => part.length === 0 || part.includes('/');

/** Province ids already checked (a handful: every key of a fold is built for one of them). */
const provinces = new Set<string>();

/** The key of a document of `tenantId`; throws on an empty part or one holding `/`. */
export const documentKey = (tenantId: string, ...parts: readonly string[]): DocumentKey => {
  if (!provinces.has(tenantId)) {
    if (!TenantId.is(tenantId)) throw new Error(`document key: ${JSON.stringify(tenantId)} is not a province id`);
    if (provinces.size < 1024) provinces.add(tenantId);
  }
  let key = `${tenantId}/`;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (badPart(part)) throw new Error(`document key of ${tenantId}: part ${JSON.stringify(part)} is empty or holds "/"`);
    key = i === 0 ? key + part : `${key}/${part}`;
  }
  return key;
};

/** The prefix under which every document of `tenantId` (and, with parts, of one kind) is listed. */
export const documentPrefix = (tenantId: string, ...parts: readonly string[]): string =>
  parts.length === 0 ? documentKey(tenantId) : `${documentKey(tenantId, ...parts)}/`;

/** A key's province and parts; undefined for a key that is not `<tenantId>/<part>…`. */
export const parseDocumentKey = (key: string): { readonly tenantId: string; readonly parts: readonly string[] } | undefined => {
  const slash = key.indexOf('/');
  if (slash <= 0) return undefined;
  const tenantId = key.slice(0, slash);
  if (!TenantId.is(tenantId)) return undefined;
  const rest = key.slice(slash + 1);
  const parts = rest.length === 0 ? [] : rest.split('/');
  return parts.some(badPart) ? undefined : { tenantId, parts };
};

/** Whether `key` belongs to `tenantId`'s documents. */
export const inProvince = (key: string, tenantId: string): boolean =>
  key.length > tenantId.length && key.charCodeAt(tenantId.length) === 47 /* '/' */ && key.startsWith(tenantId);

/**
 * An id as one key part: `%` becomes `%25` and `/` becomes `%2F` (a key part never holds `/`), so any
 * unit, officer, dossier, feedback or incident id keeps documents of its own. An id holding neither,
 * i.e. every id the desk issues, is its own key part, and so are the keys built from it. Parts of ids
 * without `/` sort as the ids do (`%25` sorts where `%` did); an id holding `/` may sort elsewhere
 * (`%2F` sorts before `-` and `.`, `/` after them), so nothing relies on the order of those.
 */
export const keyPart = (id: string): string => (id.includes('%') || id.includes('/') ? id.replaceAll('%', '%25').replaceAll('/', '%2F') : id);

/** The id a key part made by `keyPart` stands for. */
export const idOfKeyPart = (part: string): string => (part.includes('%') ? part.replaceAll('%2F', '/').replaceAll('%25', '%') : part);
