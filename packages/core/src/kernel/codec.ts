import { t, E, pipe } from '../fp.js';
import type { Either } from '../fp.js';
import { preview } from './primitives.js';
import { invalidInput, type InputIssue, type InvalidInput } from './errors.js';
import { MAX_INPUT_DEPTH, strayFields, type StrayField } from './exact.js';

/** Turns io-ts validation errors into issues that name the field and the rule that failed. */
export const toIssues = (errors: t.Errors): InputIssue[] => {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const error of errors) {
    const path = fieldPath(error.context);
    const rule = error.context[error.context.length - 1]?.type.name ?? 'unknown';
    const value = error.value;
    const message =
      error.message ??
      (value === undefined ? `is required (${rule})` : `must be ${rule}, got ${preview(value)}`);
    const signature = `${path}|${message}`;
    if (seen.has(signature)) continue;
    seen.add(signature);
    issues.push({ field: path, rule: value === undefined ? 'required' : rule, message });
  }
  return issues;
};

// io-ts reports union branches and intersection members as numeric keys on the context; those are
// not fields the caller wrote, so they are left out of the path.
const fieldPath = (context: t.Context): string => {
  const keys: string[] = [];
  for (let index = 1; index < context.length; index++) {
    const parent = context[index - 1]?.type;
    if (parent instanceof t.UnionType || parent instanceof t.IntersectionType) continue;
    keys.push((context[index] as t.ContextEntry).key);
  }
  return keys.join('.');
};


/** Decodes untrusted input; a failure names every offending field. */
export const decode = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): Either<InvalidInput, A> =>
  pipe(
    codec.decode(input),
    E.mapLeft((errors) => invalidInput(toIssues(errors))),
  );

/**
 * A union of `{ type: 'Literal', ... }` codecs that dispatches on `type` first, so a bad member is
 * reported against its own fields rather than as a failure of every branch.
 */
export const taggedUnion = <C extends readonly [t.Mixed, ...t.Mixed[]]>(name: string, codecs: C) => {
  const byType = new Map<string, t.Mixed>();
  for (const codec of codecs) {
    const tag = literalTag(codec);
    if (tag === undefined) throw new Error(`${name}: member ${codec.name} has no literal type tag`);
    byType.set(tag, codec);
  }
  const tags = [...byType.keys()];
  type A = t.TypeOf<C[number]>;
  type O = t.OutputOf<C[number]>;
  const union = new t.Type<A, O, unknown>(
    name,
    (u): u is A => {
      if (typeof u !== 'object' || u === null) return false;
      const codec = byType.get((u as { type?: unknown }).type as string);
      return codec !== undefined && codec.is(u);
    },
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'must be an object');
      const tag = (u as { type?: unknown }).type;
      const codec = typeof tag === 'string' ? byType.get(tag) : undefined;
      if (codec === undefined) {
        return t.failure(tag, t.appendContext(c, 'type', t.string, tag), `must be one of ${tags.join(', ')}`);
      }
      return codec.validate(u, c) as t.Validation<A>;
    },
    (a) => (byType.get((a as { type: string }).type) as t.Mixed).encode(a) as O,
  );
  return Object.assign(union, { tags: tags as readonly string[], members: byType as ReadonlyMap<string, t.Mixed> });
};

const literalTag = (codec: t.Mixed): string | undefined => {
  let current: unknown = codec;
  // unwrap exact/readonly/strict wrappers
  while (current instanceof t.ExactType || current instanceof t.ReadonlyType || current instanceof t.RefinementType) {
    current = (current as { type: unknown }).type;
  }
  if (current instanceof t.IntersectionType) {
    for (const member of current.types as t.Mixed[]) {
      const tag = literalTag(member);
      if (tag !== undefined) return tag;
    }
    return undefined;
  }
  if (current instanceof t.InterfaceType) {
    const typeCodec = (current.props as Record<string, unknown>)['type'];
    if (typeCodec instanceof t.LiteralType && typeof typeCodec.value === 'string') return typeCodec.value;
  }
  return undefined;
};

/**
 * Decodes untrusted input and refuses every property the codec does not name (and reserved names,
 * and nesting past `MAX_INPUT_DEPTH`), so what is accepted holds exactly the codec's fields.
 */
export const decodeExact = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): Either<InvalidInput, A> => {
  const strays = strayFields(codec, input);
  const decoded = decode(codec, input);
  if (strays.length === 0) return decoded;
  const issues = strays.map(strayIssue);
  return E.left(invalidInput(E.isLeft(decoded) ? [...issues, ...decoded.left.issues] : issues));
};

const strayIssue = ({ path, rule, owner }: StrayField): InputIssue => ({
  field: path,
  rule,
  message:
    rule === 'unknown-field'
      ? `is not a field of ${owner}`
      : rule === 'reserved-name'
        ? `is a reserved name, never a field of ${owner}`
        : `nests deeper than ${MAX_INPUT_DEPTH} levels`,
});
