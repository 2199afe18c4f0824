import { createDesk } from '../../../desk/index.js';
import type { Desk } from '../../../desk/index.js';
import { isLeft } from '../../../fp.js';
import type { NewEvent, RecordedEvent } from '../../../kernel/envelope.js';
import type { EventStore } from '../../../kernel/event-store.js';
import { InMemoryEventStore } from '../../../kernel/in-memory-event-store.js';
import { mergeLogs, streamIdInProvince } from '../dossier-support/dossier-events.testkit.js';

/**
 * Events for the conduct and officer rating read models' tests, made by the real deciders through a
 * desk on an in-memory store, and the logs the laws run over (interleavings, a second province).
 * Officers and units are taken as named: what read models count does not depend on the registry's checks.
 */
export const newDesk = (): Desk => createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });

/** The province the events are recorded for: read-model keys start with it. */
export const TENANT = 'thai-nguyen';

const context = { actor: { id: 'unit-head-1', role: 'unit-head' as const }, tenantId: TENANT };

type AnyHandler = (command: unknown, ctx: typeof context) => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right' }>;

export const run = async (handle: AnyHandler, command: unknown): Promise<void> => {
  const result = await handle(command, context);
  if (result._tag === 'Left') throw new Error(`${(command as { type: string }).type} refused: ${JSON.stringify(result.left)}`);
};

/** `2026-03-02`, `09:00` → `2026-03-02T09:00:00+07:00`. */
export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

export interface IncidentScript {
  readonly id: string;
  readonly officerId?: string;
  readonly unitId?: string;
  readonly category?: string;
  readonly source?: string;
  readonly reportedAt: string;
  readonly severity?: 'minor' | 'serious' | 'very-serious';
  readonly acknowledgedAt?: string;
  readonly investigatedAt?: string;
  readonly concludedAt?: string;
  readonly outcome?: 'substantiated' | 'unfounded' | 'false-accusation';
  readonly closedAt?: string;
}

export const scriptIncident = async (desk: Desk, s: IncidentScript): Promise<void> => {
  const handle = desk.incidents.handle;
  const incidentId = s.id;
  await run(handle, {
    type: 'ReportIncident',
    data: {
      incidentId,
      source: s.source ?? 'camera',
      category: s.category ?? 'C01',
      officerId: s.officerId ?? 'OF-1',
      unitId: s.unitId ?? 'UNIT-A',
      description: 'Raised voice at the counter.',
      occurredAt: s.reportedAt,
    },
  });
  if (s.acknowledgedAt === undefined) return;
  await run(handle, { type: 'AcknowledgeIncident', data: { incidentId, severity: s.severity ?? 'minor', occurredAt: s.acknowledgedAt } });
  if (s.investigatedAt === undefined) return;
  await run(handle, { type: 'StartInvestigation', data: { incidentId, occurredAt: s.investigatedAt } });
  if (s.concludedAt === undefined) return;
  await run(handle, { type: 'ConcludeIncident', data: { incidentId, outcome: s.outcome ?? 'substantiated', occurredAt: s.concludedAt } });
  if (s.closedAt === undefined) return;
  await run(handle, { type: 'CloseIncident', data: { incidentId, occurredAt: s.closedAt } });
};

export interface FeedbackScript {
  readonly id: string;
  readonly kind?: 'phan-anh' | 'kien-nghi' | 'khieu-nai' | 'to-cao' | 'gop-y' | 'khen';
  readonly receivedAt: string;
  readonly officerId?: string;
  readonly unitId?: string;
  readonly answeredAt?: string;
  readonly forwardedAt?: string;
  readonly onTheSpot?: boolean;
}

