import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SECRET_BITS, secretEntropyBits } from './secret-strength.js';
import { serveAuthOf } from './commands/serve-auth.js';

describe('secret entropy estimate', () => {
  it('scores 32 random bytes written as hex, base64 or base64url at 256 bits or more', () => {
    for (let i = 0; i < 500; i++) {
      for (const encoding of ['hex', 'base64', 'base64url'] as const) {
        expect(secretEntropyBits(randomBytes(32).toString(encoding))).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
      }
    }
  });

  it('scores blank, repeated and short secrets low', () => {
    expect(secretEntropyBits(' '.repeat(16))).toBe(0);
    expect(secretEntropyBits('0'.repeat(64))).toBe(0);
    expect(secretEntropyBits('ab'.repeat(40))).toBeLessThan(MIN_SECRET_BITS);
    expect(secretEntropyBits('short')).toBeLessThan(64);
  });

  it('never scores a secret above its length times the bits of printable ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 !?'), maxLength: 80 }), (secret) => {
        expect(secretEntropyBits(secret)).toBeLessThanOrEqual(secret.length * Math.log2(95) + 1e-9);
      }),
    );
  });
});

describe('serve auth options', () => {
  it('in development takes a random secret per run when none is given, and MOTCUA_JWT_SECRET keeps one across runs', () => {
    const first = serveAuthOf({}, {});
    const second = serveAuthOf({}, {});
    expect(first.production).toBe(false);
    expect(first.auth.hs256Secret).not.toBe(second.auth.hs256Secret);
    const kept = 'kept-across-restarts-0123456789';
    expect(serveAuthOf({}, { MOTCUA_JWT_SECRET: kept }).auth.hs256Secret).toBe(kept);
  });

  it('reads NODE_ENV=production as --production', () => {
    expect(() => serveAuthOf({}, { NODE_ENV: 'production' })).toThrow(/production needs --jwks-url/);
    const secret = randomBytes(32).toString('hex');
    expect(serveAuthOf({}, { NODE_ENV: 'production', MOTCUA_JWT_SECRET: secret })).toEqual({ production: true, auth: { hs256Secret: secret } });
    expect(() => serveAuthOf({}, { NODE_ENV: 'production', MOTCUA_JWT_SECRET: ' '.repeat(16) })).toThrow(/MOTCUA_JWT_SECRET must be at least 16 bytes and not blank/);
  });
});
