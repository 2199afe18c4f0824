import { describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import type { EventStore, ReadAllOptions } from '../kernel/event-store.js';
import { lastProvinceEventAtOrBefore, ProvinceHeads } from './province-event.js';

const PROVINCES = ['thai-nguyen', 'bac-ninh', 'ha-giang'] as const;

const append = (store: EventStore, tenantId: string, n: number) =>
  store.appendToStream(`note-${tenantId}:${n}`, [
    { type: 'NoteTaken', data: { n }, metadata: { occurredAt: '2026-03-02T09:00:00+07:00', actor: { id: 'system', role: 'system' }, tenantId, correlationId: `c-${n}`, causationId: `c-${n}` } },
  ]);

/** The store, counting the events its `readAll` pages hand back. */
const counted = (store: EventStore) => {
  let read = 0;
  return {
    reader: { readAll: async (options?: ReadAllOptions) => {
      const page = await store.readAll(options);
      read += page.events.length;
      return page;
    } },
    read: () => read,
    reset: () => {
      read = 0;
    },
  };
};

/** Events appended by province, with probes of some province between them. */
const script = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('append' as const), province: fc.constantFrom(...PROVINCES), count: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('probe' as const), province: fc.constantFrom(...PROVINCES) }),
  ),
  { maxLength: 25 },
);

describe('ProvinceHeads', () => {
  it.prop([script], { numRuns: 60 })(
    "answers every probe as reading backwards from the head would, and after its first answer for a province reads no event appended before that province's last probe",
    async (steps) => {
      const store = new InMemoryEventStore();
      const { reader, read, reset } = counted(store);
      const heads = new ProvinceHeads(reader);
      let n = 0;
      const lastProbe = new Map<string, number>();
      for (const step of steps) {
        if (step.kind === 'append') {
          for (let i = 0; i < step.count; i++) await append(store, step.province, ++n);
          continue;
        }
        const logHead = n;
        reset();
        const head = await heads.headOf(step.province, logHead);
        expect(head).toBe((await lastProvinceEventAtOrBefore(store, step.province, logHead))?.metadata.globalPosition ?? 0);
        const since = lastProbe.get(step.province);
        if (since !== undefined) expect(read()).toBeLessThanOrEqual(logHead - since);
        lastProbe.set(step.province, logHead);
      }
    },
  );
});
