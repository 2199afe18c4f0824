import { isTenantId } from '@motcua/core';
import type { RateWindow } from './rate-limit.js';

/** Citizen tracking (`GET /track/{code}`; docs/tracking.md). */
export interface TrackingOptions {
  /**
   * Each province's tracking secret (at least 16 bytes), by province id: receipt PINs and signed links
   * are HMACs under it. Changing a secret invalidates the PINs and links already handed out.
   */
  readonly secrets: Readonly<Record<string, string>>;
  /** Public origin the signed links point at, e.g. `https://dichvucong.thainguyen.gov.vn`, followed by the prefix the routes are served under, if any; default: links relative to the server root. */
  readonly publicBaseUrl?: string;
  /** How long a signed link stays valid; default 365 days. */
  readonly linkTtlSeconds?: number;
  /** Lookups per client IP; default 30 a minute. */
  readonly perClient?: RateWindow;
  /**
   * Failed lookups (wrong PIN, bad link, unknown code) per province and dossier code: against the province
   * the lookup names, or, naming none, against every province it is checked against (docs/tracking.md). Default 10 in 15 minutes.
   */
  readonly perCode?: RateWindow;
  /** Milliseconds since the epoch; default `Date.now` (tests pass a clock). */
  readonly now?: () => number;
}

export interface ResolvedTracking {
  readonly secrets: ReadonlyMap<string, string>;
  readonly publicBaseUrl: string;
  readonly linkTtlSeconds: number;
  readonly perClient: RateWindow;
  readonly perCode: RateWindow;
  readonly now: () => number;
}

export const resolveTracking = (options: TrackingOptions): ResolvedTracking => {
  const secrets = new Map<string, string>();
  for (const [tenantId, secret] of Object.entries(options.secrets)) {
    if (!isTenantId(tenantId)) throw new Error(`tracking.secrets: ${JSON.stringify(tenantId)} is not a province id`);
    if (typeof secret !== 'string' || Buffer.byteLength(secret, 'utf8') < 16) throw new Error(`tracking.secrets.${tenantId} must be at least 16 bytes`);
    secrets.set(tenantId, secret);
  }
  if (secrets.size === 0) throw new Error('tracking.secrets names no province');
  const ttl = options.linkTtlSeconds ?? 365 * 24 * 3600;
  if (!Number.isSafeInteger(ttl) || ttl <= 0) throw new Error('tracking.linkTtlSeconds must be a positive whole number');
  return {
    secrets,
    publicBaseUrl: (options.publicBaseUrl ?? '').replace(/\/+$/, ''),
    linkTtlSeconds: ttl,
    perClient: options.perClient ?? { limit: 30, windowMs: 60_000 },
    perCode: options.perCode ?? { limit: 10, windowMs: 15 * 60_000 },
    now: options.now ?? Date.now,
  };
};
