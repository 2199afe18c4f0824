import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTextFault, MAX_JSON_TEXT_DEPTH } from './json-text.js';

/** Member names of every kind, quotes, backslashes, control characters, astral characters and reserved names among them. */
const memberName = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('__proto__', 'constructor', '"', '\\', '\u0000', 'a.b', ''));
const jsonValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ unit: 'grapheme', maxLength: 10 })),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(memberName, tie('value')), { selector: ([name]) => name, maxLength: 4 }).map((members) => Object.fromEntries(members)),
  ),
})).value;

/** How a JSON text may spell a value: JSON.stringify's way, or with white space and every name's characters escaped. */
const spelled = (value: unknown, escaped: boolean, space: string): string => {
  if (Array.isArray(value)) return `[${space}${value.map((item) => spelled(item, escaped, space)).join(`,${space}`)}${space}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([name, item]) => `${escaped ? escapeAll(name) : JSON.stringify(name)}${space}:${space}${spelled(item, escaped, space)}`);
    return `{${space}${members.join(`,${space}`)}${space}}`;
  }
  return JSON.stringify(value);
};
const escapeAll = (name: string): string => `"${Array.from({ length: name.length }, (_, at) => `\\u${name.charCodeAt(at).toString(16).padStart(4, '0')}`).join('')}"`;

describe('a JSON text read one way', () => {
  it('has no fault in any value without a duplicated member, however its names are spelled', () => {
    fc.assert(
      fc.property(jsonValue, fc.boolean(), fc.constantFrom('', ' ', '\n\t'), (value, escaped, space) => {
        const text = spelled(value, escaped, space);
        expect(jsonTextFault(text)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

/** A JSON text holding `inner` at `path` (object members and array indexes), with other values around it. */
const nestedAt = (path: readonly (string | number)[], inner: string): string =>
  path.reduceRight<string>((text, segment) => {
    if (typeof segment === 'number') return `[${Array.from({ length: segment }, (_, index) => String(index)).join(',')}${segment > 0 ? ',' : ''}${text},true]`;
    return `{"before":0,${JSON.stringify(segment)}:${text},"after":[]}`;
  }, inner);

const pathSegment = fc.oneof(fc.nat({ max: 3 }), fc.string({ maxLength: 5 }).filter((name) => name !== 'before' && name !== 'after'));

describe('duplicated members', () => {
  it('refuses the example sent to the desk, naming the member', () => {
    expect(jsonTextFault('{"feedbackId":"A","feedbackId":"B"}')).toEqual({ field: 'feedbackId', rule: 'duplicate-member', message: 'is given twice in one object; send each member once' });
    expect(jsonTextFault('{"a":{"b":[{"c":1},{"c":1,"d":{"e":1,"c":2,"e":3}}]}}')?.field).toBe('a.b.1.d.e');
    expect(jsonTextFault('{"__proto__":1,"__proto__":2}')?.field).toBe('__proto__');
  });

  it('refuses a member given twice at any depth, spelt alike or not, among any others, naming its path', () => {
    fc.assert(
      fc.property(fc.array(pathSegment, { maxLength: 6 }), memberName, fc.array(memberName, { maxLength: 20 }), fc.boolean(), (path, name, others, escaped) => {
        const members = [...new Set(others.filter((other) => other !== name))].map((other) => `${JSON.stringify(other)}:"x \\" y"`);
        const second = escaped ? escapeAll(name) : JSON.stringify(name);
        const inner = `{${[...members.slice(0, 10), `${JSON.stringify(name)}:1`, ...members.slice(10), `${second}:{"${name === 'x' ? 'y' : 'x'}":2}`].join(',')}}`;
        const text = nestedAt(path, inner);
        expect(JSON.parse(text)).toBeDefined();
        expect(jsonTextFault(text)).toMatchObject({ field: [...path, name].join('.'), rule: 'duplicate-member' });
      }),
      { numRuns: 500 },
    );
  });

  it('tells names apart that only start alike or are in sibling objects', () => {
    expect(jsonTextFault('{"a":1,"ab":2,"a\\"":3,"b":{"a":1},"c":[{"a":1},{"a":2}]}')).toBeUndefined();
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`m${index}`, { m1: index }]));
    expect(jsonTextFault(JSON.stringify(wide))).toBeUndefined();
    expect(jsonTextFault(JSON.stringify(wide).replace('"m99"', '"m42"'))?.field).toBe('m42');
  });
});

describe('nesting', () => {
  it(`takes ${MAX_JSON_TEXT_DEPTH} levels and refuses one more, naming where it starts`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 * MAX_JSON_TEXT_DEPTH }).chain((depth) => fc.array(fc.constantFrom('[', '{'), { minLength: depth, maxLength: depth })), (opens) => {
        const text = opens.map((open) => (open === '[' ? '[' : '{"k":')).join('') + 'null' + [...opens].reverse().map((open) => (open === '[' ? ']' : '}')).join('');
        const fault = jsonTextFault(text);
        if (opens.length <= MAX_JSON_TEXT_DEPTH) expect(fault).toBeUndefined();
        else expect(fault).toEqual({
          field: opens.slice(0, MAX_JSON_TEXT_DEPTH).map((open) => (open === '[' ? '0' : 'k')).join('.'),
          rule: 'too-deep',
          message: `nests deeper than ${MAX_JSON_TEXT_DEPTH} levels`,
        });
      }),
    );
  });

  it('refuses a deep text, however deep, without overflowing the stack', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(jsonTextFault(text)).toMatchObject({ field: Array.from({ length: MAX_JSON_TEXT_DEPTH }, () => '0').join('.'), rule: 'too-deep' });
  });
});

describe('numbers', () => {
  it('refuses a number JSON.parse reads as ±Infinity, saying it is out of range', () => {
    expect(jsonTextFault('{"feeDong":1e400}')).toEqual({ field: 'feeDong', rule: 'number-range', message: 'is out of range: 1e400 is beyond ±1.7976931348623157e308, the largest number JSON is read to' });
    expect(jsonTextFault(`{"a":[0,-${'9'.repeat(400)}]}`)).toMatchObject({ field: 'a.1', rule: 'number-range', message: expect.stringContaining(`-${'9'.repeat(36)}...`) });
    expect(jsonTextFault('-1.5E+309')).toMatchObject({ field: '', rule: 'number-range' });
  });

  it('takes every finite double however written, and refuses every exponent past the largest', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('e', 'E'), fc.boolean(), (n, e, plus) => {
        const [mantissa, exponent = '+0'] = n.toExponential().split('e');
        expect(jsonTextFault(`[${String(n)},${mantissa}${e}${plus ? exponent : exponent.replace('+', '')}]`)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 309, max: 100_000 }), fc.boolean(), (digit, exponent, negative) => {
        expect(jsonTextFault(`{"x":${negative ? '-' : ''}${digit}.5e${exponent}}`)).toMatchObject({ field: 'x', rule: 'number-range' });
      }),
    );
  });
});
