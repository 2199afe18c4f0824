import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accept, MAX_ISSUES, MAX_QUERY_TEXT, NO_PARAMETERS, oneOf, openApiQuery, readQuery, refuse, repeated, required, single, wholeNumber } from './query-parameters.js';

/** A route's parameters of every kind: text, an enumeration, a number, a custom reader, a list, a required one. */
const SPEC = {
  name: single(),
  colour: oneOf(['red', 'green'] as const),
  limit: wholeNumber(1, 500, { default: 50 }),
  even: single<number>({ read: (text) => (/^\d+$/.test(text) && Number(text) % 2 === 0 ? accept(Number(text)) : refuse('even', 'must be an even number')) }),
  tag: repeated(3),
  period: required(single(), 'is required'),
};
const NAMES = Object.keys(SPEC);

type Issue = { readonly field: string; readonly rule: string };
const issuesOf = (result: ReturnType<typeof readQuery>): readonly Issue[] =>
  'problem' in result ? (result.problem['errors'] as Issue[]).map(({ field, rule }) => ({ field, rule })) : [];

/** A text a parameter of SPEC accepts, and the value it reads. */
const valid = {
  name: fc.string({ minLength: 1, maxLength: MAX_QUERY_TEXT }).filter((text) => [...text].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)),
  colour: fc.constantFrom('red', 'green'),
  limit: fc.integer({ min: 1, max: 500 }).map(String),
  even: fc.nat({ max: 10_000 }).map((n) => String(2 * n)),
  tag: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
  period: fc.constantFrom('2026-03', '2026'),
};

/** For each parameter, a text it refuses and the rule named. */
const wrong: Readonly<Record<string, fc.Arbitrary<readonly [unknown, string]>>> = {
  name: fc.constantFrom<readonly [unknown, string]>(['', 'length'], ['x'.repeat(MAX_QUERY_TEXT + 1), 'length'], ['a\u0007b', 'length'], [['a', 'b'], 'single']),
  colour: fc.constantFrom<readonly [unknown, string]>(['blue', 'enum'], ['Red', 'enum'], [['red', 'red'], 'single']),
  limit: fc.constantFrom<readonly [unknown, string]>(['0', 'integer'], ['501', 'integer'], ['1.5', 'integer'], ['-1', 'integer'], ['ten', 'integer']),
  even: fc.constantFrom<readonly [unknown, string]>(['3', 'even'], ['x', 'even']),
  tag: fc.constantFrom<readonly [unknown, string]>([['a', 'b', 'c', 'd'], 'count'], [['a', ''], 'length']),
  period: fc.constantFrom<readonly [unknown, string]>([['2026', '2027'], 'single'], ['', 'length']),
};

