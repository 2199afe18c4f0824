import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { documentKey, idOfKeyPart, keyPart, parseDocumentKey } from './document-key.js';

const idChars = fc.constantFrom('a', 'b', 'Z', '0', '9', '-', '.', '_', '%', '/', '2', '5', 'F', 'ệ', ' ');
const id = fc.string({ unit: idChars, minLength: 1, maxLength: 12 });

describe('keyPart', () => {
  test.prop([id])('gives back the id, and never holds "/"', (value) => {
    const part = keyPart(value);
    expect(part).not.toContain('/');
    expect(idOfKeyPart(part)).toBe(value);
    expect(parseDocumentKey(documentKey('tn', 'unit', part))?.parts).toEqual(['unit', part]);
  });

  test.prop([id.filter((value) => !value.includes('%') && !value.includes('/'))])('leaves an id holding neither "%" nor "/" as it is', (value) => {
    expect(keyPart(value)).toBe(value);
  });

  test.prop([id, id])('distinct ids give distinct parts', (a, b) => {
    expect(keyPart(a) === keyPart(b)).toBe(a === b);
  });

  test.prop([id.filter((value) => !value.includes('/')), id.filter((value) => !value.includes('/'))])('ids without "/" sort as their parts do', (a, b) => {
    expect(keyPart(a) < keyPart(b)).toBe(a < b);
  });

  test('an id holding "/" may sort elsewhere than its part', () => {
    expect('a-' < 'a/').toBe(true);
    expect(keyPart('a-') < keyPart('a/')).toBe(false);
    expect(keyPart('a/')).toBe('a%2F');
    expect(keyPart('50%')).toBe('50%25');
    expect(idOfKeyPart('a%252F')).toBe('a%2F');
  });
});
