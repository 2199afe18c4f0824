import type { Desk } from '../../../desk/index.js';
import { SAMPLE_PROCEDURES } from '../../../rules/index.js';
import { at, run } from '../conduct-support/conduct.testkit.js';

/**
 * Events for the officer rating tests, made by the real deciders through a desk on an in-memory store
 * (the conduct testkit's desk, province, logs and interleavings).
 */
export { at, byStream, inProvince, interleave, mergeLogs, newDesk, OTHER_PROVINCE, readAllEvents, run, TENANT } from '../conduct-support/conduct.testkit.js';

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
  /** Decided and ready at the desk at this instant, before the return (`returnedAt`). */
  readonly readyAt?: string;
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
    await run(handle, { type: 'CompleteProcessing', data: { dossierCode, occurredAt: s.readyAt ?? s.returnedAt, officerId, decision: 'approved' } });
    if (s.readyAt !== undefined) await run(handle, { type: 'RecordResultReady', data: { dossierCode, occurredAt: s.readyAt, officerId } });
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

export const appoint = async (
  desk: Desk,
  officerId: string,
  unitId: string,
  effectiveDate = '2024-01-02',
  secondingAgencyId = 'DEPT-PLANNING',
  legalStatus: 'civil-servant' | 'public-employee' = 'civil-servant',
): Promise<void> =>
  run(desk.officers.handle, {
    type: 'AppointOfficer',
    data: {
      officerId,
      unitId,
      deskLevel: 'province',
      role: 'receiving-officer',
      fields: ['Business'],
      effectiveDate,
      legalStatus,
      secondingAgencyId,
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
