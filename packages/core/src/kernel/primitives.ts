import { t } from '../fp.js';
import { PERSONAL_DATA_HOME, PERSONAL_DATA_KINDS, personalDataInId, personalDataInText } from './personal-data.js';

/**
 * Codecs for values that recur across streams. Their static types stay plain (`string`, `number`)
 * so embedders write ordinary literals; the runtime check and the rule name reported on failure are
 * what the codec adds.
 */
export type JsonSchema = { readonly [key: string]: unknown };

/** A codec that also says how it looks as JSON Schema, for OpenAPI and the events catalogue. */
export type RefinedType<A> = t.Type<A, A, unknown> & { readonly jsonSchema: JsonSchema; readonly describe: string; readonly base: t.Type<A, A, unknown> };

export const refined = <A>(
  name: string,
  base: t.Type<A, A, unknown>,
  predicate: (value: A) => boolean,
  describe: string,
  jsonSchema: JsonSchema,
): RefinedType<A> =>
  screened(name, base, (value) => (predicate(value) ? undefined : `must be ${describe}, got ${preview(value)}`), describe, jsonSchema, predicate);

/**
 * A refined codec whose check says what is wrong (`undefined` when nothing is), for rules where a
 * generic "must be …" would not help the caller or would echo back what it should not.
 */
export const screened = <A>(
  name: string,
  base: t.Type<A, A, unknown>,
  problem: (value: A) => string | undefined,
  describe: string,
  jsonSchema: JsonSchema,
  /** Whether `problem` finds nothing, when that can be told without building its message (what `is` calls). */
  accepts: (value: A) => boolean = (value) => problem(value) === undefined,
): RefinedType<A> =>
  Object.assign(new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && accepts(u),
    (u, c) => {
      if (!base.is(u)) return t.failure(u, c, `must be ${describe}, got ${preview(u)}`);
      const found = problem(u);
      return found === undefined ? t.success(u) : t.failure(u, c, found);
    },
    t.identity,
    // `base` lets the unknown-field check (exact.ts) see into a refined list or object.
  ), { jsonSchema: { ...jsonSchema, description: describe }, describe, base });

export const preview = (value: unknown): string => {
  // JSON shows ±Infinity and NaN as null, which is not what was given.
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (${Number.isNaN(value) ? 'not a number' : 'a number out of range'})`;
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * Whether `s.trim()` is not empty, without trimming when the first character already tells: a code
 * unit above U+0020 and below U+1680 other than U+00A0 is none of the white space `trim` removes.
 */
export const hasNonSpace = (s: string): boolean => {
  const first = s.charCodeAt(0);
  if (first > 0x20 && first < 0x1680 && first !== 0xa0) return true;
  return s.trim().length > 0;
};

export const NonEmptyString = refined('NonEmptyString', t.string, hasNonSpace, 'a non-empty string', {
  type: 'string',
  minLength: 1,
});

/**
 * Characters that act on a terminal or reorder the text around them rather than show: the C0
 * controls (line breaks, tab and escape among them), DEL, the C1 controls, and Unicode's bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). A name or label read by a person
 * holds none: one could move the cursor and write over what is printed after it (docs/audit.md).
 */
const CONTROL_CHARACTER_CLASS = '\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROL_CHARACTER = new RegExp(`[${CONTROL_CHARACTER_CLASS}]`);
const CONTROL_CHARACTERS = new RegExp(`[${CONTROL_CHARACTER_CLASS}]`, 'g');
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** `c` as JSON writes an escaped character: `\n`, `\t` … or `\u001b`. */
const escapedCharacter = (c: string): string => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` with every control character written as its JSON escape (`\u001b`, `\r`, `\u202e`), so that
 * a text read from a file or the log shows what it holds and cannot drive the terminal it is printed
 * on. Any other character, backslash included, is left as it is.
 */
export const escapeControlCharacters = (text: string): string => text.replace(CONTROL_CHARACTERS, escapedCharacter);

/** Why `s` is no text to show a person, naming its first control character, or `undefined`. */
export const controlCharacterProblem = (s: string): string | undefined => {
  const found = CONTROL_CHARACTER.exec(s);
  if (found === null) return undefined;
  return `must hold no control character (a line break, escape, or bidirectional override: it would drive the terminal that shows it), got ${escapedCharacter(found[0])} at character ${found.index + 1}`;
};

const SHOWN_TEXT_PATTERN = `^[^${CONTROL_CHARACTER_CLASS}]*$`;

/** A text shown as it is (a rule source, a version label): any, empty too, but with no control character. */
export const ShownText = screened('ShownText', t.string, controlCharacterProblem, 'a text without control characters', {
  type: 'string',
  pattern: SHOWN_TEXT_PATTERN,
});

/** A name shown as it is (an installation, a package, a subject): non-empty, on one line, with no control character. */
export const ShownName = screened(
  'ShownName',
  t.string,
  (s) => (hasNonSpace(s) ? controlCharacterProblem(s) : `must be a non-empty string, got ${preview(s)}`),
  'a non-empty text without control characters',
  { type: 'string', minLength: 1, pattern: SHOWN_TEXT_PATTERN },
);

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const INSTANT_DESCRIBE = 'an ISO-8601 date-time with offset, e.g. 2025-03-04T09:30:00+07:00';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'] as const;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
/** Days in `month` (1–12) of the proleptic Gregorian `year`. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);

/**
 * Why a string is not a real calendar instant, or `undefined`. `Date.parse` alone will not do: it
 * rolls `2026-02-30` over into March, so each part is checked against the calendar.
 */
export const instantProblem = (s: string): string | undefined => {
  const match = ISO_INSTANT.exec(s);
  if (!match) return `must be ${INSTANT_DESCRIBE}, got ${preview(s)}`;
  const part = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const offsetMinutes = part(8) * 60 + part(9);
  const bad = (why: string) => `must be a real calendar instant, got ${preview(s)}: ${why}`;
  if (month < 1 || month > 12) return bad(`there is no month ${month}`);
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) return bad(`${MONTH_NAMES[month - 1]} ${year} has ${length} days`);
  if (hour > 23) return bad('the hour must be 00–23');
  if (minute > 59) return bad('the minute must be 00–59');
  if (second > 59) return bad('the second must be 00–59');
  if (part(9) > 59 || offsetMinutes > 14 * 60) return bad('the offset must be within ±14:00');
  return undefined;
};

