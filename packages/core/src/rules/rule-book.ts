import { isLeft } from '../fp.js';
import { addCalendarDays, toVietnamDate } from '../calendar/dates.js';
import { isValidLocalDate } from '../kernel/primitives.js';
import type { ProcedureVersion, RuleBook, RuleSet } from './types.js';
import { decodeProcedureCatalogue, decodeRuleSet } from './codecs.js';
import { BUILT_IN_RULE_SETS } from './data/built-in-rule-sets.js';
import { SAMPLE_PROCEDURES } from './data/sample-procedures.js';
import { describeRuleDays, NoRuleSetInForce, ruleDaysOf } from './rules-in-force.js';

/**
 * The business day an instant falls on in Vietnam: rule sets and procedure versions start at local
 * midnight, so 2025-06-30T17:30:00Z is already 1 July. A bare date is taken as that day.
 */
const vietnamDayOf = (instant: string): string => {
  if (instant.length !== 10) return toVietnamDate(instant);
  if (!isValidLocalDate(instant)) throw new RangeError(`not an instant or a date: ${JSON.stringify(instant)}`);
  return instant;
};

const covers = (range: { effectiveFrom: string; effectiveTo?: string }, day: string): boolean =>
  range.effectiveFrom <= day && (range.effectiveTo === undefined || day <= range.effectiveTo);

/**
 * Builds a rule book. Its input is the embedder's own configuration, so anything wrong with it is a
 * bug and throws at once: rule sets must decode, have unique ids and follow one another day after day
 * with neither overlap nor gap (only the last may be open-ended). Data from outside goes through
 * `decodeRuleSet` / `decodeProcedureCatalogue` first.
 */
export const createRuleBook = (ruleSets: readonly RuleSet[], procedures: readonly ProcedureVersion[] = []): RuleBook => {
  for (const set of ruleSets) {
    const decoded = decodeRuleSet(set);
    if (isLeft(decoded)) throw new Error(`rule set ${set.id ?? '?'} is invalid: ${decoded.left.message}`);
  }
  if (ruleSets.length === 0) throw new Error('a rule book needs at least one rule set');
  const ids = new Set<string>();
  for (const set of ruleSets) {
    if (ids.has(set.id)) throw new Error(`rule set id ${set.id} is used twice`);
    ids.add(set.id);
  }
  const ordered = [...ruleSets].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  ordered.forEach((set, i) => {
    const next = ordered[i + 1];
    if (!next) return;
    if (set.effectiveTo === undefined) throw new Error(`rule set ${set.id} is open-ended but ${next.id} follows it`);
    if (next.effectiveFrom !== addCalendarDays(set.effectiveTo, 1)) {
      throw new Error(`rule set ${next.id} must start the day after ${set.id} ends (${set.effectiveTo}), not ${next.effectiveFrom}`);
    }
  });

  const catalogue = decodeProcedureCatalogue(procedures);
  if (isLeft(catalogue)) throw new Error(`procedure catalogue is invalid: ${catalogue.left.message}`);
  const byCode = new Map<string, ProcedureVersion[]>();
  for (const version of procedures) byCode.set(version.code, [...(byCode.get(version.code) ?? []), version]);

  const first = ordered[0] as RuleSet;
  const covered = ruleDaysOf({ ruleSets: ordered });
  return {
    ruleSets: ordered,
    procedures,
    byId: (id) => ordered.find((set) => set.id === id),
    inForceAt: (instant) => {
      const day = vietnamDayOf(instant);
      const set = ordered.find((candidate) => covers(candidate, day));
      // Nothing to fall back on outside the sets: a decision then is a configuration bug, a figure then does not exist.
      if (!set) throw new NoRuleSetInForce(day, covered, `no rule set in force on ${day} (${instant}); the rules cover the days ${describeRuleDays(covered)}, the earliest set, ${first.id}, starts ${first.effectiveFrom}`);
      return set;
    },
    procedureAt: (code, instant) => {
      const day = vietnamDayOf(instant);
      return byCode.get(code)?.find((version) => covers(version, day));
    },
  };
};

let defaultBook: RuleBook | undefined;

/** The built-in rule sets with the sample procedure catalogue (immutable, so built once). */
export const defaultRuleBook = (): RuleBook => (defaultBook ??= createRuleBook(BUILT_IN_RULE_SETS, SAMPLE_PROCEDURES));
