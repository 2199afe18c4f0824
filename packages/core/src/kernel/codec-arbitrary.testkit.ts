import { fc } from '@fast-check/vitest';
import { t } from '../fp.js';
import type { JsonSchema } from './primitives.js';

/**
 * A fast-check arbitrary of the values a codec accepts, built by walking the same structure the
 * unknown-field check walks (exact.ts). Refined codecs get a generator by name or by their JSON
 * Schema; every generated value is filtered by the codec's own `is` as a last resort, so a codec
 * tightened later never receives a value it refuses.
 */
export interface CodecArbitraryOptions {
  /** Generators for named codecs, over the built-in ones (e.g. a narrower `Instant`). */
  readonly byName?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Instants and dates are drawn between these (plausible business times: in the past). */
  readonly from?: Date;
  readonly until?: Date;
  readonly maxArrayLength?: number;
}

const DEFAULT_FROM = new Date('2025-07-01T00:00:00Z');
const DEFAULT_UNTIL = new Date('2026-06-30T00:00:00Z');

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-03-02T09:00:00+07:00`: the instant in Vietnam time, as desks write it. */
export const vietnamInstant = (date: Date): string => {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00+07:00`;
};

const WORDS = ['hồ sơ', 'giấy', 'tờ khai', 'đăng ký', 'kết hôn', 'xác nhận', 'bản sao', 'đơn', 'trả lời', 'chậm', 'thiếu', 'unit', 'desk'];
const prose = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
const token = fc.stringMatching(/^[a-z][a-z0-9-]{2,10}$/);

const builtIns = (from: Date, until: Date): Record<string, fc.Arbitrary<unknown>> => {
  const instant = fc.date({ min: from, max: until, noInvalidDate: true }).map(vietnamInstant);
  const localDate = instant.map((s) => s.slice(0, 10));
  return {
    Instant: instant,
    RecordedInstant: instant,
    LocalDate: localDate,
    NonEmptyString: fc.oneof(token, prose),
    FreeText: prose,
    SubjectId: fc.stringMatching(/^[0-9a-f]{8}$/).map((hex) => `subj-${hex}`),
    RecordedSubjectId: fc.stringMatching(/^[0-9a-f]{8}$/).map((hex) => `subj-${hex}`),
    DossierCode: fc
      .tuple(fc.constantFrom('000.00.15.H55', '000.00.31.H12', 'TN'), localDate, fc.integer({ min: 1, max: 9999 }))
      .map(([agency, date, n]) => `${agency}-${date.slice(2).replaceAll('-', '')}-${pad(n, 4)}`),
    RecordedDossierCode: fc
      .tuple(fc.constantFrom('000.00.15.H55', '000.00.31.H12', 'TN'), localDate, fc.integer({ min: 1, max: 9999 }))
      .map(([agency, date, n]) => `${agency}-${date.slice(2).replaceAll('-', '')}-${pad(n, 4)}`),
    DocumentList: fc.array(prose, { minLength: 1, maxLength: 3 }),
  };
};

export const arbitraryOf = (codec: t.Mixed, options: CodecArbitraryOptions = {}): fc.Arbitrary<unknown> => {
  const named = { ...builtIns(options.from ?? DEFAULT_FROM, options.until ?? DEFAULT_UNTIL), ...options.byName };
  const maxLength = options.maxArrayLength ?? 3;

  const build = (c: t.Mixed): fc.Arbitrary<unknown> => {
    const own = named[c.name];
    if (own !== undefined) return own.filter((value) => c.is(value));
    const members = (c as { members?: unknown }).members;
    if (members instanceof Map) return fc.oneof(...[...members.values()].map((m) => build(m as t.Mixed)));
    if (c instanceof t.LiteralType) return fc.constant(c.value);
    if (c instanceof t.KeyofType) return fc.constantFrom(...Object.keys(c.keys));
    if (c instanceof t.StringType) return token;
    if (c instanceof t.NumberType) return fc.integer({ min: 0, max: 1000 });
    if (c instanceof t.BooleanType) return fc.boolean();
    if (c instanceof t.NullType) return fc.constant(null);
    if (c instanceof t.UnknownType) return fc.jsonValue({ maxDepth: 2 });
    if (c instanceof t.InterfaceType || c instanceof t.StrictType) return fc.record(props(c.props as Record<string, t.Mixed>));
    if (c instanceof t.PartialType) return fc.record(props(c.props as Record<string, t.Mixed>), { requiredKeys: [] });
    if (c instanceof t.ExactType || c instanceof t.ReadonlyType) return build(c.type as t.Mixed);
    if (c instanceof t.RefinementType) return build(c.type as t.Mixed).filter((value) => c.is(value));
    if (c instanceof t.IntersectionType) {
      return fc.tuple(...(c.types as t.Mixed[]).map(build)).map((parts) => Object.assign({}, ...parts) as unknown);
    }
    if (c instanceof t.UnionType) return fc.oneof(...(c.types as t.Mixed[]).map(build));
    if (c instanceof t.ArrayType || c instanceof t.ReadonlyArrayType) return fc.array(build(c.type as t.Mixed), { maxLength });
    if (c instanceof t.TupleType) return fc.tuple(...(c.types as t.Mixed[]).map(build));
    if (c instanceof t.DictionaryType) {
      return fc.dictionary(build(c.domain as t.Mixed).map(String), build(c.codomain as t.Mixed), { maxKeys: maxLength });
    }
    const schema = (c as { jsonSchema?: JsonSchema }).jsonSchema;
    if (schema !== undefined) {
      const bySchema = fromSchema(schema);
      if (bySchema !== undefined) return bySchema.filter((value) => c.is(value));
    }
    const { base, shape } = c as { base?: unknown; shape?: unknown };
    const inner = base instanceof t.Type ? base : shape instanceof t.Type ? shape : undefined;
    if (inner !== undefined) return build(inner as t.Mixed).filter((value) => c.is(value));
    throw new Error(`no arbitrary for codec ${c.name}: add it to byName`);
  };

  const props = (record: Record<string, t.Mixed>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, build(value)]));

  return build(codec);
};

/** Integers in a range, enums and patterns: what the refined codecs of this library declare. */
const fromSchema = (schema: JsonSchema): fc.Arbitrary<unknown> | undefined => {
  const values = schema['enum'];
  if (Array.isArray(values) && values.length > 0) return fc.constantFrom(...(values as unknown[]));
  if (schema['type'] === 'integer') {
    const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : 0;
    const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : min + 1000;
    return fc.integer({ min, max });
  }
  if (schema['type'] === 'number') {
    const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : 0;
    const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : min + 1000;
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  if (schema['type'] === 'string' && typeof schema['pattern'] === 'string') return fc.stringMatching(new RegExp(schema['pattern']));
  return undefined;
};
