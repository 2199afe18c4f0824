/** The pages of docs/domain each step of a dossier verdict cites. */
export const SOURCES = {
  lifecycle: 'docs/domain/dossier-lifecycle.md §1',
  clock: 'docs/domain/dossier-lifecycle.md §2',
  resultReady: 'docs/domain/dossier-lifecycle.md §4',
  apology: 'docs/domain/dossier-lifecycle.md §5',
  dueDate: 'docs/domain/dossier-lifecycle.md §6',
  ruleSetAtReceipt: 'docs/domain/rules-in-time.md §1',
  calendarOnEvent: 'docs/domain/rules-in-time.md §4',
  calendarVersions: 'docs/domain/calendar.md §4',
  periods: 'docs/domain/calendar.md §3',
} as const;

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
