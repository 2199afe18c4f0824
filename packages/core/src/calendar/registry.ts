import { isLeft } from '../fp.js';
import type { CalendarRegistry, CalendarVersionData, WorkingDayCalendar } from './types.js';
import { decodeCalendarVersion } from './codecs.js';
import { BUILT_IN_CALENDAR_VERSIONS } from './data/versions-vn.js';
import { calendarFromData } from './vietnam-calendar.js';

/** An event names a calendar version the registry does not hold: a deployment bug, not a user error. */
export class UnknownCalendarVersionError extends Error {
  constructor(
    readonly version: string,
    readonly known: readonly string[],
  ) {
    super(
      `calendar version ${JSON.stringify(version)} is not registered (known: ${known.join(', ') || 'none'}); ` +
        'register the data it was published with to recompute dates recorded under it',
    );
    this.name = 'UnknownCalendarVersionError';
  }
}

/**
 * A registry of published calendar versions (docs/domain/calendar.md §4). Its input is the embedder's
 * own data, so anything wrong with it throws at once: every version must decode, version strings are
 * unique, and effective dates strictly increase in the order given (the last one is `current`).
 * Each calendar is built on its first use and kept.
 */
export const createCalendarRegistry = (versions: readonly CalendarVersionData[] = BUILT_IN_CALENDAR_VERSIONS): CalendarRegistry => {
  if (versions.length === 0) throw new Error('a calendar registry needs at least one version');
  versions.forEach((data, index) => {
    const decoded = decodeCalendarVersion(data);
    if (isLeft(decoded)) throw new Error(`calendar version ${data.version ?? index} is invalid: ${decoded.left.message}`);
    const before = versions[index - 1];
    if (versions.slice(0, index).some((v) => v.version === data.version)) {
      throw new Error(`calendar version ${data.version} is listed twice`);
    }
    if (before && !(before.effectiveFrom < data.effectiveFrom)) {
      throw new Error(`calendar version ${data.version} (from ${data.effectiveFrom}) must start after ${before.version} (from ${before.effectiveFrom})`);
    }
  });
  const byVersion = new Map(versions.map((data) => [data.version, data]));
  const built = new Map<string, WorkingDayCalendar>();
  const calendarFor = (version: string): WorkingDayCalendar => {
    const known = built.get(version);
    if (known) return known;
    const data = byVersion.get(version);
    if (!data) throw new UnknownCalendarVersionError(version, [...byVersion.keys()]);
    const calendar = calendarFromData(data.version, data.schedules, data.extraDaysOff);
    built.set(version, calendar);
    return calendar;
  };
  // Every version is built now, so a schedule clashing with a statutory holiday fails here.
  for (const data of versions) calendarFor(data.version);
  return {
    calendarFor,
    has: (version) => byVersion.has(version),
    calendarVersions: () => versions,
    current: calendarFor((versions[versions.length - 1] as CalendarVersionData).version),
  };
};

let builtIn: CalendarRegistry | undefined;

/** The built-in calendar versions (immutable, so built once). */
export const builtInCalendars = (): CalendarRegistry => (builtIn ??= createCalendarRegistry(BUILT_IN_CALENDAR_VERSIONS));

/** The built-in calendar of a published version, as recorded on an event's `calendarVersion`. */
export const calendarFor = (version: string): WorkingDayCalendar => builtInCalendars().calendarFor(version);

/** The built-in published calendar versions, oldest first. */
export const calendarVersions = (): readonly CalendarVersionData[] => builtInCalendars().calendarVersions();
