import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DESK_EVENT_CODECS, EventDataRefused, EventMetadataRefused, EventStreamMismatch, StreamProvinceMismatch, isLeft, isRight, provinceStreamId, type EventStore, type NewEvent } from '@motcua/core';
import { DESK_KINDS, deskEvents, goodContext, kindOf, spoiledContexts, streamOf, twoEntities } from './desk-event-arbitrary.js';
import { counted } from '../../packages/core/src/kernel/counted-event.testkit.js';

/**
 * What every store refuses at append, with nothing of the append written (the log is evidence: what
 * enters stays): an event of the desk whose data does not match its codec exactly, an event whose
 * `tenantId` is not its stream's province (docs/adr/0011-province-in-stream-ids.md), metadata without
 * its context, data that is not JSON. A store under this contract checks the desk's codecs.
 */
export const describeAppendChecks = (store: () => EventStore) => {
  const PROVINCE = 'province-01';
  const contextOf = (n: number): NewEvent['metadata'] => counted(n).metadata;
  let streams = 0;
  const freshStream = () => provinceStreamId('dossier', PROVINCE, `append-check-${++streams}`);

  /** The log's head and the stream's version, before and after: a refused append leaves both. */
  const snapshot = async (streamId: string) => ({
    head: (await store().headPosition?.()) ?? (await store().readAll({ after: 0, maxCount: 1_000_000 })).events.length,
    version: (await store().readStream(streamId)).currentVersion,
  });
  const refusal = async (streamId: string, events: readonly NewEvent[]): Promise<unknown> => {
    const before = await snapshot(streamId);
    const error = await store().appendToStream(streamId, events).then(
      (result) => new Error(`accepted: ${JSON.stringify(result)}`),
      (e: unknown) => e,
    );
    expect(await snapshot(streamId)).toEqual(before);
    return error;
  };

  const isValid = (event: { type: string; data: unknown }): boolean => (DESK_EVENT_CODECS.get(event.type) as { is: (u: unknown) => boolean }).is(event);
  /** A value of another JSON kind than `value`. */
  const otherKind = (value: unknown): unknown => (typeof value === 'string' ? 42 : typeof value === 'number' ? String(value) : typeof value === 'boolean' ? 'yes' : 7);

  describe('what an append refuses', () => {
    it('any event of the desk matching its codec is appended and read back as given', async () => {
      await fc.assert(
        fc.asyncProperty(deskEvents, async (event) => {
          const streamId = streamOf(event, PROVINCE);
          const result = await store().appendToStream(streamId, [{ ...event, metadata: contextOf(1) }]);
          expect(isRight(result)).toBe(true);
          expect((await store().readStream(streamId)).events.at(-1)?.data).toEqual(event.data);
        }),
        { numRuns: 40 },
      );
    });

    it('any event of the desk with a field removed, added or of the wrong type is refused, naming the event, its type and the field, with nothing of its append written', async () => {
      const mutated = deskEvents.chain((event) => {
        const keys = Object.keys(event.data);
        const changes: fc.Arbitrary<{ data: Record<string, unknown>; field: string }>[] = [
          fc.constantFrom('extraField', 'receivingUnitId', 'procedureCode').filter((key) => !(key in event.data)).map((key) => ({ data: { ...event.data, [key]: 'x' }, field: `data.${key}` })),
        ];
        if (keys.length > 0) {
          const key = fc.constantFrom(...keys);
          changes.push(key.map((k) => ({ data: Object.fromEntries(Object.entries(event.data).filter(([name]) => name !== k)), field: `data.${k}` })));
          changes.push(key.map((k) => ({ data: { ...event.data, [k]: otherKind(event.data[k]) }, field: `data.${k}` })));
        }
        return fc.oneof(...changes).map((change) => ({ type: event.type, streamId: streamOf(event, PROVINCE), ...change }));
      });
      await fc.assert(
        fc.asyncProperty(mutated, async ({ type, data, field, streamId }) => {
          fc.pre(!isValid({ type, data }));
          // The bad event comes second: its whole append is refused, the good first event with it.
          const error = await refusal(streamId, [counted(1), { type, data, metadata: contextOf(2) }]);
          expect(error).toBeInstanceOf(EventDataRefused);
          expect(error).toMatchObject({ code: 'EVENT_DATA_REFUSED', streamId, index: 1, eventType: type });
          expect((error as EventDataRefused).issues.some((issue) => issue.field === field || issue.field.startsWith(`${field}.`))).toBe(true);
        }),
        { numRuns: 60 },
      );
    });

    it('the example of a received dossier without its fields is refused', async () => {
      // Given DossierReceived with two of its fields only
      const streamId = provinceStreamId('dossier', 'thai-nguyen', '000.00.15.H55-260212-0009');
      const error = await refusal(streamId, [
        { type: 'DossierReceived', data: { dossierCode: '000.00.15.H55-260212-0009', receivingUnitId: 'unit-1' }, metadata: { ...contextOf(1), tenantId: 'thai-nguyen' } },
      ]);
      // Then the refusal names the fields missing, and not those given
      expect(error).toBeInstanceOf(EventDataRefused);
      const fields = (error as EventDataRefused).issues.map((issue) => issue.field);
      expect(fields).toEqual(expect.arrayContaining(['data.procedureCode', 'data.dueDate']));
      expect(fields).not.toContain('data.receivingUnitId');
      expect((error as Error).message).toMatch(/event 0 \(DossierReceived\) of stream dossier-thai-nguyen:000\.00\.15\.H55-260212-0009/);
    });

    it('an event whose tenantId is not the province its stream id names is refused; a stream id naming no province takes any', async () => {
      const province = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
      await fc.assert(
        fc.asyncProperty(province, province, async (named, other) => {
          fc.pre(named !== other);
          const streamId = provinceStreamId('dossier', named, `p-${++streams}`);
          const event = (tenantId: string, n: number): NewEvent => ({ ...counted(n), metadata: { ...contextOf(n), tenantId } });
          const error = await refusal(streamId, [event(named, 1), event(other, 2)]);
          expect(error).toBeInstanceOf(StreamProvinceMismatch);
          expect(error).toMatchObject({ code: 'STREAM_PROVINCE_MISMATCH', streamId, index: 1, streamProvince: named, tenantId: other });
          expect(isRight(await store().appendToStream(streamId, [event(named, 3)]))).toBe(true);
          expect(isRight(await store().appendToStream(`system-${++streams}`, [event(named, 4), event(other, 5)]))).toBe(true);
        }),
        { numRuns: 20 },
      );
    });

    it('metadata without its context and data that is not JSON are refused with what is wrong, nothing written', async () => {
      const { tenantId: _tenant, ...withoutTenant } = contextOf(1);
      const cases: readonly [string, NewEvent, RegExp][] = [
        ['no tenantId', { ...counted(1), metadata: withoutTenant as never }, /metadata\.tenantId: /],
        ['no actor', { ...counted(1), metadata: { ...contextOf(1), actor: undefined } as never }, /metadata\.actor: /],
        ['occurredAt a number', { ...counted(1), metadata: { ...contextOf(1), occurredAt: 42 } as never }, /metadata\.occurredAt: /],
        ['metadata null', { ...counted(1), metadata: null as never }, /metadata must be an object/],
        ['BigInt data', { ...counted(1), data: { n: 10n } }, /data cannot be stored as JSON/],
      ];
      for (const [what, bad, message] of cases) {
        const streamId = freshStream();
        const error = await refusal(streamId, [counted(0), bad]);
        expect(error, what).toBeInstanceOf(TypeError);
        expect((error as Error).message, what).toMatch(message);
        expect((error as Error).message, what).toContain(`event 1`);
      }
    });

    it('any metadata with a key it does not name, an occurredAt that is no real instant or an empty id is refused, naming the field, with nothing of its append written', async () => {
      await fc.assert(
        fc.asyncProperty(deskEvents, spoiledContexts(PROVINCE, 2), async (event, { metadata, field }) => {
          const streamId = streamOf(event, PROVINCE);
          const error = await refusal(streamId, [counted(1), { ...event, metadata }]);
          expect(error).toBeInstanceOf(EventMetadataRefused);
          expect(error).toMatchObject({ code: 'EVENT_METADATA_REFUSED', streamId, index: 1, eventType: event.type });
          expect((error as EventMetadataRefused).issues.map((issue) => issue.field)).toContain(field);
        }),
        { numRuns: 60 },
      );
    });

    it('an event of the desk appended to a stream of another kind, or about another entity than the stream is, is refused, naming what is wrong, with nothing of its append written', async () => {
      const otherKind = deskEvents.chain((event) => {
        const { kind, idField } = kindOf(event.type);
        return fc
          .constantFrom(...DESK_KINDS.filter((other) => other !== kind))
          .map((other) => ({ event, streamId: provinceStreamId(other, PROVINCE, event.data[idField] as string), field: 'type' }));
      });
      const otherEntity = twoEntities.map(([event, other]) => ({ event, streamId: streamOf(other, PROVINCE), field: `data.${kindOf(event.type).idField}` }));
      await fc.assert(
        fc.asyncProperty(fc.oneof(otherKind, otherEntity), async ({ event, streamId, field }) => {
          const error = await refusal(streamId, [counted(1), { ...event, metadata: goodContext(PROVINCE, 2) }]);
          expect(error).toBeInstanceOf(EventStreamMismatch);
          expect(error).toMatchObject({ code: 'EVENT_STREAM_MISMATCH', streamId, index: 1, eventType: event.type });
          expect((error as EventStreamMismatch).issues.map((issue) => issue.field)).toEqual([field]);
        }),
        { numRuns: 60 },
      );
    });

    it("the example of a unit's establishment appended to a dossier's stream, and of a unit's to another unit's, is refused", async () => {
      // Given the establishment of unit u1, in province thai-nguyen
      const established = {
        type: 'UnitEstablished',
        data: { code: 'u1', name: 'U1', kind: 'commune-desk', provinceCode: 'x', effectiveDate: '2025-01-02', occurredAt: '2025-01-02T08:00:00+07:00' },
        metadata: goodContext('thai-nguyen', 1),
      };
      // When it is appended to a dossier's stream, then to unit u9's
      const dossier = provinceStreamId('dossier', 'thai-nguyen', '000.00.15.H55-260212-0001');
      const inDossier = await refusal(dossier, [established]);
      const inOtherUnit = await refusal(provinceStreamId('unit', 'thai-nguyen', 'u9'), [established]);
      // Then both are refused, saying why
      expect((inDossier as Error).message).toBe(
        `event 0 (UnitEstablished) of stream ${dossier}: it does not belong in the stream: type: is an event of unit streams, not of dossier streams`,
      );
      expect((inOtherUnit as Error).message).toBe(
        'event 0 (UnitEstablished) of stream unit-thai-nguyen:u9: it does not belong in the stream: data.code: is "u1", not the id of the stream\'s unit, "u9"',
      );
      // And the unit's own stream takes it
      expect(isRight(await store().appendToStream(provinceStreamId('unit', 'thai-nguyen', 'u1'), [established]))).toBe(true);
    });

    it('appends issued together: only the caller with a refused event is refused', async () => {
      const [first, bad, last] = [freshStream(), freshStream(), freshStream()];
      const outcomes = await Promise.allSettled([
        store().appendToStream(first, [counted(1)]),
        store().appendToStream(bad, [counted(2), { ...counted(3), data: { n: 1n } }]),
        store().appendToStream(bad, [{ type: 'DossierReceived', data: {}, metadata: contextOf(4) }]),
        store().appendToStream(last, [counted(5)]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(outcomes[1]).toMatchObject({ reason: { message: expect.stringMatching(/data cannot be stored as JSON/) as unknown } });
      expect(outcomes[2]).toMatchObject({ reason: { code: 'EVENT_DATA_REFUSED' } });
      for (const o of [outcomes[0], outcomes[3]]) expect(o?.status === 'fulfilled' && !isLeft(o.value)).toBe(true);
      expect((await store().readStream(bad)).streamExists).toBe(false);
      expect((await store().readStream(first)).currentVersion).toBe(1);
      expect((await store().readStream(last)).currentVersion).toBe(1);
    });
  });
};
