import { httpProblems, type Problem } from './problem.js';

/**
 * The query parameters of a route, declared once: how each is read, which the route refuses, and how
 * OpenAPI describes them (`openApiQuery`). `readQuery` checks them all and names every one that is
 * wrong (at most `MAX_ISSUES`, then a count of the rest) in one 400 problem: an unknown name (`unknown`), a parameter given twice (`single`), a value
 * empty, too long or with a control character (`length`), a missing required one (`required`), and
 * what each parameter's own reader refuses (`enum`, `integer`, `cursor`…).
 */

/** What is wrong with a parameter: the rule it breaks and what it must be. */
export interface QueryIssue {
  readonly rule: string;
  readonly message: string;
}

/** A reader's answer: the value, or what is wrong with the text. */
export type Read<T> = { readonly value: T; readonly issue?: undefined } | { readonly issue: QueryIssue };

export const accept = <T>(value: T): Read<T> => ({ value });
export const refuse = (rule: string, message: string): Read<never> => ({ issue: { rule, message } });

export interface QueryParameter<T> {
  /** Its value from every text given for it, in order, or what is wrong with them. */
  readonly read: (texts: readonly string[]) => Read<T>;
  /** A route refuses a request without it, with this issue. */
  readonly required?: QueryIssue;
  /** OpenAPI's parameter object for it, but for `name`, `in` and `required`. */
  readonly openapi: Readonly<Record<string, unknown>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a route's parameters are of any value type
export type QuerySpec = Readonly<Record<string, QueryParameter<any>>>;

/** The parameters of a route that takes none: any one given is refused. */
export const NO_PARAMETERS: QuerySpec = {};

type ValueOf<P> = P extends QueryParameter<infer T> ? T : never;
type IsRequired<P> = P extends { readonly required: QueryIssue } ? true : false;

/** The values of the parameters given: a required one is there, another left out is absent. */
export type QueryValues<S extends QuerySpec> = { readonly [K in keyof S as IsRequired<S[K]> extends true ? K : never]: ValueOf<S[K]> } & {
  readonly [K in keyof S as IsRequired<S[K]> extends true ? never : K]?: ValueOf<S[K]>;
};

/** Characters a value may have unless its parameter says otherwise. */
export const MAX_QUERY_TEXT = 200;

export interface TextOptions<T> {
  /** Its value from its text (which is already of a length allowed, with no control character); default the text. */
  readonly read?: (text: string) => Read<T>;
  /** Default `MAX_QUERY_TEXT`. */
  readonly maxLength?: number;
  /** Whether an empty value is one (`prefix=`); default not. */
  readonly allowEmpty?: boolean;
  /** Default `{ type: 'string', maxLength }`. */
  readonly schema?: Readonly<Record<string, unknown>>;
  readonly description?: string;
  readonly example?: unknown;
}

// A control character (C0 or DEL) has no place in a query parameter: nothing the API takes holds one.
// eslint-disable-next-line no-control-regex -- the characters refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The length and control-character check every text goes through, then the parameter's reader. */
const readText = <T>(text: string, options: TextOptions<T>): Read<T> => {
  const max = options.maxLength ?? MAX_QUERY_TEXT;
  if ((text.length === 0 && options.allowEmpty !== true) || text.length > max || CONTROL.test(text)) {
    return refuse('length', `${options.allowEmpty === true ? `must be at most ${max}` : `must be 1 to ${max}`} characters, no control characters`);
  }
  return options.read === undefined ? accept(text as T) : options.read(text);
};

const openapiOf = <T>(options: TextOptions<T>, schema: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> => ({
  ...(options.description === undefined ? {} : { description: options.description }),
  schema,
  ...(options.example === undefined ? {} : { example: options.example }),
});

/** A parameter given at most once: its text, or what its `read` makes of it. */
export function single(options?: TextOptions<string>): QueryParameter<string>;
export function single<T>(options: TextOptions<T> & { readonly read: (text: string) => Read<T> }): QueryParameter<T>;
export function single<T>(options: TextOptions<T> = {}): QueryParameter<T> {
  return {
    read: (texts) => (texts.length === 1 ? readText(texts[0] as string, options) : refuse('single', 'may be given once')),
    openapi: openapiOf(options, options.schema ?? { type: 'string', maxLength: options.maxLength ?? MAX_QUERY_TEXT }),
  };
}

/** A parameter that may be repeated, up to `times` (`whatIf=…&whatIf=…`): its value lists every one, in order. */
export const repeated = (times: number, options: TextOptions<string> = {}): QueryParameter<readonly string[]> => ({
  read: (texts) => {
    if (texts.length > times) return refuse('count', `may be given at most ${times} times`);
    const values: string[] = [];
    for (const text of texts) {
      const read = readText(text, options);
      if (read.issue !== undefined) return read;
      values.push(read.value);
    }
    return accept(values);
  },
  openapi: {
    ...openapiOf(options, { type: 'array', items: options.schema ?? { type: 'string', maxLength: options.maxLength ?? MAX_QUERY_TEXT }, maxItems: times }),
    style: 'form',
    explode: true,
  },
});

/** `parameter`, which a request must give: one without it is refused (rule `required`) with `message`. */
export const required = <T>(parameter: QueryParameter<T>, message: string): QueryParameter<T> & { readonly required: QueryIssue } => ({
  ...parameter,
  required: { rule: 'required', message },
});

/** A parameter that is one of `values` (`rule` `enum` unless named otherwise). */
export const oneOf = <V extends string>(
  values: readonly V[],
  options: { readonly default?: V; readonly description?: string; readonly rule?: string } = {},
): QueryParameter<V> =>
  single<V>({
    read: (text) => ((values as readonly string[]).includes(text) ? accept(text as V) : refuse(options.rule ?? 'enum', `must be one of ${values.join(', ')}`)),
    schema: { type: 'string', enum: [...values], ...(options.default === undefined ? {} : { default: options.default }) },
    ...(options.description === undefined ? {} : { description: options.description }),
  });

/** A whole number from `min` to `max`, written in digits. */
export const wholeNumber = (
  min: number,
  max: number,
  options: { readonly default?: number; readonly description?: string; readonly rule?: string; readonly message?: string } = {},
): QueryParameter<number> =>
  single<number>({
    read: (text) => {
      const value = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
      return value >= min && value <= max ? accept(value) : refuse(options.rule ?? 'integer', options.message ?? `must be a whole number from ${min} to ${max}`);
    },
    schema: { type: 'integer', minimum: min, ...(max === Number.MAX_SAFE_INTEGER ? {} : { maximum: max }), ...(options.default === undefined ? {} : { default: options.default }) },
    ...(options.description === undefined ? {} : { description: options.description }),
  });

/** Wrong parameters a problem names at most, then how many more there are. */
export const MAX_ISSUES = 20;

export interface ReadQueryOptions {
  /** What the parameters belong to, for the message on an unknown one: "is not a parameter of <of>". */
  readonly of: string;
  /**
   * Parameters the spec does not name: refused (the default: a misspelt one is an error, not ignored),
   * or ignored, for a public link that apps may append their own to.
   */
  readonly others?: 'refuse' | 'ignore';
}

/**
 * The values of a request's query (`request.query`, as Fastify parses it: a text or a list of texts
 * per name) by `spec`, or a 400 problem naming every parameter that is wrong, in the order given
 * (then the missing required ones, in the spec's order): at most `MAX_ISSUES`, then a count of the rest.
 */
export const readQuery = <S extends QuerySpec>(query: unknown, spec: S, options: ReadQueryOptions): { readonly problem: Problem } | { readonly values: QueryValues<S> } => {
  const given = typeof query === 'object' && query !== null ? (query as Readonly<Record<string, unknown>>) : {};
  const names = Object.keys(spec);
  const issues: { field: string; rule: string; message: string }[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(given)) {
    const parameter = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (parameter === undefined) {
      if (options.others !== 'ignore') {
        const message = names.length === 0 ? `is not a parameter of ${options.of}, which takes none` : `is not a parameter of ${options.of} (${names.join(', ')})`;
        issues.push({ field: name, rule: 'unknown', message });
      }
      continue;
    }
    const texts = (Array.isArray(raw) ? raw : [raw]).map((text) => (typeof text === 'string' ? text : String(text)));
    const read = parameter.read(texts);
    if (read.issue === undefined) values[name] = read.value;
    else issues.push({ field: name, ...read.issue });
  }
  for (const name of names) {
    const required = (spec[name] as QueryParameter<unknown>).required;
    if (required !== undefined && !Object.hasOwn(given, name)) issues.push({ field: name, ...required });
  }
  if (issues.length === 0) return { values: values as QueryValues<S> };
  // A query of thousands of wrong names gets a problem of bounded size: the first ones, and a count of the rest.
  const shown = issues.length > MAX_ISSUES ? [...issues.slice(0, MAX_ISSUES), { field: '', rule: 'more', message: `and ${issues.length - MAX_ISSUES} more parameters are wrong` }] : issues;
  return { problem: httpProblems.invalidInputs(shown) };
};


/** For a route that takes no parameter: the 400 naming each one given, if any. */
export const anyParameter = (query: unknown): Problem | undefined => {
  const parsed = readQuery(query, NO_PARAMETERS, { of: 'this route' });
  return 'problem' in parsed ? parsed.problem : undefined;
};

/** OpenAPI's parameter objects of `spec`, in its order. */
export const openApiQuery = (spec: QuerySpec): readonly Readonly<Record<string, unknown>>[] =>
  Object.entries(spec).map(([name, parameter]) => ({ name, in: 'query', required: parameter.required !== undefined, ...parameter.openapi }));
