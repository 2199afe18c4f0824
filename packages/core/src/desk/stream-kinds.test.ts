import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryOf } from '../kernel/codec-arbitrary.testkit.js';
import { parseProvinceStreamId } from '../kernel/tenant.js';
import { DESK_EVENT_CODECS } from '../read-side/engine/desk-events.js';
import { STREAM_DEFINITIONS } from './stream-definitions.js';

/** What a store checks of a desk event's stream (`EventStreamKind`) is where the desk appends it. */
describe('the stream each desk event belongs to', () => {
  it.each(STREAM_DEFINITIONS.map((definition) => [definition.name, definition] as const))('every %s event belongs to the stream streamIdFor names for the entity its data names', (name, definition) => {
    for (const [type, codec] of definition.eventCodec.members) {
      const stream = DESK_EVENT_CODECS.get(type)?.stream;
      expect(stream?.kind, type).toBe(name);
      fc.assert(
        fc.property(arbitraryOf(codec as never), (event) => {
          const id = (event as { data: Record<string, unknown> }).data[stream?.idField ?? ''];
          expect(typeof id, type).toBe('string');
          expect(parseProvinceStreamId(definition.streamIdFor('thai-nguyen', id as string))).toEqual({ kind: name, tenantId: 'thai-nguyen', id });
        }),
        { numRuns: 10 },
      );
    }
  });

  it('every event type of the desk has a stream kind', () => {
    expect([...DESK_EVENT_CODECS].filter(([, codec]) => codec.stream === undefined).map(([type]) => type)).toEqual([]);
  });
});
