import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { t, isLeft, isRight } from '../fp.js';
import { decode, taggedUnion } from './codec.js';
import { toJsonSchema } from './json-schema.js';
import { Dong, Instant, LocalDate, NonEmptyString, SubjectId, oneOf } from './primitives.js';

const Received = t.type({
  type: t.literal('Received'),
  data: t.intersection([
    t.type({ code: NonEmptyString, at: Instant, fee: Dong, channel: oneOf('Channel', ['counter', 'online', 'postal']) }),
    t.partial({ documents: t.array(NonEmptyString), note: t.string }),
  ]),
});
const Closed = t.type({ type: t.literal('Closed'), data: t.type({ on: LocalDate }) });
const Any = taggedUnion('Any', [Received, Closed]);

describe('decode', () => {
  it('names every bad field with the rule it broke', () => {
    const result = decode(Any, {
      type: 'Received',
      data: { code: ' ', at: '2026-13-01', fee: 1.5, channel: 'fax', documents: ['ok', ''] },
    });
    expect(isLeft(result) && result.left.issues.map((i) => [i.field, i.rule])).toEqual([
      ['data.code', 'NonEmptyString'],
      ['data.at', 'Instant'],
      ['data.fee', 'Dong'],
      ['data.channel', 'Channel'],
      ['data.documents.1', 'NonEmptyString'],
    ]);
  });

  it('says a number that is not finite is out of range, rather than showing it as JSON (null)', () => {
    const result = decode(Any, { type: 'Received', data: { code: 'A', at: '2026-03-02T09:00:00+07:00', fee: Infinity, channel: 'counter' } });
    expect(isLeft(result) && result.left.issues).toEqual([
      { field: 'data.fee', rule: 'Dong', message: 'must be a whole number of đồng ≥ 0, got Infinity (a number out of range)' },
    ]);
    const negative = decode(t.type({ n: t.string }), { n: -Infinity });
    expect(isLeft(negative) && negative.left.issues[0]?.message).toBe('must be string, got -Infinity (a number out of range)');
  });

  it('reports a missing field as required', () => {
    const result = decode(Closed, { type: 'Closed', data: {} });
    expect(isLeft(result) && result.left.issues).toEqual([expect.objectContaining({ field: 'data.on', rule: 'required' })]);
  });

  it('dispatches a tagged union on type and names the allowed tags', () => {
    const result = decode(Any, { type: 'Opened', data: {} });
    expect(isLeft(result) && result.left.issues[0]).toMatchObject({ field: 'type', message: 'must be one of Received, Closed' });
    expect(isLeft(decode(Any, 'Received'))).toBe(true);
    expect(isRight(decode(Any, { type: 'Closed', data: { on: '2026-02-28' } }))).toBe(true);
  });

  it('accepts only real calendar dates and instants with an offset', () => {
    expect(LocalDate.is('2026-02-29')).toBe(false);
    expect(LocalDate.is('2028-02-29')).toBe(true);
    expect(Instant.is('2026-03-02T09:00:00')).toBe(false);
    expect(Instant.is('2026-03-02T09:00:00+07:00')).toBe(true);
    expect(SubjectId.is('Nguyễn Văn A')).toBe(false);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      const result = decode(Any, input);
      if (isLeft(result)) expect(result.left.issues.length).toBeGreaterThan(0);
    }));
  });
});

describe('toJsonSchema', () => {
  it('describes a tuple as an array of exactly its members, in order', () => {
    expect(toJsonSchema(t.tuple([t.number, t.string]))).toEqual({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'string' }], minItems: 2, maxItems: 2 });
  });

  it('describes tagged unions, optional fields and refined primitives', () => {
    const schema = toJsonSchema(Any) as { oneOf: Record<string, unknown>[] };
    expect(schema.oneOf).toHaveLength(2);
    expect(schema.oneOf[0]).toMatchObject({
      type: 'object',
      required: ['type', 'data'],
      properties: {
        type: { const: 'Received' },
        data: {
          type: 'object',
          required: ['code', 'at', 'fee', 'channel'],
          properties: {
            at: { type: 'string', format: 'date-time' },
            fee: { type: 'integer', minimum: 0 },
            channel: { type: 'string', enum: ['counter', 'online', 'postal'] },
            documents: { type: 'array', items: { type: 'string', minLength: 1 } },
          },
        },
      },
    });
  });
});
