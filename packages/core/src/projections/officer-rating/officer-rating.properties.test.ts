import { beforeAll, describe } from 'vitest';
import { addCalendarDays } from '../../calendar/index.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { readModelLaws } from '../conduct/read-model-laws.testkit.js';
import { at, newDesk, run, scriptDossier } from '../conduct/read-models.testkit.js';
import { readAllEvents } from '../conduct/event-log.testkit.js';
import { createOfficerRatingReadModel } from './explain.js';
import { officerRatingProjection } from './officer-rating.js';
import { appoint, dossierCode, recordEvaluation, workedExample } from './officer-rating.testkit.js';

/** Officers in two units over 2025 and 2026, one reassigned, with dossiers, ratings, incidents, praise and evaluations. */
const buildLog = async (): Promise<readonly RecordedEvent[]> => {
  const desk = newDesk();
  const officers = ['OF-1', 'OF-2', 'OF-3', 'OF-4'];
  for (const [i, officerId] of officers.entries()) await appoint(desk, officerId, i < 2 ? 'UNIT-A' : 'UNIT-B');
  await workedExample(desk, 'OF-1', '2025-03-03', (d) => addCalendarDays('2025-03-03', d));
  await workedExample(desk, 'OF-3', '2026-03-02', (d) => addCalendarDays('2026-03-02', d));
  for (const [i, officerId] of officers.entries()) {
    await scriptDossier(desk, {
      code: dossierCode('2026-01-05'),
      officerId,
      processedBy: officers[(i + 1) % officers.length]!,
      receivedAt: at('2026-01-05'),
      returnedAt: at(i % 2 === 0 ? '2026-01-07' : '2026-01-14'),
      rating: { at: at('2026-01-15'), ...(i % 2 === 0 ? { attitude: 2 as const } : { sipasOfficers: 3 }) },
    });
  }
  await run(desk.officers.handle, {
    type: 'ReassignOfficer',
    data: { officerId: 'OF-2', unitId: 'UNIT-B', deskLevel: 'province', role: 'processing-officer', fields: ['Business'], effectiveDate: '2026-02-02', occurredAt: at('2026-02-02') },
  });
  await recordEvaluation(desk, 'OF-1', '2025', at('2026-01-10'), { level: 'good' });
  await recordEvaluation(desk, 'OF-3', '2026-Q1', at('2026-04-02'), { score: 74 });
  return readAllEvents(desk.store);
};

let log: readonly RecordedEvent[] = [];
beforeAll(async () => {
  log = await buildLog();
});

describe('officer rating laws', () => readModelLaws(officerRatingProjection, createOfficerRatingReadModel(), () => log));
