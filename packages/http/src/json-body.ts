import { httpProblems, problem, type Problem } from './problem.js';

/**
 * Deepest nesting of objects and arrays a body may have. Twice the codecs' own limit (`MAX_INPUT_DEPTH`,
 * 32 levels under a command) and far above any body the routes take (two levels: an object holding a
 * list), so every body the codecs could judge reaches them and gets their message naming the command;
 * deeper ones are refused here before anything walks them.
 */
export const MAX_BODY_DEPTH = 64;

/** A body refused while it was read: the problem it is answered with (see `problemOfError` in server.ts). */
export class BodyRefused extends Error {
  readonly statusCode: number;
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.statusCode = problem.status;
  }
}

/** What the body of a JSON request holds, or why it was refused. */
export type JsonBody = { readonly value: unknown } | { readonly problem: Problem };

/**
 * Reads a JSON body exactly as its bytes say, or refuses it: the log keeps what a client sent, so a
 * body is never decoded leniently nor read one way among several (RFC 8259 §8.1, §4).
 * - The charset, when given, must be UTF-8 (415 otherwise): JSON exchanged between systems is UTF-8.
 * - The bytes must be UTF-8: an invalid sequence is a 400 naming its offset, never U+FFFD in the record.
 * - A byte order mark is refused rather than stripped: RFC 8259 forbids sending one, and refusing keeps
 *   the one rule "the body is the JSON text".
 * - The text must parse, then `jsonTextFault` refuses what `JSON.parse` lets through silently.
 * `__proto__` is kept as an own member (JSON.parse never changes a prototype), so the routes refuse
 * it as they refuse `constructor`: the codecs' reserved-name check, or a route's unknown-field check.
 */
export const readJsonBody = (contentType: string | undefined, bytes: Buffer): JsonBody => {
  const charset = charsetOf(contentType ?? '');
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    return { problem: problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', `send the body as UTF-8 JSON; charset=${charset} is not taken`) };
  }
  if (bytes.length === 0) return { problem: httpProblems.invalidInput('', 'json', 'the body is empty; send a JSON object') };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { problem: httpProblems.invalidInput('', 'utf-8', 'the body starts with a byte order mark; send UTF-8 JSON without one') };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { problem: httpProblems.invalidInput('', 'utf-8', `the body is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Byte(bytes)})`) };
  }
  let value: unknown;
  try {
    // Without a reviver: V8 parses iteratively, so no nesting overflows the stack here.
    value = JSON.parse(text);
  } catch {
    return { problem: httpProblems.invalidInput('', 'json', 'the body is not valid JSON') };
  }
  const fault = jsonTextFault(text);
  return fault === undefined ? { value } : { problem: httpProblems.invalidInput(fault.field, fault.rule, fault.message) };
};

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The `charset` parameter of a media type (unquoted), `undefined` without one. Parameters are split at
 * every `;`, quoted or not: a `;charset=` inside another parameter's quoted value is then read as a
 * charset too, which can only refuse a body, never let a wrong one in.
 */
export const charsetOf = (contentType: string): string | undefined => {
  let found: string | undefined;
  for (const parameter of contentType.split(';').slice(1)) {
    const equals = parameter.indexOf('=');
    if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
    const value = parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    // Given twice, a charset other than UTF-8 in either refuses the body.
    if (found === undefined || found.toLowerCase() === 'utf-8') found = value;
  }
  return found;
};

/**
 * Offset of the first byte that is not part of a UTF-8 character (the bytes hold one, or the strict
 * decoder would have taken them). Only on the refusal path: lenient decoding turns each bad sequence into
 * U+FFFD and the valid text before it measures the offset; a U+FFFD the client really sent is skipped.
 */
