import { t } from '../fp.js';
import type { JsonSchema } from './primitives.js';

/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses it) for an io-ts codec built from the combinators this
 * library uses. Codecs are the single source of truth: the HTTP API's OpenAPI document and the events
 * catalogue are both derived from them.
 */
export const toJsonSchema = (codec: t.Mixed): JsonSchema => {
  const own = (codec as { jsonSchema?: JsonSchema }).jsonSchema;
  if (own !== undefined) return own;
  if (codec instanceof t.StringType) return { type: 'string' };
  if (codec instanceof t.NumberType) return { type: 'number' };
  if (codec instanceof t.BooleanType) return { type: 'boolean' };
  if (codec instanceof t.NullType) return { type: 'null' };
  if (codec instanceof t.UnknownType) return {};
  if (codec instanceof t.LiteralType) return { const: codec.value };
  if (codec instanceof t.KeyofType) return { type: 'string', enum: Object.keys(codec.keys) };
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) {
    return { type: 'array', items: toJsonSchema(codec.type as t.Mixed) };
  }
  if (codec instanceof t.TupleType) {
    const items = (codec.types as t.Mixed[]).map(toJsonSchema);
    return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
  }
  if (codec instanceof t.DictionaryType) {
    return { type: 'object', additionalProperties: toJsonSchema(codec.codomain as t.Mixed) };
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.StrictType) {
    const props = codec.props as Record<string, t.Mixed>;
    return objectSchema(props, Object.keys(props));
  }
  if (codec instanceof t.PartialType) return objectSchema(codec.props as Record<string, t.Mixed>, []);
  if (codec instanceof t.ExactType || codec instanceof t.ReadonlyType || codec instanceof t.RefinementType) {
    return toJsonSchema(codec.type as t.Mixed);
  }
  if (codec instanceof t.IntersectionType) return mergeObjects((codec.types as t.Mixed[]).map(toJsonSchema));
  if (codec instanceof t.UnionType) {
    const members = (codec.types as t.Mixed[]).map(toJsonSchema);
    const literals = members.map((m) => m['const']);
    if (literals.every((l) => typeof l === 'string')) return { type: 'string', enum: literals };
    return { oneOf: members };
  }
  const members = (codec as { members?: ReadonlyMap<string, t.Mixed> }).members;
  if (members !== undefined) return { oneOf: [...members.values()].map(toJsonSchema) };
  throw new Error(`no JSON Schema for codec ${codec.name}`);
};

const objectSchema = (props: Record<string, t.Mixed>, required: string[]): JsonSchema => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(props).map(([key, codec]) => [key, toJsonSchema(codec)])),
  ...(required.length > 0 ? { required } : {}),
});

const mergeObjects = (schemas: JsonSchema[]): JsonSchema => {
  if (!schemas.every((s) => s['type'] === 'object')) return { allOf: schemas };
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const schema of schemas) {
    const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
    for (const [key, value] of Object.entries(props)) {
      const existing = properties[key] as JsonSchema | undefined;
      properties[key] = existing && existing['type'] === 'object' && value['type'] === 'object' ? mergeObjects([existing, value]) : value;
    }
    required.push(...((schema['required'] ?? []) as string[]));
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required: [...new Set(required)] } : {}) };
};
