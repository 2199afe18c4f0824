import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing in the Standard Webhooks manner (docs/notifications.md): `webhook-signature` is
 * `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` under the secret's bytes, the
 * secret written `whsec_<base64>`. Several signatures, space-separated, while a secret is rotated.
 */

const PREFIX = 'whsec_';

/** A new secret: 32 random bytes, `whsec_<base64>`. */
export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

const SECRET = /^whsec_([A-Za-z0-9+/]{22,}={0,2})$/;

export const isWebhookSecret = (value: unknown): value is string => typeof value === 'string' && SECRET.test(value) && keyOf(value).length >= 16;

const keyOf = (secret: string): Buffer => Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');

/** The `v1,<base64>` signature of one message under one secret. */
export const signWebhook = (secret: string, id: string, timestampSeconds: number, body: string): string =>
  `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64')}`;

/** The three headers of a delivery, signed with every secret given (the current one first). */
export const webhookHeaders = (secrets: readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string> => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestampSeconds),
  'webhook-signature': secrets.map((secret) => signWebhook(secret, id, timestampSeconds, body)).join(' '),
});

export type WebhookVerification = { readonly ok: true } | { readonly ok: false; readonly reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

/**
 * What a receiver checks: the headers are there, the timestamp is within `toleranceSeconds` of now
 * (default 5 minutes: the replay window), and one of the signatures is the secret's.
 */
export const verifyWebhook = (
  secret: string,
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): WebhookVerification => {
  const one = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const id = one('webhook-id');
  const timestamp = one('webhook-timestamp');
  const signatures = one('webhook-signature');
  if (id === undefined || timestamp === undefined || signatures === undefined || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing-headers' };
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: 'stale-timestamp' };
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body).slice(3), 'base64');
  const matches = signatures.split(' ').some((signature) => {
    if (!signature.startsWith('v1,')) return false;
    const given = Buffer.from(signature.slice(3), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'bad-signature' };
};