export const scriptFeedback = async (desk: Desk, s: FeedbackScript): Promise<void> => {
  const handle = desk.feedback.handle;
  const feedbackId = s.id;
  await run(handle, {
    type: 'ReceiveFeedback',
    data: {
      feedbackId,
      channel: 'online',
      kind: s.kind ?? 'phan-anh',
      summary: 'Feedback on the desk.',
      occurredAt: s.receivedAt,
      ...(s.officerId === undefined ? {} : { officerId: s.officerId }),
      ...(s.unitId === undefined ? {} : { unitId: s.unitId }),
    },
  });
  if (s.onTheSpot === true) await run(handle, { type: 'AnswerOnTheSpot', data: { feedbackId, occurredAt: s.receivedAt } });
  if (s.forwardedAt !== undefined) {
    await run(handle, { type: 'RecordAndForward', data: { feedbackId, toBody: 'Department of Justice', occurredAt: s.forwardedAt } });
  }
  if (s.answeredAt !== undefined) await run(handle, { type: 'AnswerFeedback', data: { feedbackId, occurredAt: s.answeredAt } });
};

/** Every event of the log, in global order. */
export const readAllEvents = async (store: EventStore): Promise<readonly RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 500 });
    events.push(...(page.events as RecordedEvent[]));
    after = page.nextPosition;
    if (page.isEnd || page.events.length === 0) return events;
  }
};

/** The same events as new appends (positions are the store's to give). */
export const asNew = (event: RecordedEvent): NewEvent => {
  const { eventId: _id, streamId: _s, streamVersion: _v, globalPosition: _g, recordedAt: _r, ...context } = event.metadata;
  return { type: event.type, data: event.data, metadata: context };
};

/** Appends per-stream event lists in the order `picks` draws streams, each stream keeping its own order. */
export const interleave = async (streams: ReadonlyMap<string, readonly RecordedEvent[]>, picks: readonly number[]) => {
  const store = new InMemoryEventStore();
  const queues = [...streams.entries()].map(([id, events]) => ({ id, events: [...events] }));
  let pick = 0;
  for (;;) {
    const open = queues.filter((q) => q.events.length > 0);
    if (open.length === 0) break;
    const queue = open[(picks[pick++ % Math.max(1, picks.length)] ?? 0) % open.length]!;
    const result = await store.appendToStream(queue.id, [asNew(queue.events.shift()!)]);
    if (isLeft(result)) throw new Error(`append to ${queue.id} refused`);
  }
  return readAllEvents(store);
};

export const byStream = (events: readonly RecordedEvent[]): ReadonlyMap<string, readonly RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.metadata.streamId, [...(streams.get(event.metadata.streamId) ?? []), event]);
  return streams;
};

/** A second province for laws over two: it uses the same unit, officer and dossier codes as the first. */
export const OTHER_PROVINCE = 'bac-kan';

/** The same event recorded for `tenantId`, on that province's stream of the same id. */
export const inProvince = (event: RecordedEvent, tenantId: string): RecordedEvent => ({
  ...event,
  metadata: { ...event.metadata, tenantId, streamId: streamIdInProvince(event.metadata.streamId, tenantId) },
});

/** Logs of two provinces merged, and streams moved to another province, as the dossier testkit makes them. */
export { mergeLogs, streamIdInProvince };

