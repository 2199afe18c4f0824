import { builtInCalendars } from '../../../calendar/registry.js';
import type { WorkingDayCalendar } from '../../../calendar/types.js';
import { recomputeDossierDates, type RecomputedDate } from '../../../dossier/due-date.js';
import type { DossierEvent } from '../../../dossier/events.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { VerdictDeps, VerdictStep } from '../../verdict.js';
import { SOURCES } from './sources.js';

/**
 * The calendar of a version an event records: the one given when it is that version, else the
 * built-in published one; a version this motcua does not hold is recomputed with the one given, and
 * the finding says so.
 */
const calendarsFor = (given: WorkingDayCalendar, unknown: Set<string>) => ({
  calendarFor: (version: string): WorkingDayCalendar => {
    if (version === given.version) return given;
    const builtIn = builtInCalendars();
    if (builtIn.has(version)) return builtIn.calendarFor(version);
    unknown.add(version);
    return given;
  },
});

const describe = (row: RecomputedDate, events: readonly RecordedEvent[]): string =>
  `${row.type} #${events[row.index]?.metadata.globalPosition ?? '?'} ${row.field} recorded ${row.recorded}, recomputed ${row.recomputed}`;

/**
 * The dates fixed at receipt and at each forwarding, recomputed with the calendar version and the rule
 * set their events record (`recomputeDossierDates`), and again with the calendar given when it is
 * another version (what-if): each difference is named; the recorded dates stay the ones judged.
 */
export const recomputedDatesStep = (own: readonly RecordedEvent[], deps: VerdictDeps, ruleSetId: string): VerdictStep | undefined => {
  const dossierEvents = own as readonly RecordedEvent<DossierEvent>[];
  if (!dossierEvents.some((event) => event.type === 'DossierReceived')) return undefined;
  const unknown = new Set<string>();
  let rows: RecomputedDate[];
  try {
    rows = recomputeDossierDates({ calendars: calendarsFor(deps.calendar, unknown), rules: deps.rules }, dossierEvents);
  } catch (error) {
    return {
      id: 'dates-recomputed',
      finding: `The recorded dates could not be recomputed: ${error instanceof Error ? error.message : String(error)}; the recorded dates are the ones judged.`,
      rule: { ruleSetId, field: 'calendarVersion', source: SOURCES.calendarOnEvent },
      events: [],
      values: { recomputed: false },
    };
  }
  const recordedVersions = [...new Set(rows.map((row) => row.calendarVersion))];
  const differing = rows.filter((row) => row.recorded !== row.recomputed);
  const whatIf = recordedVersions.some((version) => version !== deps.calendar.version)
    ? recomputeDossierDates({ calendars: { calendarFor: () => deps.calendar }, rules: deps.rules }, dossierEvents).filter((row) => row.recorded !== row.recomputed)
    : [];
  const positions = [...new Set(rows.map((row) => dossierEvents[row.index]!.metadata.globalPosition))];
  const finding =
    `Recomputed with the calendar version${recordedVersions.length === 1 ? '' : 's'} the events record (${recordedVersions.join(', ')}) and rule set ${ruleSetId}, ` +
    (differing.length === 0
      ? `the ${rows.length} recorded dates (processing start and due date at receipt${rows.length > 2 ? ", each forwarding's start and due date" : ''}) are the same.`
      : `${differing.length} date(s) differ: ${differing.map((row) => describe(row, dossierEvents)).join('; ')}. The recorded dates are the ones judged.`) +
    (unknown.size === 0 ? '' : ` Calendar version(s) ${[...unknown].join(', ')} are not held by this motcua: recomputed with ${deps.calendar.version} instead.`) +
    (whatIf.length === 0
      ? ''
      : ` With calendar ${deps.calendar.version} instead they would be: ${whatIf.map((row) => describe(row, dossierEvents)).join('; ')}.`);
  return {
    id: 'dates-recomputed',
    finding,
    rule: { ruleSetId, field: 'calendarVersion', source: SOURCES.calendarOnEvent },
    events: positions,
    values: {
      recomputed: true,
      dates: rows.length,
      differing: differing.length,
      calendarVersions: recordedVersions.join(','),
      ...(whatIf.length === 0 ? {} : { differingUnderGivenCalendar: whatIf.length }),
    },
  };
};
