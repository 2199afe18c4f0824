import { describe, expect, it } from 'vitest';
import { t, isLeft, isRight } from '../fp.js';
import { decodeExact, taggedUnion } from './codec.js';
import { checked } from './checked-codec.js';
import { MAX_INPUT_DEPTH, strayFields } from './exact.js';
import { Instant, NonEmptyString, refined } from './primitives.js';

const Item = t.exact(t.type({ name: NonEmptyString }), 'Item');
const Receive = t.type({
  type: t.literal('Receive'),
  data: t.intersection([
    t.type({ code: NonEmptyString, at: Instant, missing: t.array(Item) }),
    t.partial({ note: NonEmptyString, tags: t.readonly(t.record(t.string, t.number)), extra: t.unknown }),
  ]),
});
const Withdraw = t.type({ type: t.literal('Withdraw'), data: t.type({ code: NonEmptyString }) });
const Command = taggedUnion('Command', [Receive, Withdraw]);

const receive = (data: Record<string, unknown> = {}) => ({
  type: 'Receive',
  data: { code: 'A-1', at: '2026-03-02T09:00:00+07:00', missing: [{ name: 'form 01' }], ...data },
});
const paths = (input: unknown, codec: t.Mixed = Command) => strayFields(codec, input).map((s) => `${s.rule} ${s.path} (${s.owner})`);

describe('strayFields', () => {
  it('finds nothing in an input that holds exactly the codec\'s fields', () => {
    expect(paths(receive({ note: 'n', tags: { a: 1 }, extra: { any: { thing: [1] } } }))).toEqual([]);
  });

  it('looks into each member of a tuple by its position', () => {
    // Given a pair of an item and a number, the item carrying a field it does not name
    const Pair = t.readonly(t.tuple([Item, t.number]), 'Pair');
    // Then the field is named at the item's position, and an exact pair passes
    expect(paths([{ name: 'form 01', extra: 1 }, 2], Pair)).toEqual(['unknown-field 0.extra (Item)']);
    expect(paths([{ name: 'form 01' }, 2], Pair)).toEqual([]);
  });

  it('names each unknown field with its path and the command it is not part of', () => {
    // Given a command whose data, nested item and envelope carry fields the codec does not name
    const input = { ...receive({ receivingUnitId: 'unit-b', missing: [{ name: 'x' }, { name: 'y', extra: 1 }] }), by: 'me' };
    // Then every one is reported where the caller wrote it
    expect(paths(input)).toEqual([
      'unknown-field data.missing.1.extra (Item)',
      'unknown-field data.receivingUnitId (Receive)',
      'unknown-field by (Receive)',
    ]);
  });

  it('dispatches a tagged union by type: a field of another member is still unknown', () => {
    expect(paths({ type: 'Withdraw', data: { code: 'A-1', at: '2026-03-02T09:00:00+07:00' } })).toEqual(['unknown-field data.at (Withdraw)']);
  });

  it('sees through refinements, refined and checked codecs, and plain unions', () => {
    const Listed = refined('Listed', t.array(t.type({ a: t.number })), (l) => l.length > 0, 'a list', { type: 'array' });
    const Ranged = checked('Ranged', t.type({ from: t.number, to: t.number }), () => undefined);
    const Either = t.union([t.type({ kind: t.literal('a'), a: t.number }), t.type({ kind: t.literal('b'), b: t.number })]);
    const Shape = t.type({ list: Listed, range: Ranged, pick: Either, positive: t.refinement(t.type({ n: t.number }), (v) => v.n > 0) });
    const input = { list: [{ a: 1, z: 1 }], range: { from: 1, to: 2, z: 1 }, pick: { kind: 'b', b: 1, a: 1 }, positive: { n: 1, z: 1 } };
    expect(strayFields(Shape, input).map((s) => s.path)).toEqual(['list.0.z', 'range.z', 'pick.a', 'positive.z']);
  });

  it('refuses reserved names anywhere, even under an open codec', () => {
    const input = JSON.parse('{"type":"Receive","data":{"code":"A-1","at":"2026-03-02T09:00:00+07:00","missing":[],"extra":{"constructor":{"prototype":{}}},"__proto__":{"x":1}}}');
    expect(paths(input)).toEqual(['reserved-name data.extra.constructor (Receive)', 'reserved-name data.__proto__ (Receive)']);
  });

  it('refuses a 1,000-deep object cheaply: as an unknown field at its top, under an open codec at the depth bound', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1000; i++) deep = { deeper: deep };
    expect(paths(receive({ nest: deep }))).toEqual(['unknown-field data.nest (Receive)']);
    const found = strayFields(Command, receive({ extra: deep }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'too-deep' });
    expect(found[0]?.path.split('.')).toHaveLength(MAX_INPUT_DEPTH);
  });

  it('throws on a hand-written codec that accepts objects it does not describe (a bug, not an input error)', () => {
    const Opaque = new t.Type<object>('Opaque', (u): u is object => typeof u === 'object', (u) => t.success(u as object), t.identity);
    expect(() => strayFields(t.type({ o: Opaque }), { o: { a: 1 } })).toThrow(/Opaque/);
    expect(strayFields(t.type({ s: NonEmptyString }), { s: { a: 1 } })).toEqual([]);
  });
});

describe('decodeExact', () => {
  it('refuses an unknown field as invalid input, with the rule and the command named', () => {
    const result = decodeExact(Command, receive({ receivingUnitId: 'unit-b' }));
    expect(isLeft(result) && result.left.issues).toEqual([
      { field: 'data.receivingUnitId', rule: 'unknown-field', message: 'is not a field of Receive' },
    ]);
  });

  it('reports unknown fields beside the ordinary decoding issues', () => {
    const result = decodeExact(Command, receive({ code: ' ', surplus: 1 }));
    expect(isLeft(result) && result.left.issues.map((i) => `${i.field} ${i.rule}`)).toEqual(['data.surplus unknown-field', 'data.code NonEmptyString']);
  });

  it('accepts an exact input as decode does', () => {
    expect(isRight(decodeExact(Command, receive()))).toBe(true);
  });
});
