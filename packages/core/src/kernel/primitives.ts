import { t } from '../fp.js';

/**
 * Codecs for values that recur across streams. Their static types stay plain (`string`, `number`)
 * so embedders write ordinary literals; the runtime check and the rule name reported on failure are
 * what the codec adds.
 */
export type JsonSchema = { readonly [key: string]: unknown };

/** A codec that also says how it looks as JSON Schema, for OpenAPI and the events catalogue. */
export type RefinedType<A> = t.Type<A, A, unknown> & { readonly jsonSchema: JsonSchema; readonly describe: string };

export const refined = <A>(
  name: string,
  base: t.Type<A, A, unknown>,
  predicate: (value: A) => boolean,
  describe: string,
  jsonSchema: JsonSchema,
): RefinedType<A> =>
  Object.assign(new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && predicate(u),
    (u, c) => {
      if (!base.is(u)) return t.failure(u, c, `must be ${describe}, got ${preview(u)}`);
      return predicate(u) ? t.success(u) : t.failure(u, c, `must be ${describe}, got ${preview(u)}`);
    },
    t.identity,
  ), { jsonSchema: { ...jsonSchema, description: describe }, describe });

export const preview = (value: unknown): string => {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export const NonEmptyString = refined('NonEmptyString', t.string, (s) => s.trim().length > 0, 'a non-empty string', {
  type: 'string',
  minLength: 1,
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** An ISO-8601 date-time with an explicit offset (`Z` or `+07:00`): a point in time, never a local time. */
export const Instant = refined(
  'Instant',
  t.string,
  (s) => ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s)),
  'an ISO-8601 date-time with offset, e.g. 2025-03-04T09:30:00+07:00',
  { type: 'string', format: 'date-time' },
);

export const isValidLocalDate = (s: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
/** A calendar date `YYYY-MM-DD` as seen in Vietnam (Asia/Ho_Chi_Minh). */
export const LocalDate = refined('LocalDate', t.string, isValidLocalDate, 'a calendar date YYYY-MM-DD', {
  type: 'string',
  format: 'date',
});

export const NonNegativeInt = refined(
  'NonNegativeInt',
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  'a whole number ≥ 0',
  { type: 'integer', minimum: 0 },
);
export const PositiveInt = refined('PositiveInt', t.number, (n) => Number.isSafeInteger(n) && n > 0, 'a whole number ≥ 1', {
  type: 'integer',
  minimum: 1,
});

/** Money is a whole number of đồng. */
export const Dong = refined('Dong', t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'a whole number of đồng ≥ 0', {
  type: 'integer',
  minimum: 0,
});

/** Opaque pseudonymous id of a citizen or organisation (no personal data in events: Decree 13/2023). */
export const SubjectId = refined(
  'SubjectId',
  t.string,
  (s) => /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(s),
  'an opaque subject id (letters, digits, . _ : -), never a name or ID number',
  { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
);

/** A literal-union codec from a list of strings, reported under `name`. */
export const oneOf = <const V extends readonly [string, ...string[]]>(name: string, values: V) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as { [K in V[number]]: null }, name);