/** An ISO-8601 date-time with an explicit offset (`Z` or `+07:00`): a point in time, never a local time. */
export const Instant = screened(
  'Instant',
  t.string,
  instantProblem,
  INSTANT_DESCRIBE,
  { type: 'string', format: 'date-time' },
  // The instants the desk writes are told without the regular expression (every append checks two).
  (s) => isPlainInstantWithinDay(s) || instantProblem(s) === undefined,
);

/** A plain instant (`isPlainInstant`, offset up to ±14:59) whose offset is within ±14:00, as `Instant` requires. */
const isPlainInstantWithinDay = (s: string): boolean =>
  isPlainInstant(s) && (s.length === 20 || s.length === 24 || twoDigits(s, s.length - 5) < 14 || twoDigits(s, s.length - 2) === 0);

const ZERO = 48;
/** The two decimal digits at `at`, or -1. */
const twoDigits = (s: string, at: number): number => {
  const tens = s.charCodeAt(at) - ZERO;
  const units = s.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
};

/**
 * Whether `s` is `YYYY-MM-DDTHH:mm:ss` with no fraction or 3 digits of one, then `Z` or `±HH:mm`, and
 * a real calendar instant with an offset within ±14:59: the shape the desk writes, read without a
 * regular expression or `Date.parse`. Every such string matches `ISO_INSTANT` and `Date.parse` reads
 * it; anything else is left to them (a fast path, never a different answer).
 */
export const isPlainInstant = (s: string): boolean => {
  const length = s.length;
  const zoneAt = length === 20 || length === 25 ? 19 : length === 24 || length === 29 ? 23 : -1;
  if (zoneAt < 0) return false;
  const zulu = length === zoneAt + 1;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (day > daysInMonth(century * 100 + yearOfCentury, month)) return false;
  if (zoneAt === 23) {
    if (s.charCodeAt(19) !== 46) return false;
    const tenths = s.charCodeAt(20) - ZERO;
    if (tenths < 0 || tenths > 9 || twoDigits(s, 21) < 0) return false;
  }
  const sign = s.charCodeAt(zoneAt);
  if (zulu) return sign === 90;
  if ((sign !== 43 && sign !== 45) || s.charCodeAt(zoneAt + 3) !== 58) return false;
  const offsetHours = twoDigits(s, zoneAt + 1);
  const offsetMinutes = twoDigits(s, zoneAt + 4);
  return offsetHours >= 0 && offsetHours <= 14 && offsetMinutes >= 0 && offsetMinutes <= 59;
};

