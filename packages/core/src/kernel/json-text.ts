/**
 * A JSON text read one way only (RFC 8259 §4): `JSON.parse` accepts texts that readers take differently,
 * silently, and what motcua reads as evidence (an HTTP body recorded in the log, an audit bundle checked
 * by an auditor) must mean the same to every reader. `jsonTextFault` finds what it lets through.
 */

/**
 * Deepest nesting of objects and arrays a text may have. Twice the codecs' own limit (`MAX_INPUT_DEPTH`,
 * 32 levels under a command) and far above any text motcua reads (an HTTP body the routes take nests two
 * levels; an audit bundle holds an event's data four levels down), so every value the codecs could judge
 * reaches them and gets their message naming the command; deeper ones are refused here before anything
 * walks them.
 */
export const MAX_JSON_TEXT_DEPTH = 64;

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
 * - nesting deeper than `MAX_JSON_TEXT_DEPTH`;
 * - a number beyond ±1.7976931348623157e308, which `JSON.parse` reads as ±Infinity and any JSON
 *   written from it (the log, a signed text) holds as `null`.
 * Strings are skipped with `indexOf`, and only numbers with an exponent or of 309 digits or more are
 * converted, so the scan costs about what `JSON.parse` does on the same text.
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
        if (levels.depth === MAX_JSON_TEXT_DEPTH) return { field: levels.path(), rule: 'too-deep', message: `nests deeper than ${MAX_JSON_TEXT_DEPTH} levels` };
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
