import { createDesk } from '../../desk/index.js';
import type { Desk } from '../../desk/index.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { SAMPLE_PROCEDURES } from '../../rules/index.js';

/**
 * Events for read-model tests, made by the real deciders through a desk on an in-memory store. Officers
 * and units are taken as named: what read models count does not depend on the registry's checks.
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
