import { isLeft } from '../../../fp.js';
import { createDesk, type Desk } from '../../../desk/index.js';
import type { NewEvent, RecordedEvent } from '../../../kernel/envelope.js';
import type { EventStore } from '../../../kernel/event-store.js';
import { InMemoryEventStore } from '../../../kernel/in-memory-event-store.js';
import { parseProvinceStreamId, provinceStreamId, upgradedStreamId } from '../../../kernel/tenant.js';
import { SAMPLE_PROCEDURES } from '../../../rules/index.js';

/**
 * Events for the officer rating tests, made by the real deciders through a desk on an in-memory store.
 * Officers and units are taken as named: what the read model counts does not depend on the registry's checks.
 */
export const newDesk = (): Desk => createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });

/** The province the events are recorded for: figure keys start with it. */
export const TENANT = 'thai-nguyen';
/** A second province using the same unit, officer and dossier codes. */
export const OTHER_PROVINCE = 'bac-kan';

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
  readonly officerId: string;
  readonly category: string;
  readonly reportedAt: string;
  readonly severity: 'minor' | 'serious' | 'very-serious';
  readonly acknowledgedAt: string;
  readonly investigatedAt: string;
  readonly concludedAt: string;
  readonly outcome: 'substantiated' | 'unfounded' | 'false-accusation';
}

export const scriptIncident = async (desk: Desk, s: IncidentScript): Promise<void> => {
  const handle = desk.incidents.handle;
  const incidentId = s.id;
  await run(handle, {
    type: 'ReportIncident',
    data: { incidentId, source: 'camera', category: s.category, officerId: s.officerId, unitId: 'UNIT-A', description: 'Raised voice at the counter.', occurredAt: s.reportedAt },
  });
  await run(handle, { type: 'AcknowledgeIncident', data: { incidentId, severity: s.severity, occurredAt: s.acknowledgedAt } });
  await run(handle, { type: 'StartInvestigation', data: { incidentId, occurredAt: s.investigatedAt } });
  await run(handle, { type: 'ConcludeIncident', data: { incidentId, outcome: s.outcome, occurredAt: s.concludedAt } });
};

export const praise = (desk: Desk, s: { readonly id: string; readonly receivedAt: string; readonly officerId: string; readonly unitId: string }) =>
  run(desk.feedback.handle, {
    type: 'ReceiveFeedback',
    data: { feedbackId: s.id, channel: 'online', kind: 'khen', summary: 'Feedback on the desk.', occurredAt: s.receivedAt, officerId: s.officerId, unitId: s.unitId },
  });

/** Business registration (1.001612): 3 working days, checkable by hand. */
const PROCEDURE = SAMPLE_PROCEDURES.find((p) => p.code === '1.001612')!;

export interface DossierScript {
  readonly code: string;
  readonly officerId: string;
  readonly processedBy?: string;
  readonly receivedAt: string;
  readonly returnedAt?: string;
  readonly rating?: { readonly at: string; readonly sipasOfficers?: number; readonly attitude?: 0 | 1 | 2 };
}

export const scriptDossier = async (desk: Desk, s: DossierScript): Promise<void> => {
  const handle = desk.dossiers.handle;
  const dossierCode = s.code;
  await run(handle, {
    type: 'ReceiveDossier',
    data: {
      dossierCode,
      occurredAt: s.receivedAt,
      receivingUnitId: 'UNIT-A',
      procedureCode: PROCEDURE.code,
      channel: 'counter',
      applicantId: 'SUBJ-1',
      priorityGroup: 'none',
      documents: [...PROCEDURE.requiredDocuments],
      feeDong: PROCEDURE.feeDong,
      officerId: s.officerId,
    },
  });
  if (s.returnedAt !== undefined) {
    const officerId = s.processedBy ?? s.officerId;
    await run(handle, { type: 'TransferDossier', data: { dossierCode, occurredAt: s.receivedAt, officerId: s.officerId } });
    await run(handle, { type: 'CompleteProcessing', data: { dossierCode, occurredAt: s.returnedAt, officerId, decision: 'approved' } });
    await run(handle, { type: 'ReturnResult', data: { dossierCode, occurredAt: s.returnedAt, officerId: s.officerId, via: 'counter' } });
  }
  if (s.rating !== undefined) {
    const { sipasOfficers, attitude } = s.rating;
    await run(handle, {
      type: 'RateDossier',
      data: {
        dossierCode,
        occurredAt: s.rating.at,
        channel: 'counter-device',
        ...(sipasOfficers === undefined ? {} : { sipas: { officers: sipasOfficers } }),
        ...(attitude === undefined ? { circular01: { '1': 2 } } : { circular01: { '7': attitude } }),
      },
    });
  }
};

