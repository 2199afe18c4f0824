import { describe, it, expect } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { commandHandler } from '../kernel/command-handler.js';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import { readDecodedStream } from '../kernel/read-decoded-stream.js';
import { DossierCommand } from './commands.js';
import { dossierStreamId } from './decider.js';
import { DossierEvent } from './events.js';
import { CODE, receive, restartDecider, transfer } from './dossier.testkit.js';

const context = { actor: { id: 'officer-7', role: 'receptionist' as const }, tenantId: 'province-01' };

describe('dossier decider behind the command handler', () => {
  const handlerOn = (store: InMemoryEventStore) =>
    commandHandler({
      store,
      decider: restartDecider,
      streamIdOf: (command, { tenantId }) => dossierStreamId(tenantId, command.data.dossierCode),
      commandCodec: DossierCommand,
      eventCodec: DossierEvent,
      occurredAtOf: (command) => command.data.occurredAt,
      ruleSetVersionOf: (_command, state, events) => state.ruleSetId ?? events.find((event) => event.type === 'DossierReceived')?.data.ruleSetId,
    });

  it('stores one stream per dossier code, with the rule set recorded in the metadata', async () => {
    const store = new InMemoryEventStore();
    const handle = handlerOn(store);
    expect(isRight(await handle(receive('2026-03-02T09:00'), context))).toBe(true);
    const transferred = await handle(transfer('2026-03-02T10:00'), context);
    expect(isRight(transferred) && transferred.right.state).toMatchObject({ status: 'IN_PROCESSING', dueDate: '2026-03-09' });
    const { events } = await readDecodedStream(store, `dossier-province-01:${CODE}`, DossierEvent);
    expect(events.map((event) => [event.type, event.metadata.ruleSetVersion])).toEqual([
      ['DossierReceived', 'decree-118-2025-amended-2026'],
      ['DossierTransferred', 'decree-118-2025-amended-2026'],
    ]);
  });

  it('turns a rejection into a value and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const result = await handlerOn(store)(transfer('2026-03-02T10:00'), context);
    expect(isLeft(result) && result.left.code).toBe('DOSSIER_NOT_RECEIVED');
    expect((await store.readStream(dossierStreamId(context.tenantId, CODE))).streamExists).toBe(false);
  });
});
