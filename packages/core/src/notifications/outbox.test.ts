import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { lifeCycleWalk, replayWalk } from '../dossier/life-cycle-walk.testkit.js';
import { DocumentSession, foldBatch } from '../read-side/engine/fold.js';
import { notificationOutboxProjection, outboxMessageKey, type OutboxDocument } from './outbox.js';

test.prop([lifeCycleWalk], { numRuns: 300 })(
  'a message follows every event that changes the decider\'s status, or its due date by an apology, and no other; it names the status the decider reached',
  (intents) => {
    const session = new DocumentSession<OutboxDocument>(() => undefined);
    replayWalk(intents, ({ event, before, after: state }) => {
      const version = event.metadata.globalPosition;
      const folded = foldBatch(notificationOutboxProjection, session, version - 1, [event]);
      expect(folded.failure).toBeUndefined();
      const message = session.get(outboxMessageKey('hcm', version));
      const told = before.status !== state.status || event.type === 'ApologyIssued';
      expect(message !== undefined).toBe(told);
      if (message?.kind !== 'message') return;
      expect(message).toMatchObject({ id: `msg_e-${version}`, position: version, eventType: event.type, tenantId: 'hcm' });
      expect(message.type).toBe(before.status !== state.status ? 'dossier.status-changed' : 'dossier.due-date-changed');
      expect(message.data.status).toBe(state.status);
      expect(message.data.dueDate).toBe(state.dueDate);
      expect(message.data.previousStatus).toBe(before.status === 'NOT_STARTED' ? undefined : before.status);
    });
  },
);
