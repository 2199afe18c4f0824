import type { CivilServiceSchedule } from '../types.js';
import { BUILT_IN_CALENDAR_VERSIONS } from './versions-vn.js';

const current = BUILT_IN_CALENDAR_VERSIONS[BUILT_IN_CALENDAR_VERSIONS.length - 1];
if (current === undefined) throw new Error('calendar/data/versions-vn.ts lists no version');

/**
 * The current built-in data: the civil-service schedules of the latest published version, as
 * docs/domain/calendar.md §2 gives them, and its version string. Earlier versions stay in
 * `versions-vn.ts`; publish a change there as a new version, never by editing one.
 */
export const BUILT_IN_CALENDAR_DATA_VERSION: string = current.version;

export const BUILT_IN_SCHEDULES: readonly CivilServiceSchedule[] = current.schedules;