describe('readQuery', () => {
  it('reads every parameter given as its reader says, and leaves out those not given', () => {
    fc.assert(
      fc.property(fc.record(valid, { requiredKeys: ['period'] }), (texts) => {
        const result = readQuery(texts, SPEC, { of: 'the test route' });
        expect('values' in result).toBe(true);
        if (!('values' in result)) return;
        const expected = {
          ...texts,
          ...(texts.limit === undefined ? {} : { limit: Number(texts.limit) }),
          ...(texts.even === undefined ? {} : { even: Number(texts.even) }),
        };
        expect(result.values).toEqual(expected);
      }),
    );
  });

  it('names every wrong parameter once, in the order given, then the missing required ones, and nothing right', () => {
    const unknownName = fc.stringMatching(/^[a-z]{1,8}$/).filter((name) => !NAMES.includes(name));
    fc.assert(
      fc.property(fc.record(valid), fc.record(wrong), fc.subarray(NAMES), fc.uniqueArray(unknownName, { maxLength: 3 }), (right, refused, wrongNames, unknownNames) => {
        const query: Record<string, unknown> = {};
        for (const [name, text] of Object.entries(right)) if (!wrongNames.includes(name)) query[name] = text;
        for (const name of wrongNames) query[name] = (refused[name] as readonly [unknown, string])[0];
        for (const name of unknownNames) query[name] = 'x';
        const expected: Issue[] = Object.keys(query).flatMap((field) =>
          unknownNames.includes(field) ? [{ field, rule: 'unknown' }] : wrongNames.includes(field) ? [{ field, rule: (refused[field] as readonly [unknown, string])[1] }] : [],
        );
        if (!Object.hasOwn(query, 'period')) expected.push({ field: 'period', rule: 'required' });
        const result = readQuery(query, SPEC, { of: 'the test route' });
        expect(issuesOf(result)).toEqual(expected);
        if ('problem' in result) {
          expect(result.problem).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
          const errors = result.problem['errors'] as { field: string; message: string }[];
          expect(result.problem.detail).toBe(errors.map((error) => `${error.field}: ${error.message}`).join('; '));
        }
      }),
    );
  });

  it('gives each refused text the rule of its kind', () => {
    for (const [name, arbitrary] of Object.entries(wrong)) {
      for (const [text, rule] of fc.sample(arbitrary, 20)) {
        const query = { period: '2026', [name]: text };
        expect(issuesOf(readQuery(query, SPEC, { of: 'the test route' })), `${name}=${JSON.stringify(text)}`).toEqual([{ field: name, rule }]);
      }
    }
  });

  it('ignores unknown names when told to, and refuses any name on a route that takes none', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 5 }), { minKeys: 1 }), (query) => {
        const names = Object.keys(query).filter((name) => !NAMES.includes(name));
        const ignored = readQuery(Object.fromEntries(names.map((name) => [name, query[name]])), { name: single() }, { of: 'x', others: 'ignore' });
        expect(ignored).toEqual({ values: {} });
        const refused = readQuery(query, NO_PARAMETERS, { of: 'this route' });
        expect(issuesOf(refused)).toEqual(Object.keys(query).map((field) => ({ field, rule: 'unknown' })));
        if ('problem' in refused) expect(refused.problem['errors']).toContainEqual(expect.objectContaining({ message: 'is not a parameter of this route, which takes none' }));
      }),
    );
  });

  it('names at most MAX_ISSUES wrong parameters, then how many more there are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * MAX_ISSUES }), (count) => {
        const query = Object.fromEntries(Array.from({ length: count }, (_, i) => [`x${i}`, 'y']));
        const issues = issuesOf(readQuery(query, NO_PARAMETERS, { of: 'this route' }));
        if (count <= MAX_ISSUES) {
          expect(issues.length).toBe(count);
          return;
        }
        expect(issues.length).toBe(MAX_ISSUES + 1);
        expect(issues.slice(0, MAX_ISSUES).every((issue, i) => issue.field === `x${i}` && issue.rule === 'unknown')).toBe(true);
        const result = readQuery(query, NO_PARAMETERS, { of: 'this route' });
        expect('problem' in result && (result.problem['errors'] as { message: string }[]).at(-1)).toEqual({ field: '', rule: 'more', message: `and ${count - MAX_ISSUES} more parameters are wrong` });
      }),
    );
  });

  it('reads a whole number only when written in digits within its bounds', () => {
    const limit = wholeNumber(1, 500);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.double().map(String), fc.string({ maxLength: 4 })), (text) => {
        const read = limit.read([text]);
        const n = Number(text);
        const ok = /^\d+$/.test(text) && n >= 1 && n <= 500;
        expect(read.issue === undefined).toBe(ok);
        if (read.issue === undefined) expect(read.value).toBe(n);
      }),
    );
  });
});

describe('openApiQuery', () => {
  it('describes each parameter once, in the order of the spec, required as the spec says', () => {
    const parameters = openApiQuery(SPEC);
    expect(parameters.map((parameter) => parameter['name'])).toEqual(NAMES);
    expect(parameters.every((parameter) => parameter['in'] === 'query')).toBe(true);
    expect(parameters.filter((parameter) => parameter['required'] === true).map((parameter) => parameter['name'])).toEqual(['period']);
    expect(parameters[1]).toMatchObject({ schema: { type: 'string', enum: ['red', 'green'] } });
    expect(parameters[2]).toMatchObject({ schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } });
    expect(parameters[4]).toMatchObject({ style: 'form', explode: true, schema: { type: 'array', maxItems: 3 } });
  });
});
