import { createVietnamCalendar } from '../../calendar/index.js';
import { createDesk } from '../../desk/create-desk.js';
import { staffUnit } from '../../desk/organisation.testkit.js';
import { isLeft } from '../../fp.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { computeEventHash, GENESIS_HASH, type HashChainRow } from '../../kernel/hash-chain.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { fixedClock, sequentialIds } from '../../kernel/ports.js';
import { defaultRuleBook } from '../../rules/index.js';
import type { Verdict, VerdictDefinition } from '../verdict.js';

/**
 * A verdict kind for tests of the bundle, independent of the real kinds: the subject is a stream id
 * and the outcome counts its events by type. It rests on every event it is given.
 */
export const streamCountDefinition: VerdictDefinition<{ readonly events: number; readonly types: Readonly<Record<string, number>> }> = {
  kind: 'dossier',
  compute: (events, { tenantId, subject }) => {
    const mine = events.filter((e) => e.metadata.streamId === subject && e.metadata.tenantId === tenantId);
    const types: Record<string, number> = {};
    for (const event of mine) types[event.type] = (types[event.type] ?? 0) + 1;
    const positions = mine.map((e) => e.metadata.globalPosition);
    return {
      kind: 'dossier',
      tenantId,
      subject,
      asOf: { globalPosition: positions.at(-1) ?? 0 },
      outcome: { events: mine.length, types },
      steps: [{ id: 'count', finding: `${mine.length} events in ${subject}`, events: positions, values: { events: mine.length } }],
      ruleSetVersions: [...new Set(mine.flatMap((e) => (e.metadata.ruleSetVersion === undefined ? [] : [e.metadata.ruleSetVersion])))],
      calendarVersions: [],
      events: positions,
    };
  },
};

export const testDeps = () => ({ rules: defaultRuleBook(), calendar: createVietnamCalendar() });

const tenant = (tenantId: string) => ({ actor: { id: 'officer-lan', role: 'receptionist' as const }, tenantId });

const receive = (code: string, occurredAt: string) => ({
  type: 'ReceiveDossier',
  data: {
    dossierCode: code, occurredAt, receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.000894', channel: 'counter',
    applicantId: 'subject-1', priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
  },
});

/** The rows a store would hold: the JSON texts without the positions, hashed into one chain. */
export const chainOf = (events: readonly RecordedEvent[]): HashChainRow[] => {
  let previousHash = GENESIS_HASH;
  return events.map((event) => {
    const { streamId, streamVersion, globalPosition, ...stored } = event.metadata;
    const input = { globalPosition, streamId, streamVersion, type: event.type, dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(stored) };
    const hash = computeEventHash(previousHash, input);
    const row = { ...input, previousHash, hash };
    previousHash = hash;
    return row;
  });
};

/** A small log of two provinces, their units and officers, and dossiers received and transferred in each. */
export const auditLog = async () => {
  const store = new InMemoryEventStore({ clock: fixedClock('2026-03-02T03:00:00Z'), ids: sequentialIds('evt') });
  const desk = createDesk({ store });
  const dossierStreams: string[] = [];
  for (const tenantId of ['thai-nguyen', 'bac-ninh']) {
    await staffUnit(desk, tenantId, { unit: 'tn-phuc-vu-hcc', officers: ['officer-lan'] });
    for (const [i, code] of ['000.00.15.H55-260302-0001', '000.00.15.H55-260302-0002'].entries()) {
      const received = await desk.dossiers.handle(receive(code, `2026-03-02T0${8 + i}:00:00+07:00`), tenant(tenantId));
      if (isLeft(received)) throw new Error(received.left.message);
      const transfer = { type: 'TransferDossier', data: { dossierCode: code, occurredAt: '2026-03-03T08:00:00+07:00', officerId: 'officer-lan' } };
      const transferred = await desk.dossiers.handle(transfer, tenant(tenantId));
      if (isLeft(transferred)) throw new Error(transferred.left.message);
      dossierStreams.push(desk.dossiers.streamId(tenantId, code));
    }
  }
  const { events } = await store.readAll({ maxCount: 10_000 });
  return { events, rows: chainOf(events), dossierStreams };
};

/** The verdict of the test kind over a stream, as the store's events give it. */
export const countVerdict = (events: readonly RecordedEvent[], tenantId: string, streamId: string): Verdict =>
  streamCountDefinition.compute(events.filter((e) => e.metadata.streamId === streamId), { tenantId, subject: streamId }, testDeps());
