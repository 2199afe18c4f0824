import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idempotencyScope } from './idempotency-scope.js';

describe('idempotencyScope', () => {
  it('Given tenant A/B, subject x, key y and tenant A, subject B/x, key y, Then the scopes differ', () => {
    expect(idempotencyScope('A/B', 'x', 'y')).not.toBe(idempotencyScope('A', 'B/x', 'y'));
    expect(idempotencyScope('A', 'B', 'x/y')).not.toBe(idempotencyScope('A', 'B/x', 'y'));
  });

  it('law: two different (tenant, subject, key) triples never share a scope', () => {
    const part = fc.string({ maxLength: 8, unit: fc.constantFrom('A', 'B', '/', '"', '\\', ',', '[', ']', 'x') });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), (a, b) => {
        fc.pre(a.join('\u0000') !== b.join('\u0000'));
        expect(idempotencyScope(...a)).not.toBe(idempotencyScope(...b));
      }),
    );
  });
});
