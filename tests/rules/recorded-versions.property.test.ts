import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  DossierEvent} from '@motcua/core';
import {
  BUILT_IN_CALENDAR_VERSIONS,
  createCalendarRegistry,
  createDesk,
  createReadModels,
  createVietnamCalendar,
  defaultRuleBook,
  fixedClock,
  InMemoryEventStore,
  readFigure,
  recomputeDossierDates,
  type CalendarVersionData,
  type RecordedEvent,
} from '@motcua/core';
import { readModelOver } from '../../packages/core/src/read-side/read-model.testkit.js';
import { DEMO_TENANT, seedDemoProvince } from '../../packages/cli/src/seed/index.js';

/**
 * Issue-independent law of docs/domain/rules-in-time.md: a figure rests on the events and the rule-set
 * and calendar versions recorded on them, never on the data published since. A demo province is
 * seeded (through the deciders, across the 2026 change of rule set for some starts); then a calendar
 * correction is published that closes the desks on a working day inside the log. Replaying the log
 * with the versions its events record gives the dates they recorded, and every read model's figures
 * stay what they were.
 */
const latest = BUILT_IN_CALENDAR_VERSIONS[BUILT_IN_CALENDAR_VERSIONS.length - 1] as CalendarVersionData;
const correction = (day: string): CalendarVersionData => ({
  ...latest,
  version: `${latest.version}-closure-${day}`,
  effectiveFrom: '2099-01-01',
  source: 'a later correction: a provincial closure on a day already past',
  extraDaysOff: [...(latest.extraDaysOff ?? []), { date: day, reason: 'provincial closure announced afterwards' }],
});

const seeded = async (seed: number, startDate: string): Promise<readonly RecordedEvent[]> => {
  const store = new InMemoryEventStore();
  const clock = fixedClock(new Date(`${startDate}T01:00:00Z`));
  const desk = createDesk({ store, clock });
  await seedDemoProvince(desk, { seed, months: 1, startDate, clock, dossiersPerDay: 2 });
  return (await store.readAll({ maxCount: 1_000_000 })).events;
};

describe('figures rest on the versions recorded on their events', () => {
  it('a calendar correction published later changes no recorded date and no figure', async () => {
    const rules = defaultRuleBook();
    const calendar = createVietnamCalendar();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom('2025-12-01', '2026-03-02'),
        fc.integer({ min: 3, max: 12 }),
        async (seed, startDate, offset) => {
          const log = await seeded(seed, startDate);
          const closure = calendar.addWorkingDays(startDate, offset);
          const calendars = createCalendarRegistry([...BUILT_IN_CALENDAR_VERSIONS, correction(closure)]);
          expect(calendars.current.isWorkingDay(closure)).toBe(false);

          // Replayed with the versions each event records, every dossier's dates are the ones recorded.
          const byStream = new Map<string, DossierEvent[]>();
          for (const event of log) {
            if (!event.metadata.streamId.startsWith('dossier-')) continue;
            const list = byStream.get(event.metadata.streamId) ?? [];
            list.push({ type: event.type, data: event.data } as DossierEvent);
            byStream.set(event.metadata.streamId, list);
          }
          expect(byStream.size).toBeGreaterThan(0);
          for (const [stream, events] of byStream) {
            const differing = recomputeDossierDates({ calendars, rules }, events).filter((date) => date.recorded !== date.recomputed);
            expect(differing, stream).toEqual([]);
          }

          // Every read model's figures, with today's calendar and with the corrected one as the current calendar.
          const before = createReadModels({ calendar, rules });
          const after = createReadModels({ calendar: calendars.current, rules });
          for (const [index, readModel] of before.all.entries()) {
            const corrected = after.all[index]!;
            const was = readModelOver(readModel, log);
            const now = readModelOver(corrected, log);
            const keys = await was.keys(`${DEMO_TENANT}/`, 1000);
            expect(await now.keys(`${DEMO_TENANT}/`, 1000), readModel.name).toEqual(keys);
            for (const key of keys) {
              expect(await readFigure(corrected, now.documents, key), key).toEqual(await readFigure(readModel, was.documents, key));
            }
          }
        },
      ),
      { numRuns: 3 },
    );
  }, 300_000);
});
