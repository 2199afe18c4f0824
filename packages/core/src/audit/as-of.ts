import { CALENDAR_DAYS, vietnamDayAndTime } from '../calendar/dates.js';
import { left, right, type Either } from '../fp.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { EventStore } from '../kernel/event-store.js';
import { lastProvinceEventAtOrBefore } from './province-event.js';
import type { AsOf, Verdict } from './verdict.js';

/**
 * As of any moment (docs/audit.md, "Verdicts"). Two questions, two cuts of the log:
 * - **by global position** `P`: what the log knew when it stood at `P`. An event recorded after `P`,
 *   late entries included, was not known then and is left out, whatever its `occurredAt`.
 * - **by business time** `T`: what happened by `T`, as the log knows it now. An event whose
 *   `occurredAt` is at or before `T` is kept even when it was recorded later (a late entry); the verdict
 *   says so, since nobody could have seen it at `T`.
 * Open deadlines are judged at an instant: `T` itself, or with a position the `judgedAt` given
 * (`resolveAsOf` takes the moment the province's own log reached `P`).
 */

export type PositionAsOf = Extract<AsOf, { readonly globalPosition: number }>;
export type BusinessTimeAsOf = Extract<AsOf, { readonly businessTime: string }>;

export const isPositionAsOf = (asOf: AsOf): asOf is PositionAsOf => 'globalPosition' in asOf;

const instantMs = (instant: string): number => Date.parse(instant);

/** Whether `event` belongs to the log as of `asOf`: known by the position, or happened by the instant. */
export const isWithin = (event: RecordedEvent, asOf: AsOf): boolean =>
  isPositionAsOf(asOf) ? event.metadata.globalPosition <= asOf.globalPosition : instantMs(event.metadata.occurredAt) <= instantMs(asOf.businessTime);

/** The events of the log as of `asOf` (all of them without one), in the order given. */
export const cutAsOf = (events: readonly RecordedEvent[], asOf: AsOf | undefined): readonly RecordedEvent[] =>
  asOf === undefined ? events : events.filter((event) => isWithin(event, asOf));

/** Whether `event` was recorded after `instant`: with a business-time cut, a fact nobody could see at `T`. */
export const recordedAfter = (event: RecordedEvent, instant: string): boolean => instantMs(event.metadata.recordedAt) > instantMs(instant);

/**
 * The instant open deadlines are judged at: the business time asked, the `judgedAt` of a position, or
 * else the latest `occurredAt` of the events (the record as it stands at its last fact).
 */
export const judgingInstant = (asOf: AsOf | undefined, events: readonly RecordedEvent[]): string | undefined => {
  if (asOf !== undefined && !isPositionAsOf(asOf)) return asOf.businessTime;
  if (asOf?.judgedAt !== undefined) return asOf.judgedAt;
  return events.reduce<string | undefined>(
    (latest, event) => (latest === undefined || instantMs(event.metadata.occurredAt) > instantMs(latest) ? event.metadata.occurredAt : latest),
    undefined,
  );
};

/** A verdict's `asOf`: the last event taken into account, and the instant asked for or judged at. */
export const verdictAsOf = (asOf: AsOf | undefined, events: readonly RecordedEvent[]): Verdict['asOf'] => {
  const globalPosition = events.reduce((last, event) => Math.max(last, event.metadata.globalPosition), 0);
  if (asOf === undefined) return { globalPosition };
  if (!isPositionAsOf(asOf)) return { globalPosition, businessTime: asOf.businessTime };
  return asOf.judgedAt === undefined ? { globalPosition } : { globalPosition, judgedAt: asOf.judgedAt };
};

/** The `AsOf` that recomputes a verdict from its own events (what an audit bundle's verifier passes to `compute`). */
export const asOfOfVerdict = (verdict: Pick<Verdict, 'asOf'>): AsOf => {
  const { globalPosition, businessTime, judgedAt } = verdict.asOf;
  if (businessTime !== undefined) return { businessTime };
  return judgedAt === undefined ? { globalPosition } : { globalPosition, judgedAt };
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `YYYY-MM-DD…` names a real calendar day (`Date.parse` rolls 30 February over to March). */
const isRealDay = (text: string): boolean => {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * `--as-of` as a user writes it: a global position (`1200`), an instant with its offset
 * (`2026-03-09T17:00:00+07:00`), or a day (`2026-03-09`: the end of that day in Vietnam, 23:59:59.999+07:00),
 * up to the working-day calendar's last day (`LAST_CALENDAR_YEAR`).
 */
export const parseAsOf = (text: string): Either<string, AsOf> => {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const globalPosition = Number(value);
    return Number.isSafeInteger(globalPosition) ? right({ globalPosition }) : left(`global position ${value} is too large`);
  }
  const instant = DATE.test(value) ? `${value}T23:59:59.999+07:00` : value;
  if (!INSTANT.test(instant) || !isRealDay(instant) || Number.isNaN(instantMs(instant))) {
    return left(`as of "${text}": give a global position (e.g. 1200), a day (2026-03-09) or an instant with its offset (2026-03-09T17:00:00+07:00)`);
  }
  // Open deadlines are judged on the day of the moment: a day the working-day calendar does not compute cannot be judged.
  if (vietnamDayAndTime(instant).dayNumber > CALENDAR_DAYS.lastDayNumber) {
    return left(`as of "${text}": after ${CALENDAR_DAYS.last}, the last day of the working-day calendar; give a moment up to then`);
  }
  return right({ businessTime: instant });
};

/**
 * Fills in what the store knows of province `tenantId`, and of it alone (a province is a wall:
 * docs/audit.md, "As of any moment"). A position without `judgedAt` is judged at the moment the
 * province's log reached it: the `recordedAt` of the province's last event at or before it; before the
 * province's first event (or at 0) its log was empty, and the position is judged `now`. A position past
 * the province's last event is refused, naming that event's position as the head. What other provinces
 * hold changes none of these answers. No `AsOf` at all means the whole log, judged `now`.
 */
export const resolveAsOf = async (store: Pick<EventStore, 'readAll' | 'headPosition'>, tenantId: string, asOf: AsOf | undefined, now: () => Date): Promise<Either<string, AsOf>> => {
  if (asOf !== undefined && !isPositionAsOf(asOf)) return right(asOf);
  if (asOf?.judgedAt !== undefined) return right(asOf);
  const head = await headPosition(store);
  // The whole log: the cut keeps every event of the province, and its position is shown nowhere.
  if (asOf === undefined) return right({ globalPosition: head, judgedAt: now().toISOString() });
  const provinceHead = (await lastProvinceEventAtOrBefore(store, tenantId, head))?.metadata.globalPosition ?? 0;
  if (asOf.globalPosition > provinceHead) {
    return left(`global position ${asOf.globalPosition} is past the last event of province ${tenantId} (head ${provinceHead})`);
  }
  const reached = await lastProvinceEventAtOrBefore(store, tenantId, asOf.globalPosition);
  return right({ globalPosition: asOf.globalPosition, judgedAt: reached?.metadata.recordedAt ?? now().toISOString() });
};

const headPosition = async (store: Pick<EventStore, 'readAll' | 'headPosition'>): Promise<number> => {
  if (store.headPosition !== undefined) return store.headPosition();
  let head = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    const last = page.events[page.events.length - 1];
    if (last !== undefined) head = last.metadata.globalPosition;
    if (page.isEnd || page.events.length === 0) return head;
    after = page.nextPosition;
  }
};
