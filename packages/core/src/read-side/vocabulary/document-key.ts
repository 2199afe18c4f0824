import { TenantId } from '../../kernel/tenant.js';

/**
 * Document keys: `<tenantId>/<part>/<part>…`, e.g. `tn/timeliness/unit/tn-hcc/2026-03`. The province
 * comes first, so a province's documents are one key range (listing a prefix never crosses into
 * another's), and a part never holds `/`, so the parts of a key are never ambiguous.
 */
export type DocumentKey = string;

const badPart = (part: string): boolean => part.length === 0 || part.includes('/');

/** The key of a document of `tenantId`; throws on an empty part or one holding `/`. */
export const documentKey = (tenantId: string, ...parts: readonly string[]): DocumentKey => {
  if (!TenantId.is(tenantId)) throw new Error(`document key: ${JSON.stringify(tenantId)} is not a province id`);
  const bad = parts.find(badPart);
  if (bad !== undefined) throw new Error(`document key of ${tenantId}: part ${JSON.stringify(bad)} is empty or holds "/"`);
  return parts.length === 0 ? `${tenantId}/` : `${tenantId}/${parts.join('/')}`;
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
export const inProvince = (key: string, tenantId: string): boolean => key.startsWith(`${tenantId}/`) && key.length > tenantId.length;
