import type { CivilServiceSchedule } from '../types.js';

/**
 * Civil-service schedules announced for each year, as docs/domain/calendar.md §2 gives them. Statutory holidays
 * (Labour Code Art.112) are not repeated here: a schedule lists only what it adds (bridges, swaps,
 * compensation) and the make-up Saturdays. Bump the version whenever a date changes, so replay can
 * tell which data a recorded due date was computed with.
 */
export const BUILT_IN_CALENDAR_DATA_VERSION = 'vn-2026.1';

export const BUILT_IN_SCHEDULES: readonly CivilServiceSchedule[] = [
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
];
