import fc from 'fast-check';
import { DESK_EVENT_CODECS, instantProblem, provinceStreamId, type EventStreamKind, type NewEvent } from '@motcua/core';
import { arbitraryOf } from '../../packages/core/src/kernel/codec-arbitrary.testkit.js';

/** An event of the desk as its codec makes it. */
export interface DeskEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** The kind of stream a desk event type belongs to and the data field naming its entity. */
export const kindOf = (type: string): EventStreamKind => {
  const stream = DESK_EVENT_CODECS.get(type)?.stream;
  if (stream === undefined) throw new Error(`${type} is not an event of the desk`);
  return stream;
};

/** Every kind of stream of the desk. */
export const DESK_KINDS = [...new Set([...DESK_EVENT_CODECS.keys()].map((type) => kindOf(type).kind))];

/** Any event of the desk matching its codec. */
export const deskEvents: fc.Arbitrary<DeskEvent> = fc
  .constantFrom(...DESK_EVENT_CODECS.keys())
  .chain((type) => arbitraryOf(DESK_EVENT_CODECS.get(type) as never).map((value) => value as DeskEvent));

/** The stream of the event's own entity in `province`: where the desk appends it. */
export const streamOf = (event: DeskEvent, province: string): string => {
  const { kind, idField } = kindOf(event.type);
  return provinceStreamId(kind, province, event.data[idField] as string);
};

/** Two events of the same type of the desk about two different entities. */
export const twoEntities: fc.Arbitrary<readonly [DeskEvent, DeskEvent]> = deskEvents.chain((event) => {
  const { idField } = kindOf(event.type);
  return arbitraryOf(DESK_EVENT_CODECS.get(event.type) as never)
    .map((value) => value as DeskEvent)
    .filter((other) => other.data[idField] !== event.data[idField])
    .map((other) => [event, other] as const);
});

/** A context every store takes: what the desk's command handler writes. */
export const goodContext = (province: string, n: number): NewEvent['metadata'] => ({
  occurredAt: '2026-03-02T09:00:00+07:00',
  actor: { id: 'officer-1', role: 'receptionist' },
  tenantId: province,
  correlationId: `corr-${n}`,
  causationId: `cause-${n}`,
});

/** Text that is not a real instant (`Instant`): no date-time at all, or a day the calendar has not. */
const notAnInstant = fc.oneof(
  fc.constantFrom('yesterday', '2026-02-30T08:00:00+07:00', '2026-03-02', '2026-03-02T09:00:00', '2026-13-01T00:00:00Z', '2026-03-02T24:00:00Z', '', ' '),
  fc.string({ maxLength: 30 }).filter((text) => instantProblem(text) !== undefined),
);

/** A key the metadata does not name. */
const unknownKey = fc.oneof(fc.constantFrom('approvedBy', 'note', 'streamName', 'hash'), fc.string({ minLength: 1, maxLength: 8 }).map((key) => `x-${key}`));

/** An id no store may record: empty, or white space only. */
const emptyId = fc.constantFrom('', ' ', '\t');

/**
 * A context spoiled in one way, with the field an append's refusal names: a key the metadata does not
 * name, an `occurredAt` that is no real instant, an empty correlation or causation id or idempotency key.
 */
export const spoiledContexts = (province: string, n: number): fc.Arbitrary<{ readonly metadata: NewEvent['metadata']; readonly field: string }> =>
  fc.oneof(
    fc.tuple(unknownKey, fc.jsonValue()).map(([key, value]) => ({ metadata: { ...goodContext(province, n), [key]: value } as never, field: `metadata.${key}` })),
    notAnInstant.map((occurredAt) => ({ metadata: { ...goodContext(province, n), occurredAt }, field: 'metadata.occurredAt' })),
    fc
      .tuple(fc.constantFrom('correlationId', 'causationId', 'idempotencyKey'), emptyId)
      .map(([key, id]) => ({ metadata: { ...goodContext(province, n), [key]: id }, field: `metadata.${key}` })),
  );