/**
 * An instant as events recorded before the calendar check hold it: the ISO shape with an offset, read
 * by `Date.parse`. Event codecs use it so the log stays readable (an old `2026-02-30` would otherwise
 * make its stream unreadable for good); new facts pass `Instant` at the command.
 */
export const RecordedInstant = refined(
  'RecordedInstant',
  t.string,
  (s) => isPlainInstant(s) || (ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s))),
  INSTANT_DESCRIBE,
  { type: 'string', format: 'date-time' },
);

/** `YYYY-MM-DD`, a real date of the proleptic Gregorian calendar (read character by character: no regular expression). */
export const isValidLocalDate = (s: string): boolean => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(century * 100 + yearOfCentury, month);
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

const SUBJECT_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const OPAQUE_ID = 'an opaque id from the identity store, e.g. a UUID or subj-…';

/**
 * An opaque id the log keeps: 1–128 letters, digits, `.`, `_`, `:` or `-`, never shaped like an ID number,
 * phone number, e-mail address or name (docs/personal-data.md). The log cannot be erased, so what looks
 * like personal data is refused without repeating it; `noun` names the id in the refusal.
 */
const opaqueId = (name: string, noun: string, example: string, shape = SUBJECT_ID_SHAPE, characters = '. _ : -') =>
  screened(
    name,
    t.string,
    (s) => {
      const shaped = shape.test(s);
      const kind = personalDataInId(s) ?? (shaped ? undefined : personalDataInText(s));
      if (kind !== undefined) return `looks like ${PERSONAL_DATA_KINDS[kind]}: ${noun} must be ${example}; ${PERSONAL_DATA_HOME}`;
      return shaped ? undefined : `must be ${example} (1 to 128 letters, digits, ${characters}), got ${preview(s)}`;
    },
    `${example}, never a name, ID number, phone number or e-mail address`,
    { type: 'string', pattern: shape.source },
  );

/** Opaque pseudonymous id of a citizen or organisation (docs/personal-data.md, Decree 13/2023). */
export const SubjectId = opaqueId('SubjectId', 'a subject id', OPAQUE_ID);

/**
 * Who acts, as the log records it (a token's `sub`): an opaque id of the identity provider
 * (docs/personal-data.md). `|` is allowed too, as identity providers write `<connection>|<id>`.
 */
export const ActorId = opaqueId('ActorId', 'an actor id', 'an opaque id from the identity provider, e.g. a UUID or officer-…', /^[A-Za-z0-9][A-Za-z0-9._:|-]{0,127}$/, '. _ : | -');

/** What ties a command to the request or process behind it (`X-Correlation-Id`): an opaque id (docs/personal-data.md). */
export const CorrelationId = opaqueId('CorrelationId', 'a correlation id', 'an opaque id such as a UUID or req-…');

/**
 * A subject id as events recorded before screening hold it: the shape only, so those events stay
 * readable; new ids pass `SubjectId` at the command.
 */
export const RecordedSubjectId = refined(
  'RecordedSubjectId',
  t.string,
  (s) => SUBJECT_ID_SHAPE.test(s),
  'an opaque subject id (letters, digits, . _ : -), never a name or ID number',
  { type: 'string', pattern: SUBJECT_ID_SHAPE.source },
);

export const FREE_TEXT_MAX_LENGTH = 2000;

/**
 * Prose written by an officer or citizen (a summary, reason, finding, note). It is screened for ID
 * numbers, phone numbers and e-mail addresses, which would stay in the log for good; the value is not
 * echoed back in the refusal.
 */
export const FreeText = screened(
  'FreeText',
  t.string,
  (s) => {
    if (s.trim().length === 0) return 'must be a non-empty text';
    if (s.length > FREE_TEXT_MAX_LENGTH) return `must be at most ${FREE_TEXT_MAX_LENGTH} characters, got ${s.length}`;
    const kind = personalDataInText(s);
    if (kind === undefined) return undefined;
    return `holds what looks like ${PERSONAL_DATA_KINDS[kind]}: refer to the person by their subject id; ${PERSONAL_DATA_HOME}`;
  },
  `a non-empty text of at most ${FREE_TEXT_MAX_LENGTH} characters, without ID numbers, phone numbers or e-mail addresses`,
  { type: 'string', minLength: 1, maxLength: FREE_TEXT_MAX_LENGTH },
);

/** A literal-union codec from a list of strings, reported under `name`. */
export const oneOf = <const V extends readonly [string, ...string[]]>(name: string, values: V) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as { [K in V[number]]: null }, name);
