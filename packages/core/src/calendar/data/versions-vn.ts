import type { CalendarVersionData } from '../types.js';

/**
 * Every published version of the built-in calendar data, oldest first, each as it stood when it was
 * published (docs/domain/calendar.md §4). Events record the version their dates were computed with
 * (`calendarVersion`), and `calendarFor(version)` rebuilds the calendar from that version's entry.
 *
 * A published entry is never edited: a correction or a newly announced schedule is a new entry with
 * a new version string, copying the previous schedules and changing what changed. The statutory
 * holidays of Labour Code 2019 Art.112 and the Art.111(3) compensation are derived in code for every
 * version; a schedule lists only what it adds (bridges, swaps, compensation) and make-up Saturdays.
 */
export const VN_2026_1: CalendarVersionData = {
  version: 'vn-2026.1',
  effectiveFrom: '2026-11-23',
  source: 'First published calendar data: schedules for 2025 and 2026; other years derived from the Labour Code 2019',
  schedules: [
    {
      year: 2025,
      source: 'Civil-service holiday schedule 2025 (Ministry of Home Affairs notices; dates computed ✔, swaps to confirm)',
      nationalDayAdjacentDay: '2025-09-01',
      daysOff: [
        {
          date: '2025-01-27',
          kind: 'compensatory-day-off',
          reason: 'Tết: compensation for the Tết day on Sat 2025-02-01, taken before Giao thừa (to confirm)',
        },
        { date: '2025-05-02', reason: 'swapped with make-up Sat 2025-04-26' },
      ],
      makeUpWorkingDays: [{ date: '2025-04-26', reason: 'make-up for Fri 2025-05-02' }],
    },
    {
      year: 2026,
      source: 'Cần Thơ Notice 109/TB-UBND (2025) for Tết and 2 September ✔; Hùng Kings compensation computed (Art.111(3))',
      nationalDayAdjacentDay: '2026-09-01',
      daysOff: [
        {
          date: '2026-04-27',
          kind: 'compensatory-day-off',
          reason: 'compensation for Giỗ tổ Hùng Vương on Sun 2026-04-26',
        },
        { date: '2026-08-31', reason: 'swapped with make-up Sat 2026-08-22' },
      ],
      makeUpWorkingDays: [{ date: '2026-08-22', reason: 'make-up for Mon 2026-08-31' }],
    },
  ],
};

/** The built-in versions, oldest first; the last one is the current calendar. */
export const BUILT_IN_CALENDAR_VERSIONS: readonly CalendarVersionData[] = [VN_2026_1];
