import {
  createVietnamCalendar,
  defaultRuleBook,
  DEFAULT_LATE_ENTRY_AFTER_MS,
  DEFAULT_MAX_FUTURE_SKEW_MS,
  deskBusinessTime,
  fixedClock,
  isLeft,
  judgeBusinessTime,
  type LateEntry,
} from '@motcua/core';
import type { ExportLine } from './export-line.js';

/**
 * A hash chain rebuilt from the genesis hash proves only that the file is consistent with itself, so
 * an import also holds every event to what the desk would have written (ADR 0007, "Plausible as
 * evidence"; docs/record-as-evidence.md, "Plausible time"), with the desk's default calendar, rules
 * and business-time limits (those `createDesk` and `motcua serve` use):
 * - `recordedAt` is not after the importing machine's now plus the allowed clock skew;
 * - the desk's own business-time judgement (`judgeBusinessTime`), made as at `recordedAt`, accepts
 *   `occurredAt`: not after `recordedAt` plus the skew, never before the stream's previous event, on a
 *   day the calendar and rules cover;
 * - `lateEntry` is there exactly when the desk stamps one, with what the desk counts: judged again as
 *   at `recordedAt` minus the skew (the decision comes a moment before the store stamps `recordedAt`),
 *   the stamp lies between the two judgements;
 * - the event's own `data.occurredAt`, where it has one, is `metadata.occurredAt`.
 * Returns what is wrong with the line, or `undefined`; `previousOccurredAt` is the stream's previous
 * event's, as imported.
 */
export const evidenceChecker = (now: Date) => {
  const calendar = createVietnamCalendar();
  const rules = defaultRuleBook();
  const skew = DEFAULT_MAX_FUTURE_SKEW_MS;
  const judgeAt = (at: number, occurredAt: string, previousOccurredAt: string | undefined) =>
    judgeBusinessTime(deskBusinessTime(calendar, rules, fixedClock(new Date(at))), occurredAt, previousOccurredAt);

  return (line: ExportLine, previousOccurredAt: string | undefined): string | undefined => {
    const { occurredAt, recordedAt, lateEntry } = line.metadata as { occurredAt: string; recordedAt: string; lateEntry?: LateEntry };
    const recorded = Date.parse(recordedAt);
    if (recorded > now.getTime() + skew) return `recordedAt ${recordedAt} is later than now (${now.toISOString()}) plus the allowed clock skew of ${skew / 60_000} min`;
    const dataOccurredAt = (line.data as { occurredAt?: unknown } | null)?.occurredAt;
    if (dataOccurredAt !== undefined && dataOccurredAt !== occurredAt) {
      return `data.occurredAt ${String(dataOccurredAt)} is not metadata.occurredAt ${occurredAt}: the desk writes both from the same command`;
    }
    const atRecording = judgeAt(recorded, occurredAt, previousOccurredAt);
    if (isLeft(atRecording)) return `the desk would not have recorded it as at its recordedAt ${recordedAt}: ${atRecording.left.message}`;
    const before = judgeAt(recorded - skew, occurredAt, previousOccurredAt);
    const earliest = isLeft(before) ? undefined : before.right;
    return lateEntryProblem(lateEntry, earliest, atRecording.right, recordedAt, occurredAt);
  };
};

/** Whether `stamp` lies between the desk's late-entry stamps a moment before recording (`earliest`) and at recording (`latest`). */
const lateEntryProblem = (stamp: LateEntry | undefined, earliest: LateEntry | undefined, latest: LateEntry | undefined, recordedAt: string, occurredAt: string): string | undefined => {
  const lateAfter = `${DEFAULT_LATE_ENTRY_AFTER_MS / 3_600_000} h`;
  if (stamp === undefined) {
    return earliest === undefined ? undefined : `it has no lateEntry, but it was recorded at ${recordedAt}, more than ${lateAfter} after it happened (${occurredAt}): the desk stamps such an event late`;
  }
  if (latest === undefined) return `its lateEntry says it was entered late, but it was recorded at ${recordedAt}, within ${lateAfter} of when it happened (${occurredAt})`;
  const within = (key: keyof LateEntry) => stamp[key] >= (earliest?.[key] ?? 0) && stamp[key] <= latest[key];
  if (within('minutes') && within('workingDays')) return undefined;
  return `its lateEntry ${JSON.stringify(stamp)} is not what the desk counts from ${occurredAt} to its recordedAt ${recordedAt} (${JSON.stringify(latest)})`;
};
