import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The receipt's tracking PIN and signed link, both derived from a per-province secret (docs/tracking.md):
 * nothing is stored, so the log holds no secret, and a PIN can be checked by recomputing it.
 */

/** Digits of a tracking PIN. */
export const PIN_DIGITS = 8;

const PIN_MODULUS = 10n ** BigInt(PIN_DIGITS);

const hmac = (secret: string, message: string): Buffer => createHmac('sha256', secret).update(message, 'utf8').digest();

/** The PIN printed on the receipt of dossier `code` in `tenantId`: 8 digits of an HMAC under the province's secret. */
export const trackingPin = (secret: string, tenantId: string, code: string): string => {
  const mac = hmac(secret, `motcua-tracking-pin/v1\n${tenantId}\n${code}`);
  return (mac.readBigUInt64BE(0) % PIN_MODULUS).toString().padStart(PIN_DIGITS, '0');
};

// Compared as digests of equal length, so neither a wrong length nor the first wrong character shows in the time taken.
const equal = (a: string, b: string): boolean =>
  timingSafeEqual(createHmac('sha256', 'compare').update(a).digest(), createHmac('sha256', 'compare').update(b).digest());

export const pinMatches = (secret: string, tenantId: string, code: string, pin: string): boolean => equal(trackingPin(secret, tenantId, code), pin);

const linkMac = (secret: string, tenantId: string, code: string, expiresAt: number): string =>
  hmac(secret, `motcua-tracking-link/v1\n${tenantId}\n${code}\n${expiresAt}`).subarray(0, 16).toString('base64url');

/**
 * The `t` parameter of a signed tracking link: `<tenantId>.<expiry in Unix seconds>.<128-bit HMAC, base64url>`,
 * bound to the province, the dossier code and the expiry.
 */
export const trackingLinkToken = (secret: string, tenantId: string, code: string, expiresAt: number): string =>
  `${tenantId}.${expiresAt}.${linkMac(secret, tenantId, code, expiresAt)}`;

export type LinkCheck =
  | { readonly kind: 'valid'; readonly tenantId: string }
  | { readonly kind: 'expired'; readonly tenantId: string }
  | { readonly kind: 'invalid' };

/** Checks a link token for `code` against the provinces' secrets, at `nowSeconds`. */
export const checkLinkToken = (secrets: ReadonlyMap<string, string>, code: string, token: string, nowSeconds: number): LinkCheck => {
  const match = /^([a-z0-9-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (match === null) return { kind: 'invalid' };
  const [, tenantId = '', expiry = '', mac = ''] = match;
  const secret = secrets.get(tenantId);
  if (secret === undefined) return { kind: 'invalid' };
  const expiresAt = Number(expiry);
  if (!equal(linkMac(secret, tenantId, code, expiresAt), mac)) return { kind: 'invalid' };
  return expiresAt < nowSeconds ? { kind: 'expired', tenantId } : { kind: 'valid', tenantId };
};

/** The province whose PIN for `code` is `pin`, if any; every province's PIN is computed, so the time spent does not depend on which matched. */
export const provinceOfPin = (secrets: ReadonlyMap<string, string>, code: string, pin: string): string | undefined => {
  let found: string | undefined;
  for (const [tenantId, secret] of secrets) {
    if (pinMatches(secret, tenantId, code, pin) && found === undefined) found = tenantId;
  }
  return found;
};
