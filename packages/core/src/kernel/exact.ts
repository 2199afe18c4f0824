import { t } from '../fp.js';

/**
 * What the log may hold is exactly what a codec names (the log is evidence): io-ts `t.type` lets
 * unknown properties through and `t.exact` drops them silently, so neither can tell a caller that a
 * field was not taken. `strayFields` lists every property of an input that its codec does not name,
 * with the path the caller wrote, so it can be refused instead.
 */
export interface StrayField {
  /** Dotted path, e.g. `data.receivingUnitId`, `data.missing.0.extra`. */
  readonly path: string;
  readonly rule: 'unknown-field' | 'reserved-name' | 'too-deep';
  /** The nearest named codec the property was found in, e.g. `ReceiveDossier`. */
  readonly owner: string;
}

/** Nesting allowed under an open codec (`t.unknown`, `t.UnknownRecord`); commands nest far less. */
export const MAX_INPUT_DEPTH = 32;

/** Names that reach Object.prototype when merged into an object; refused wherever they appear. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export const strayFields = (codec: t.Mixed, input: unknown): readonly StrayField[] => {
  const found: StrayField[] = [];
  walk([codec], input, [], isGivenName(codec.name) ? codec.name : 'the input', found);
  return found;
};

type Path = readonly (string | number)[];

const walk = (codecs: readonly t.Mixed[], value: unknown, path: Path, owner: string, found: StrayField[]): void => {
  if (typeof value !== 'object' || value === null) return;
  if (path.length >= MAX_INPUT_DEPTH) {
    found.push({ path: path.join('.'), rule: 'too-deep', owner });
    return;
  }
  const shape = shapeOf(codecs, value, owner);
  if (shape.open) return scanOpen(value, path, owner, found);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const items = [...shape.items, ...(shape.positions[index] ?? [])];
      if (items.length > 0) walk(items, item, [...path, index], shape.owner, found);
    });
    return;
  }
  // No object codec among them (a string given an object): decoding reports the wrong type.
  if (shape.props.length === 0 && shape.records.length === 0) return;
  for (const key of Object.keys(value)) {
    const at = [...path, key];
    if (RESERVED.has(key)) {
      found.push({ path: at.join('.'), rule: 'reserved-name', owner: shape.owner });
      continue;
    }
    const children = [
      ...shape.props.flatMap((props) => (Object.prototype.hasOwnProperty.call(props, key) ? [props[key] as t.Mixed] : [])),
      ...shape.records.flatMap((record) => (record.domain.is(key) ? [record.codomain as t.Mixed] : [])),
    ];
    if (children.length === 0) found.push({ path: at.join('.'), rule: 'unknown-field', owner: shape.owner });
    else walk(children, (value as Record<string, unknown>)[key], at, shape.owner, found);
  }
};

interface Shape {
  readonly props: Readonly<Record<string, unknown>>[];
  readonly records: t.DictionaryType<t.Mixed, t.Mixed>[];
  readonly items: t.Mixed[];
  /** A tuple's members, by position. */
  readonly positions: t.Mixed[][];
  /** A codec that takes any keys (`t.unknown`, `t.UnknownRecord`): only reserved names and depth are checked. */
  readonly open: boolean;
  readonly owner: string;
}

/**
 * Flattens the codecs that describe one value into the properties, records and array items they
 * name: wrappers are looked through, an intersection's members all count (a key is known when any
 * member names it), a tagged union is entered by the value's `type`, a plain union by the members
 * the value satisfies.
 */
