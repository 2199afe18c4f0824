import type { t } from '../fp.js';
import { breachCodec, breachList } from '../rules/breach.js';
import { OfficerErrorCode } from './errors.js';
import type { OfficerEvent } from './events.js';

/** The officer rules a recorded decision may break (ADR 0010); other refusals stay refusals. */

/** A secondment term outside 6–24 months at a ministry, province or district desk: days from start to end, both counted. */
export const SecondmentTermBreach = breachCodec(OfficerErrorCode.SecondmentTermOutOfRange, ['termDays', 'shortestDays', 'longestDays']);
/** A discipline decided after the limitation period ran out: how many days after its last day. */
export const DisciplineTimeBarredBreach = breachCodec(OfficerErrorCode.DisciplineTimeBarred, ['daysPastLimitation', 'limitationYears']);

/**
 * A four-level rating above the highest level the Decree 90/2020 criteria leave open: the officer was
 * disciplined within the period. Levels as ranks: 0 not completed, 1 completed, 2 good, 3 excellent.
 */
export const EvaluationAboveCriteriaBreach = breachCodec(OfficerErrorCode.EvaluationAboveCriteria, ['disciplinesInPeriod', 'levelRank', 'highestRank']);

export const AssignmentBreaches = breachList([SecondmentTermBreach]);
export const DisciplineBreaches = breachList([DisciplineTimeBarredBreach]);
export const EvaluationBreaches = breachList([EvaluationAboveCriteriaBreach]);

export type SecondmentTermBreach = t.TypeOf<typeof SecondmentTermBreach>;
export type DisciplineTimeBarredBreach = t.TypeOf<typeof DisciplineTimeBarredBreach>;
export type EvaluationAboveCriteriaBreach = t.TypeOf<typeof EvaluationAboveCriteriaBreach>;

/** The officer events that may carry `breaches`. */
export const OFFICER_EVENTS_WITH_BREACHES = ['OfficerAppointed', 'OfficerReassigned', 'EvaluationRecorded', 'EvaluationCorrected', 'DisciplineRecorded'] as const satisfies readonly OfficerEvent['type'][];
