import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft } from '../fp.js';
import { controlCharacterProblem, escapeControlCharacters, ShownName, ShownText } from './primitives.js';

/** Every character that acts on a terminal or reorders shown text: C0, DEL, C1, bidi embeddings, overrides and isolates. */
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
].map((code) => String.fromCharCode(code));
/** Characters beside them that show as they are. */
const SHOWN = [' ', '~', '\u00a0', 'Đ', 'ệ', '\u2029', '\u2028', '\u2029', '\u202f', '\u2065', '\u206a', '\u200e', '😀', '\\', '"'];

const text = fc.array(fc.oneof(fc.constantFrom(...CONTROLS, ...SHOWN), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''));
const hasControl = (s: string) => [...s].some((c) => CONTROLS.includes(c));

describe('text shown to a person', () => {
  it('is refused by ShownText exactly when it holds a control character, which the refusal names', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(ShownText.is(s)).toBe(!hasControl(s));
        expect(controlCharacterProblem(s) === undefined).toBe(!hasControl(s));
      }),
    );
    expect(controlCharacterProblem('so-tttt\u001b[2A')).toMatch(/must hold no control character .*got \\u001b at character 8$/);
    expect(controlCharacterProblem('so-tttt\nchecked')).toMatch(/got \\n at character 8$/);
    expect(controlCharacterProblem('a\u202eb')).toMatch(/got \\u202e at character 2$/);
  });

  it('is refused by ShownName when empty or blank too', () => {
    expect(ShownName.is('so-tttt-thai-nguyen')).toBe(true);
    expect(ShownName.is('Sở TT&TT Thái Nguyên')).toBe(true);
    for (const bad of ['', '  ', 'so-tttt\r', 'so-tttt\u009b2A', 'so\u2066tttt']) expect(ShownName.is(bad)).toBe(false);
    const decoded = ShownName.decode('so-tttt\u001b[2K');
    expect(isLeft(decoded) && decoded.left[0]?.message).toMatch(/got \\u001b at character 8/);
  });

  it('escaped, holds no control character, reads back as it was, and is left as it is when it held none', () => {
    fc.assert(
      fc.property(text, (s) => {
        const escaped = escapeControlCharacters(s);
        expect(hasControl(escaped)).toBe(false);
        if (!hasControl(s)) expect(escaped).toBe(s);
        // JSON's escapes: a text with no quote or backslash of its own reads back through JSON.parse.
        if (!s.includes('"') && !s.includes('\\')) expect(JSON.parse(`"${escaped}"`)).toBe(s);
      }),
    );
    expect(escapeControlCharacters('so-tttt\u001b[2A\r\u001b[2K  outcome: x')).toBe('so-tttt\\u001b[2A\\r\\u001b[2K  outcome: x');
  });
});