export const appoint = async (desk: Desk, officerId: string, unitId: string, effectiveDate = '2024-01-02'): Promise<void> =>
  run(desk.officers.handle, {
    type: 'AppointOfficer',
    data: {
      officerId,
      unitId,
      deskLevel: 'province',
      role: 'receiving-officer',
      fields: ['Business'],
      effectiveDate,
      legalStatus: 'civil-servant',
      secondingAgencyId: 'DEPT-PLANNING',
      occurredAt: at(effectiveDate),
    },
  });

export const recordEvaluation = (desk: Desk, officerId: string, period: string, occurredAt: string, rating: { level?: string; score?: number }) =>
  run(desk.officers.handle, { type: 'RecordEvaluation', data: { officerId, period, occurredAt, ...rating } });

let sequence = 0;
/** A fresh dossier code received on `day` (the code's date part is only a shape here). */
export const dossierCode = (day: string): string => `000.00.15.H12-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(++sequence).padStart(4, '0')}`;

/**
 * The worked example: one officer's quarter starting on `monday` (a Monday with three working days
 * after it). Three dossiers received that Monday (due Thursday): returned Wednesday, Thursday and the
 * next Tuesday (late); rated 5, 4 and 2 for officers (two satisfied); one substantiated C01 incident,
 * minor; one praise.
 */
export const workedExample = async (desk: Desk, officerId: string, monday: string, next: (days: number) => string): Promise<void> => {
  const returns: [string, number][] = [[next(2), 5], [next(3), 4], [next(8), 2]];
  for (const [returned, sipasOfficers] of returns) {
    await scriptDossier(desk, {
      code: dossierCode(monday),
      officerId,
      receivedAt: at(monday),
      returnedAt: at(returned, '10:00'),
      rating: { at: at(returned, '10:05'), sipasOfficers },
    });
  }
  await scriptIncident(desk, {
    id: `INC-${officerId}-${monday}`,
    officerId,
    category: 'C01',
    reportedAt: at(next(7)),
    acknowledgedAt: at(next(7), '11:00'),
    severity: 'minor',
    investigatedAt: at(next(8)),
    concludedAt: at(next(9)),
    outcome: 'substantiated',
  });
  await praise(desk, { id: `PRAISE-${officerId}-${monday}`, receivedAt: at(next(10)), officerId, unitId: 'UNIT-A' });
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
const asNew = (event: RecordedEvent): NewEvent => {
  const { eventId: _id, streamId: _s, streamVersion: _v, globalPosition: _g, recordedAt: _r, ...context } = event.metadata;
  return { type: event.type, data: event.data, metadata: context };
};

export const byStream = (events: readonly RecordedEvent[]): ReadonlyMap<string, readonly RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.metadata.streamId, [...(streams.get(event.metadata.streamId) ?? []), event]);
  return streams;
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

/** The same event recorded for `tenantId`, on that province's stream of the same id. */
export const inProvince = (event: RecordedEvent, tenantId: string): RecordedEvent => {
  const { streamId } = event.metadata;
  const parsed = parseProvinceStreamId(streamId);
  const moved = parsed === undefined ? upgradedStreamId(streamId, tenantId) : provinceStreamId(parsed.kind, tenantId, parsed.id);
  if (moved === undefined) throw new Error(`cannot move stream ${streamId} to province ${tenantId}`);
  return { ...event, metadata: { ...event.metadata, tenantId, streamId: moved } };
};

/** Two logs merged in the order `picks` draws them (each keeps its own order), renumbered as one log's positions. */
export const mergeLogs = (a: readonly RecordedEvent[], b: readonly RecordedEvent[], picks: readonly number[]): RecordedEvent[] => {
  const merged: RecordedEvent[] = [];
  let i = 0;
  let j = 0;
  let p = 0;
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && (picks[p++ % Math.max(1, picks.length)] ?? 0) % 2 === 0);
    const event = fromA ? a[i++]! : b[j++]!;
    merged.push({ ...event, metadata: { ...event.metadata, globalPosition: merged.length + 1 } });
  }
  return merged;
};