const shapeOf = (codecs: readonly t.Mixed[], value: object, owner: string): Shape => {
  const shape = { props: [] as Readonly<Record<string, unknown>>[], records: [] as t.DictionaryType<t.Mixed, t.Mixed>[], items: [] as t.Mixed[], positions: [] as t.Mixed[][], open: false, owner };
  const visit = (codec: t.Mixed): void => {
    if (isGivenName(codec.name) && !isLeafName(codec)) shape.owner = codec.name;
    const members = (codec as { members?: unknown }).members;
    if (members instanceof Map) {
      const tag = (value as { type?: unknown }).type;
      const member = typeof tag === 'string' ? (members.get(tag) as t.Mixed | undefined) : undefined;
      if (member !== undefined) {
        shape.owner = tag as string;
        visit(member);
      }
      return;
    }
    if (codec instanceof t.InterfaceType || codec instanceof t.PartialType || codec instanceof t.StrictType) {
      shape.props.push(codec.props as Record<string, unknown>);
    } else if (codec instanceof t.ExactType || codec instanceof t.ReadonlyType || codec instanceof t.RefinementType) {
      visit(codec.type as t.Mixed);
    } else if (codec instanceof t.IntersectionType) {
      for (const member of codec.types as t.Mixed[]) visit(member);
    } else if (codec instanceof t.UnionType) {
      for (const member of (codec.types as t.Mixed[]).filter((m) => m.is(value))) visit(member);
    } else if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) {
      shape.items.push(codec.type as t.Mixed);
    } else if (codec instanceof t.TupleType) {
      (codec.types as t.Mixed[]).forEach((member, index) => (shape.positions[index] ??= []).push(member));
    } else if (codec instanceof t.DictionaryType) {
      shape.records.push(codec as t.DictionaryType<t.Mixed, t.Mixed>);
    } else if (codec instanceof t.UnknownType || codec instanceof t.AnyType || codec instanceof t.AnyDictionaryType) {
      shape.open = true;
    } else if (inner(codec) !== undefined) {
      visit(inner(codec) as t.Mixed);
    } else if (!isLeaf(codec) && codec.is(value)) {
      // A hand-written codec accepted an object it does not describe: a bug in the codec, found by
      // the test that walks every command and event codec.
      throw new Error(`codec ${codec.name} accepts objects but names no fields: give it a base or shape to check them`);
    }
  };
  for (const codec of codecs) visit(codec);
  return shape;
};

/** The codec a `refined` (its `base`) or `checked` (its `shape`) codec was built on. */
const inner = (codec: t.Mixed): t.Mixed | undefined => {
  const { base, shape } = codec as { base?: unknown; shape?: unknown };
  if (base instanceof t.Type) return base as t.Mixed;
  if (shape instanceof t.Type) return shape as t.Mixed;
  return undefined;
};

const isLeaf = (codec: t.Mixed): boolean =>
  codec instanceof t.StringType ||
  codec instanceof t.NumberType ||
  codec instanceof t.BooleanType ||
  codec instanceof t.NullType ||
  codec instanceof t.UndefinedType ||
  codec instanceof t.VoidType ||
  codec instanceof t.LiteralType ||
  codec instanceof t.KeyofType;

const isLeafName = (codec: t.Mixed): boolean => isLeaf(codec) || inner(codec) !== undefined && isLeaf(inner(codec) as t.Mixed);

/** io-ts names an unnamed `t.type` after its shape (`{ a: string }`); a given name is a word. */
const isGivenName = (name: string): boolean => /^[A-Za-z][A-Za-z0-9_-]*$/.test(name);

/** Under an open codec anything goes except reserved names and unbounded nesting. */
const scanOpen = (value: object, path: Path, owner: string, found: StrayField[]): void => {
  const stack: { value: object; path: Path }[] = [{ value, path }];
  while (stack.length > 0) {
    const next = stack.pop() as { value: object; path: Path };
    if (next.path.length >= MAX_INPUT_DEPTH) {
      found.push({ path: next.path.join('.'), rule: 'too-deep', owner });
      continue;
    }
    for (const [key, child] of Object.entries(next.value)) {
      const at = [...next.path, key];
      if (RESERVED.has(key)) found.push({ path: at.join('.'), rule: 'reserved-name', owner });
      else if (typeof child === 'object' && child !== null) stack.push({ value: child as object, path: at });
    }
  }
};
