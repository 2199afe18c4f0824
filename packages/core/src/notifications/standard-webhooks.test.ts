import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createHmac } from 'node:crypto';
import { isWebhookSecret, newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './standard-webhooks.js';

const id = fc.stringMatching(/^msg_[A-Za-z0-9-]{1,40}$/);
const body = fc.json();
const now = fc.integer({ min: 1_600_000_000, max: 2_000_000_000 });

describe('Standard Webhooks signatures', () => {
  test('a secret is whsec_ and 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(isWebhookSecret(secret)).toBe(true);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  test('the signature is the specification\'s: base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret\'s bytes', () => {
    // The test vector of the Standard Webhooks reference libraries
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"test": 2432232314}';
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, payload)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const key = Buffer.from(secret.slice(6), 'base64');
    expect(signWebhook(secret, 'a', 1, 'b')).toBe(`v1,${createHmac('sha256', key).update('a.1.b').digest('base64')}`);
  });

  test.prop([id, body, now, fc.integer({ min: -300, max: 300 })])('a delivery verifies within the replay window', (messageId, payload, at, skew) => {
    const secret = newWebhookSecret();
    expect(verifyWebhook(secret, webhookHeaders([secret], messageId, at, payload), payload, at + skew)).toEqual({ ok: true });
  });

  test.prop([id, body, now, fc.integer({ min: 301, max: 10_000_000 }), fc.boolean()])('outside the window it is refused as a replay', (messageId, payload, at, skew, later) => {
    const secret = newWebhookSecret();
    expect(verifyWebhook(secret, webhookHeaders([secret], messageId, at, payload), payload, later ? at + skew : at - skew)).toEqual({ ok: false, reason: 'stale-timestamp' });
  });

  test.prop([id, body, body, now])('another body, id or secret does not verify', (messageId, payload, other, at) => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], messageId, at, payload);
    if (other !== payload) expect(verifyWebhook(secret, headers, other, at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': `${messageId}x` }, payload, at)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook(newWebhookSecret(), headers, payload, at)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test.prop([id, body, now])('during a rotation both the new and the old secret verify', (messageId, payload, at) => {
    const [fresh, old] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([fresh, old], messageId, at, payload);
    expect(verifyWebhook(fresh, headers, payload, at).ok).toBe(true);
    expect(verifyWebhook(old, headers, payload, at).ok).toBe(true);
  });

  test('missing headers are refused', () => {
    expect(verifyWebhook(newWebhookSecret(), {}, '', 0)).toEqual({ ok: false, reason: 'missing-headers' });
  });
});
