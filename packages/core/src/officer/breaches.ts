import type { t } from '../fp.js';
import { breachCodec, breachList } from '../rules/breach.js';
import { OfficerErrorCode } from './errors.js';
import type { OfficerEvent } from './events.js';

/** The officer rules a recorded decision may break (ADR 0010); other refusals stay refusals. */

/** A secondment term outside 6–24 months at a ministry, province or district desk: days from start to end, both counted. */
export const SecondmentTermBreach = breachCodec(OfficerErrorCode.SecondmentTermOutOfRange, ['termDays', 'shortestDays', 'longestDays']);
/** A discipline decided after the limitation period ran out: how many days after its last day. */
export const DisciplineTimeBarredBreach = breachCodec(OfficerErrorCode.DisciplineTimeBarred, ['daysPastLimitation', 'limitationYears']);

export const AssignmentBreaches = breachList([SecondmentTermBreach]);
export const DisciplineBreaches = breachList([DisciplineTimeBarredBreach]);

export type SecondmentTermBreach = t.TypeOf<typeof SecondmentTermBreach>;
export type DisciplineTimeBarredBreach = t.TypeOf<typeof DisciplineTimeBarredBreach>;

/** The officer events that may carry `breaches`. */
export const OFFICER_EVENTS_WITH_BREACHES = ['OfficerAppointed', 'OfficerReassigned', 'DisciplineRecorded'] as const satisfies readonly OfficerEvent['type'][];
