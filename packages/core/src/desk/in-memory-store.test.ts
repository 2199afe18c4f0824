import { describe, expect, it } from 'vitest';
import { isRight } from '../fp.js';
import { EventDataRefused, NO_EVENT_CODECS } from '../kernel/append-checks.js';
import { InMemoryEventStore } from '../index.js';

const metadata = { occurredAt: '2026-03-02T09:00:00+07:00', actor: { id: 'system', role: 'system' as const }, tenantId: 'thai-nguyen', correlationId: 'c-1', causationId: 'c-1' };
const malformed = { type: 'DossierReceived', data: { procedureCode: '1.000894' }, metadata };

describe('the in-memory event store @motcua/core exports', () => {
  it('refuses a desk event whose data does not match its codec, as the SQL stores do, and keeps nothing', async () => {
    const store = new InMemoryEventStore();
    await expect(store.appendToStream('dossier-thai-nguyen:000.00.15.H55-260302-0001', [malformed])).rejects.toBeInstanceOf(EventDataRefused);
    expect((await store.readAll()).events).toHaveLength(0);
  });

  it('checks none when told to (a store of events that are not the desk\'s)', async () => {
    const store = new InMemoryEventStore({ eventCodecs: NO_EVENT_CODECS });
    expect(isRight(await store.appendToStream('dossier-thai-nguyen:000.00.15.H55-260302-0001', [malformed]))).toBe(true);
  });
});
