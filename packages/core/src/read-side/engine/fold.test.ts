import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { documentKey } from '../vocabulary/document-key.js';
import { defineProjection } from './document-projection.js';
import { DocumentSession, foldBatch } from './fold.js';

/** Returns per unit and day: a projection small enough to read in one go. */
const returnsByDay = defineProjection<{ readonly returned: number; readonly positions: readonly number[] }>({
  name: 'returns-by-day',
  version: 1,
  handlers: {
    ResultReturned: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'day', event.data.returnDate)],
      evolve: (document, event) => ({
        returned: (document?.returned ?? 0) + 1,
        positions: [...(document?.positions ?? []), event.metadata.globalPosition],
      }),
    },
  },
});

const returned = (position: number, tenantId: string, returnDate: string, extra: Record<string, unknown> = {}): RecordedEvent => ({
  type: 'ResultReturned',
  data: {
    dossierCode: `000.00.15.H12-260302-000${position}`,
    occurredAt: `${returnDate}T09:00:00+07:00`,
    officerId: 'officer-1',
    via: 'counter',
    returnDate,
    dueDate: returnDate,
    originalDueDate: returnDate,
    timeliness: 'on-time',
    timelinessAgainstOriginal: 'on-time',
    ...extra,
  },
  metadata: {
    eventId: `e-${position}`,
    streamId: `dossier-${tenantId}:D-${position}`,
    streamVersion: 1,
    globalPosition: position,
    recordedAt: `${returnDate}T02:00:00.000Z`,
    occurredAt: `${returnDate}T09:00:00+07:00`,
    actor: { id: 'officer-1', role: 'receptionist' },
    tenantId,
    correlationId: 'c',
    causationId: 'c',
  },
});

describe('foldBatch', () => {
  it('evolves the documents each event names, within its province', () => {
    const session = new DocumentSession<{ returned: number; positions: readonly number[] }>(() => undefined);
    const folded = foldBatch(returnsByDay, session, 0, [returned(1, 'tn', '2026-03-02'), returned(2, 'tn', '2026-03-02'), returned(3, 'hn', '2026-03-02')]);
    expect(folded).toEqual({ checkpoint: 3 });
    expect(Object.fromEntries(session.take())).toEqual({
      'tn/day/2026-03-02': { returned: 2, positions: [1, 2] },
      'hn/day/2026-03-02': { returned: 1, positions: [3] },
    });
  });

  it("fails the province of an event that does not match its codec: its documents stay before it, its later events are skipped, the other province's are folded", () => {
    const session = new DocumentSession<{ returned: number; positions: readonly number[] }>(() => undefined);
    const folded = foldBatch(returnsByDay, session, 0, [
      returned(1, 'tn', '2026-03-02'),
      returned(2, 'tn', '2026-03-02', { timeliness: 'soon' }),
      returned(3, 'hn', '2026-03-02'),
      returned(4, 'tn', '2026-03-02'),
    ]);
    expect(folded.checkpoint).toBe(4);
    expect(folded.failures).toEqual([expect.objectContaining({ tenantId: 'tn', globalPosition: 2, streamId: 'dossier-tn:D-2', eventType: 'ResultReturned' })]);
    expect(folded.failure?.message).toMatch(/ResultReturned does not match its codec: .*timeliness/);
    expect(Object.fromEntries(session.take())).toEqual({
      'tn/day/2026-03-02': { returned: 1, positions: [1] },
      'hn/day/2026-03-02': { returned: 1, positions: [3] },
    });
  });

  it('skips the events of the provinces failed before the batch', () => {
    const session = new DocumentSession<{ returned: number; positions: readonly number[] }>(() => undefined);
    const earlier = { tenantId: 'tn', globalPosition: 1, streamId: 'dossier-tn:D-1', streamVersion: 1, eventType: 'ResultReturned', message: 'no' };
    const folded = foldBatch(returnsByDay, session, 1, [returned(2, 'tn', '2026-03-02'), returned(3, 'hn', '2026-03-02')], new Map([['tn', earlier]]));
    expect(folded).toEqual({ checkpoint: 3 });
    expect([...session.take().keys()]).toEqual(['hn/day/2026-03-02']);
  });
});