export const firstInvalidUtf8Byte = (bytes: Buffer): number => {
  const lenient = bytes.toString('utf8');
  for (let index = lenient.indexOf('\ufffd'); index >= 0; index = lenient.indexOf('\ufffd', index + 1)) {
    const offset = Buffer.byteLength(lenient.slice(0, index), 'utf8');
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length;
};

/** What `jsonTextFault` finds: the member or element at fault (dotted, as the codecs name fields) and why. */
export interface JsonTextFault {
  readonly field: string;
  readonly rule: 'duplicate-member' | 'too-deep' | 'number-range';
  readonly message: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const MINUS = 0x2d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * One pass over a text `JSON.parse` accepted, finding what it lets through silently, first found first:
 * - a member given twice in one object (`JSON.parse` keeps the last; two readers of the same record
 *   could take different values), names compared as decoded (`"a"` and `"\u0061"` are one name);
 * - nesting deeper than `MAX_BODY_DEPTH`;
 * - a number beyond ±1.7976931348623157e308, which `JSON.parse` reads as ±Infinity and the log would
 *   keep as `null`.
 * Strings are skipped with `indexOf`, and only numbers with an exponent or of 309 digits or more are
 * converted, so the scan costs about what `JSON.parse` does on the bodies the server takes.
 */
export const jsonTextFault = (text: string): JsonTextFault | undefined => {
  const levels = new Levels();
  let expectingName = false;
  const end = text.length;
  for (let at = 0; at < end; at++) {
    switch (text.charCodeAt(at)) {
      case QUOTE: {
        const close = closingQuote(text, at);
        if (expectingName) {
          const name = nameBetween(text, at, close);
          if (!levels.addName(name)) return { field: levels.path(name), rule: 'duplicate-member', message: 'is given twice in one object; send each member once' };
          expectingName = false;
        }
        at = close;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY: {
        if (levels.depth === MAX_BODY_DEPTH) return { field: levels.path(), rule: 'too-deep', message: `nests deeper than ${MAX_BODY_DEPTH} levels` };
        expectingName = text.charCodeAt(at) === OPEN_OBJECT;
        levels.open(expectingName);
        break;
      }
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        levels.close();
        expectingName = false;
        break;
      case COMMA:
        expectingName = levels.next();
        break;
      default: {
        const code = text.charCodeAt(at);
        if (code !== MINUS && !isDigit(code)) break; // `:`, white space, the letters of true, false and null
        // Only a number with an exponent or of 309 characters or more can pass the largest double: the
        // others are passed over without being converted.
        const digits = digitsEnd(text, at + 1);
        const after = isExponent(text.charCodeAt(digits)) ? exponentEnd(text, digits) : digits;
        if (after !== digits || after - at > 308) {
          const fault = numberFault(text.slice(at, after), levels);
          if (fault !== undefined) return fault;
        }
        at = after - 1;
      }
    }
  }
  return undefined;
};

/** Below this many members an object's names are compared one by one: cheaper than a Set for most objects. */
const SMALL_OBJECT = 16;

/**
 * The containers open at a point of the scan, innermost last: for each, the member or index the scan is
 * in (the path of a fault), and for an object the names it has had. Names are kept in one flat list, each
 * object's from where it opened, so most objects allocate nothing; a large one gets a Set.
 */
class Levels {
  /** The member each open container is in; `''` for an array. */
  private readonly members: string[] = [];
  /** The element each open array is at; -1 for an object. */
  private readonly indexes: number[] = [];
  /** Where each open object's names start in `names`. */
  private readonly starts: number[] = [];
  private readonly names: string[] = [];
  private readonly sets = new Map<number, Set<string>>();

  get depth(): number {
    return this.indexes.length;
  }

  open(isObject: boolean): void {
    this.members.push('');
    this.indexes.push(isObject ? -1 : 0);
    this.starts.push(this.names.length);
  }

  close(): void {
    this.names.length = this.starts.pop() as number;
    if (this.sets.size > 0) this.sets.delete(this.indexes.length - 1);
    this.members.pop();
    this.indexes.pop();
  }

  /** After a comma: the next element of an array, or the next member of an object (a name comes next). */
  next(): boolean {
    const top = this.indexes.length - 1;
    const index = this.indexes[top] as number;
    if (index === -1) return true;
    this.indexes[top] = index + 1;
    return false;
  }

  /** `false` when the innermost object already has `name`. */
  addName(name: string): boolean {
    const top = this.indexes.length - 1;
    const set = this.sets.get(top);
    if (set !== undefined) {
      if (set.has(name)) return false;
      set.add(name);
    } else {
      const start = this.starts[top] as number;
      for (let index = start; index < this.names.length; index++) if (this.names[index] === name) return false;
      this.names.push(name);
      if (this.names.length - start === SMALL_OBJECT) this.sets.set(top, new Set(this.names.slice(start)));
    }
    this.members[top] = name;
    return true;
  }

  /** The dotted path of where the scan is, with the innermost member named `last` when given. */
  path(last?: string): string {
    const segments = this.indexes.map((index, level) => (index === -1 ? (this.members[level] as string) : String(index)));
    if (last !== undefined) segments[segments.length - 1] = last;
    return segments.join('.');
  }
}

/** Index of the quote closing the string opened at `open`: the first one not escaped by an odd run of backslashes. */
const closingQuote = (text: string, open: number): number => {
  let close = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
};

/** A member name as decoded: escapes are rare in names, so the text is taken as it stands when it has none. */
const nameBetween = (text: string, open: number, close: number): string => {
  const raw = text.slice(open + 1, close);
  return raw.includes('\\') ? (JSON.parse(text.slice(open, close + 1)) as string) : raw;
};

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

const isExponent = (code: number): boolean => code === 0x65 || code === 0x45;

/** Index after the digits and decimal point from `start` on. */
const digitsEnd = (text: string, start: number): number => {
  let at = start;
  while (isDigit(text.charCodeAt(at)) || text.charCodeAt(at) === 0x2e) at++;
  return at;
};

/** Index after the exponent starting at `start` (`e`, its sign, its digits). */
const exponentEnd = (text: string, start: number): number => {
  let at = start;
  for (;;) {
    const code = text.charCodeAt(at);
    if (isDigit(code) || isExponent(code) || code === 0x2b || code === MINUS) at++;
    else return at;
  }
};

const numberFault = (number: string, levels: Levels): JsonTextFault | undefined => {
  if (Number.isFinite(Number(number))) return undefined;
  const shown = number.length > 40 ? `${number.slice(0, 37)}...` : number;
  return { field: levels.path(), rule: 'number-range', message: `is out of range: ${shown} is beyond ±1.7976931348623157e308, the largest number JSON is read to` };
};
