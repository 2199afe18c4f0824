import type { RecordedEvent } from '../../kernel/envelope.js';
import { AnyRuleBreach, type RuleBreach } from '../../rules/breach.js';
import { isPositionAsOf, recordedAfter } from '../as-of.js';
import type { AsOf, VerdictStep } from '../verdict.js';

/**
 * What every verdict says of its evidence, whatever its kind: facts entered late (metadata.lateEntry,
 * docs/record-as-evidence.md) or after the business instant asked, and rule breaches recorded on facts
 * (ADR 0010).
 */

const positions = (events: readonly RecordedEvent[]): number[] => events.map((event) => event.metadata.globalPosition);

/** Facts entered late, and with a business-time cut, facts recorded after the instant asked (not known then). */
export const lateEntryStep = (events: readonly RecordedEvent[], asOf: AsOf | undefined): VerdictStep | undefined => {
  const late = events.filter((event) => event.metadata.lateEntry !== undefined);
  const afterInstant = asOf === undefined || isPositionAsOf(asOf) ? [] : events.filter((event) => recordedAfter(event, asOf.businessTime));
  if (late.length === 0 && afterInstant.length === 0) return undefined;
  const lines = late.map(
    (event) =>
      `${event.type} of ${event.metadata.occurredAt} was entered ${event.metadata.recordedAt}, ${event.metadata.lateEntry?.workingDays ?? 0} working day(s) late`,
  );
  const unknown =
    afterInstant.length === 0 || asOf === undefined || isPositionAsOf(asOf)
      ? ''
      : ` ${afterInstant.length} fact(s) happened by ${asOf.businessTime} but were recorded after it, so nobody could see them then: ${afterInstant.map((e) => `#${e.metadata.globalPosition} ${e.type}`).join(', ')}.`;
  return {
    id: 'late-entries',
    finding: `${late.length === 0 ? 'No fact was entered late.' : `${lines.join('; ')}.`}${unknown}`,
    events: positions([...new Set([...late, ...afterInstant])].sort((a, b) => a.metadata.globalPosition - b.metadata.globalPosition)),
    values: {
      lateEntries: late.length,
      maxWorkingDaysLate: late.reduce((max, event) => Math.max(max, event.metadata.lateEntry?.workingDays ?? 0), 0),
      recordedAfterAsOf: afterInstant.length,
    },
  };
};

/** The breaches a fact was recorded with (an absent or unreadable list is none). */
export const breachesOf = (event: RecordedEvent): readonly RuleBreach[] => {
  const data = event.data as { readonly breaches?: unknown };
  if (!Array.isArray(data.breaches)) return [];
  return data.breaches.filter((breach): breach is RuleBreach => AnyRuleBreach.is(breach));
};

/** Rule breaches recorded on the facts (the subject's own, and those of a dossier it names). */
export const breachStep = (events: readonly RecordedEvent[]): VerdictStep | undefined => {
  const carrying = events.filter((event) => breachesOf(event).length > 0);
  if (carrying.length === 0) return undefined;
  const described = carrying.flatMap((event) =>
    breachesOf(event).map(
      (breach) =>
        `${event.type} of ${event.metadata.occurredAt} (${event.metadata.streamId}) was recorded breaking ${breach.rule} (${breach.article}, ${breach.ruleSetId}: ${Object.entries(breach.measured)
          .map(([name, value]) => `${name} ${value}`)
          .join(', ')})`,
    ),
  );
  return {
    id: 'recorded-breaches',
    finding: `${described.join('; ')}.`,
    events: positions(carrying),
    values: { breaches: carrying.reduce((n, event) => n + breachesOf(event).length, 0), rules: [...new Set(carrying.flatMap((e) => breachesOf(e).map((b) => b.rule)))].join(',') },
  };
};

/** Versions in order of first use. */
export const inOrderOfUse = (versions: readonly (string | undefined)[]): readonly string[] => [
  ...new Set(versions.filter((version): version is string => version !== undefined)),
];
