import type { RecordedEvent } from '../../kernel/envelope.js';
import { at, newDesk, scriptFeedback, scriptIncident } from './read-models.testkit.js';
import { readAllEvents } from './event-log.testkit.js';

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
