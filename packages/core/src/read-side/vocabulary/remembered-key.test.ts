import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { documentKey, documentPrefix, keyPart } from './document-key.js';
import { datedKey, keyOfId, rememberedKey } from './remembered-key.js';

// Few distinct values, so that a sequence of calls asks for the same keys again, in any order.
const tenant = fc.constantFrom('province-a', 'province-b', 'tn');
const id = fc.string({ unit: fc.constantFrom('a', 'b', '0', '%', '/', 'ệ', '-'), maxLength: 3 });
const date = fc.constantFrom('2026-03', '2026-03-01', '2026-03-02', '2025-12-31');

describe('remembered keys give what the key function gives, at every call', () => {
  test.prop([fc.array(fc.tuple(tenant, fc.constantFrom('unit', 'officer'), id.filter((value) => value.length > 0)), { maxLength: 60 }), fc.integer({ min: 1, max: 8 })])(
    'rememberedKey, whatever its limit',
    (calls, limit) => {
      const plain = (t: string, kind: string, value: string) => documentPrefix(t, kind, keyPart(value));
      const remembered = rememberedKey(plain, limit);
      for (const [t, kind, value] of calls) expect(remembered(t, kind, value)).toBe(plain(t, kind, value));
    },
  );

  test.prop([fc.array(fc.tuple(tenant, id), { maxLength: 60 })])('keyOfId, and an empty id is refused as documentKey refuses it', (calls) => {
    const dossierKey = keyOfId('dossier');
    for (const [t, value] of calls) {
      if (value.length === 0) expect(() => dossierKey(t, value)).toThrow(/is empty/);
      else expect(dossierKey(t, value)).toBe(documentKey(t, 'dossier', keyPart(value)));
    }
  });

  test.prop([fc.array(fc.tuple(tenant, fc.constantFrom('returned', 'rated'), date), { maxLength: 60 })])('datedKey', (calls) => {
    for (const [t, kind, day] of calls) {
      const prefix = documentPrefix(t, kind, 'province', t);
      expect(datedKey(prefix, day)).toBe(`${prefix}${day}`);
    }
  });
});