/** A small desk history across the 2025/2026 rule sets: incidents at every stage, feedback of every kind. */
export const buildConductLog = async (): Promise<readonly RecordedEvent[]> => {
  const desk = newDesk();
  const officers = ['OF-1', 'OF-2', 'OF-3'];
  const units = ['UNIT-A', 'UNIT-B'];
  const categories = ['C01', 'C03', 'C08', 'C99'];
  const sources = ['camera', 'hotline', 'surprise-inspection'];
  const days = ['2025-09-08', '2025-12-15', '2026-01-05', '2026-03-02'];
  for (let i = 0; i < 8; i++) {
    const day = days[i % days.length]!;
    const stage = i % 5;
    await scriptIncident(desk, {
      id: `INC-${i}`,
      officerId: officers[i % 3]!,
      unitId: units[i % 2]!,
      category: categories[i % 4]!,
      source: sources[i % 3]!,
      reportedAt: at(day, '10:00'),
      severity: (['minor', 'serious', 'very-serious'] as const)[i % 3]!,
      ...(stage >= 1 ? { acknowledgedAt: at(day, '15:00') } : {}),
      ...(stage >= 2 ? { investigatedAt: at(day, '16:00') } : {}),
      ...(stage >= 3 ? { concludedAt: at(day, '17:00'), outcome: i % 2 === 0 ? 'substantiated' : 'unfounded' } : {}),
      ...(stage >= 4 ? { closedAt: at(day, '17:30') } : {}),
    });
  }
  const kinds = ['phan-anh', 'kien-nghi', 'khieu-nai', 'to-cao', 'gop-y', 'khen'] as const;
  for (let i = 0; i < 12; i++) {
    const day = days[i % days.length]!;
    const kind = kinds[i % kinds.length]!;
    const handling = i % 4;
    await scriptFeedback(desk, {
      id: `FB-${i}`,
      kind,
      receivedAt: at(day, '08:30'),
      officerId: officers[i % 3]!,
      ...(i % 5 === 4 ? {} : { unitId: units[i % 2]! }),
      ...(kind === 'khen' ? {} : handling === 0 ? { onTheSpot: true } : {}),
      ...(kind === 'khen' ? {} : handling === 1 ? { answeredAt: at(day, '11:00') } : {}),
      ...(kind === 'khen' ? {} : handling === 2 ? { forwardedAt: at(day, '11:00') } : {}),
    });
  }
  await scriptFeedback(desk, { id: 'FB-late', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-20') });
  return readAllEvents(desk.store);
};

/**
 * The conduct log with rule breaches recorded on officer decisions (ADR 0010): secondments of 3 months
 * (Art.11 asks 6 to 24) recorded by a sync, on days of both rule sets.
 */
export const buildRegisterLog = async (): Promise<readonly RecordedEvent[]> => {
  const desk = newDesk();
  const sync = { actor: { id: 'sync-1', role: 'system' as const }, tenantId: TENANT, mode: 'record' as const };
  const appointments = [
    { officerId: 'OF-1', effectiveDate: '2025-07-01', termEndDate: '2025-09-30', occurredAt: at('2025-06-25') },
    { officerId: 'OF-2', effectiveDate: '2026-03-02', termEndDate: '2026-06-01', occurredAt: at('2026-03-02') },
    { officerId: 'OF-3', effectiveDate: '2026-03-02', termEndDate: '2027-03-01', occurredAt: at('2026-03-02') },
  ];
  for (const data of appointments) {
    const result = await desk.officers.handle(
      {
        type: 'AppointOfficer',
        data: { unitId: 'UNIT-A', deskLevel: 'province', role: 'receiving-officer', fields: ['Business'], legalStatus: 'civil-servant', secondingAgencyId: 'DEPT-PLANNING', ...data },
      },
      sync,
    );
    if (result._tag === 'Left') throw new Error(`appointment refused: ${JSON.stringify(result.left)}`);
  }
  // Two discipline cases declared complex (docs/domain/conduct-catalogue.md §3): one in time, one synced after its 90 days, with its breach.
  for (const [id, declaredOn] of [['INC-C1', '2026-05-20'], ['INC-C2', '2026-06-17']] as const) {
    await scriptIncident(desk, { id, officerId: 'OF-3', reportedAt: at('2026-03-02'), acknowledgedAt: at('2026-03-03'), investigatedAt: at('2026-03-04'), concludedAt: at('2026-03-13') });
    await run(desk.incidents.handle as AnyHandler, { type: 'ProposeDiscipline', data: { incidentId: id, form: 'warning', occurredAt: at('2026-03-16') } });
    const declared = await desk.incidents.handle(
      { type: 'DeclareDisciplineCaseComplex', data: { incidentId: id, declaredBy: 'director-1', reason: 'Records to verify.', occurredAt: at(declaredOn) } },
      sync,
    );
    if (declared._tag === 'Left') throw new Error(`declaration refused: ${JSON.stringify(declared.left)}`);
  }
  const conduct = await buildConductLog();
  const officers = await readAllEvents(desk.store);
  // One log: the officers' and the complex cases' streams first, then the conduct log, renumbered.
  return [...officers, ...conduct].map((event, i) => ({ ...event, metadata: { ...event.metadata, globalPosition: i + 1 } }));
};
