import { t } from '../fp.js';
import { refined } from './primitives.js';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const KIND = /^[a-z][a-z0-9]*$/;

/**
 * A province (tenant): lower-case letters, digits and `-`, 1 to 63 characters, e.g. `demo-thai-nguyen`.
 * It holds no `:`, so the first `:` of a stream id ends it (docs/adr/0011-province-in-stream-ids.md).
 */
export const TenantId = refined(
  'TenantId',
  t.string,
  (s) => TENANT_ID.test(s),
  'a province id: 1 to 63 lower-case letters, digits and -, starting with a letter or digit',
  { type: 'string', pattern: TENANT_ID.source },
);

export const isTenantId = (value: unknown): value is string => TenantId.is(value);

/** The parts of a province-qualified stream id. */
export interface ProvinceStreamIdParts {
  /** The stream's category, e.g. `dossier`: the part before the first `-`. */
  readonly kind: string;
  readonly tenantId: string;
  /** The entity's own id within the province (dossier code, officer id, ...). */
  readonly id: string;
}

/**
 * `<kind>-<tenantId>:<id>`, e.g. `dossier-demo-thai-nguyen:000.00.15.H55-260623-9001`: the same code in
 * two provinces names two streams, so no province can read, write or reserve another's ids.
 * A kind or tenant of the wrong shape is a bug of the caller (tenants are decoded at the edge).
 */
export const provinceStreamId = (kind: string, tenantId: string, id: string): string => {
  if (!KIND.test(kind)) throw new TypeError(`a stream kind is lower-case letters and digits, got ${JSON.stringify(kind)}`);
  if (!TENANT_ID.test(tenantId)) throw new TypeError(`not a province id: ${JSON.stringify(tenantId)}`);
  if (id.length === 0) throw new TypeError(`an empty ${kind} id`);
  return `${kind}-${tenantId}:${id}`;
};

/** The kind, province and id of a province-qualified stream id; undefined for anything else. */
export const parseProvinceStreamId = (streamId: string): ProvinceStreamIdParts | undefined => {
  const dash = streamId.indexOf('-');
  const colon = streamId.indexOf(':', dash + 1);
  if (dash < 1 || colon < 0) return undefined;
  const kind = streamId.slice(0, dash);
  const tenantId = streamId.slice(dash + 1, colon);
  const id = streamId.slice(colon + 1);
  if (!KIND.test(kind) || !TENANT_ID.test(tenantId) || id.length === 0) return undefined;
  return { kind, tenantId, id };
};

/**
 * The id a stream written before provinces were part of stream ids (`<kind>-<id>`) has now, given the
 * province its events were recorded for; undefined when the old id or the province is not of that
 * shape (such a stream keeps its id). Store upgrades rename by it and `verifyHashChain` checks by it.
 */
export const upgradedStreamId = (legacyStreamId: string, tenantId: unknown): string | undefined => {
  const dash = legacyStreamId.indexOf('-');
  const kind = legacyStreamId.slice(0, dash);
  const id = legacyStreamId.slice(dash + 1);
  if (dash < 1 || !KIND.test(kind) || id.length === 0 || !isTenantId(tenantId)) return undefined;
  return provinceStreamId(kind, tenantId, id);
};
