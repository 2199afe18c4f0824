export type * from './types.js';
export {
  toVietnamDate,
  vietnamTimeOfDay,
  addCalendarDays,
  startOfVietnamDay,
  compareDates,
  dayOfWeek,
  FIRST_CALENDAR_YEAR,
  LAST_CALENDAR_YEAR,
  CALENDAR_DAYS,
} from './dates.js';
export { OutsideCalendar, outsideCalendarRefusal, withinCalendarDays } from './outside-calendar.js';
export { createVietnamCalendar, type VietnamCalendarConfig } from './vietnam-calendar.js';
export { createCalendarRegistry, builtInCalendars, calendarFor, calendarVersions, UnknownCalendarVersionError } from './registry.js';
export {
  decodeCivilServiceSchedule,
  decodeCalendarConfig,
  decodeCalendarVersion,
  CivilServiceScheduleCodec,
  CalendarConfigCodec,
  CalendarVersionCodec,
} from './codecs.js';
export { BUILT_IN_SCHEDULES, BUILT_IN_CALENDAR_DATA_VERSION } from './data/schedules-vn.js';
export { BUILT_IN_CALENDAR_VERSIONS } from './data/versions-vn.js';
export { statutoryHolidays } from './statutory-holidays.js';
