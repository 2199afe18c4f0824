import type { NewEvent } from './envelope.js';

/** The event every store and engine test appends: `n` shows an event applied twice, skipped or moved. */
export const counted = (n: number, extra: Record<string, unknown> = {}): NewEvent => ({
  type: 'Counted',
  data: { n, ...extra },
  metadata: {
    occurredAt: '2026-03-02T09:00:00+07:00',
    actor: { id: 'officer-1', role: 'receptionist' },
    tenantId: 'province-01',
    correlationId: `corr-${n}`,
    causationId: `cause-${n}`,
  },
});
