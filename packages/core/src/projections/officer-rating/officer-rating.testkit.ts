import type { Desk } from '../../desk/index.js';
import { appoint, at, run, scriptDossier, scriptFeedback, scriptIncident } from '../conduct/read-models.testkit.js';

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
  await scriptFeedback(desk, { id: `PRAISE-${officerId}-${monday}`, kind: 'khen', receivedAt: at(next(10)), officerId, unitId: 'UNIT-A' });
};

export const recordEvaluation = (desk: Desk, officerId: string, period: string, occurredAt: string, rating: { level?: string; score?: number }) =>
  run(desk.officers.handle, { type: 'RecordEvaluation', data: { officerId, period, occurredAt, ...rating } });

export { appoint };
