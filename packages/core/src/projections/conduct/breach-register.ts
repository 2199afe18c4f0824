import { toVietnamDate } from '../../calendar/index.js';
import { DOSSIER_EVENTS_WITH_BREACHES } from '../../dossier/breaches.js';
import { isLeft, t } from '../../fp.js';
import { OFFICER_EVENTS_WITH_BREACHES } from '../../officer/breaches.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { AnyRuleBreach, type RuleBreach } from '../../rules/breach.js';
import type { Explanation } from '../../read-side/explain/index.js';
import { conductKindOfBreach } from './breach-kinds.js';
import { conductKey } from './keys.js';
import { inPeriod, listedPeriodsOf, type ReportingPeriod } from './periods.js';
import { distinct, eventRefs, refOf, type Ref } from './refs.js';

/**
 * Breaches recorded on facts that already happened (ADR 0010), kept in the incident register beside
 * the incidents: one entry per event that carries any, keyed by its global position.
 */
export interface BreachEntry {
  readonly ref: Ref;
  /** The Vietnamese day the fact happened. */
  readonly day: string;
  /** The officer the fact names, when it names one. */
  readonly officerId?: string;
  readonly breaches: readonly RuleBreach[];
}

/** The event types that may carry breaches. */
export const BREACH_EVENT_TYPES: readonly string[] = [...DOSSIER_EVENTS_WITH_BREACHES, ...OFFICER_EVENTS_WITH_BREACHES];

/** The measure of breach figures: `incident-register/<period>/<dimension>/<value>/breaches`. */
export const BREACH_MEASURE = 'breaches';
/** `category` is the conduct catalogue's kind the breach maps to; `rule` its code. */
export const BREACH_DIMENSIONS = ['total', 'category', 'officer', 'rule'] as const;
export type BreachDimension = (typeof BREACH_DIMENSIONS)[number];

const Breaches = t.array(AnyRuleBreach);

/** The entry for an event, or `undefined` when it carries no breach; throws, naming the field, on a malformed one. */
export const breachEntryOf = (recorded: RecordedEvent): BreachEntry | undefined => {
  const data = recorded.data as Record<string, unknown>;
  if (data['breaches'] === undefined) return undefined;
  const where = `${recorded.type} at global position ${recorded.metadata.globalPosition}`;
  const decoded = Breaches.decode(data['breaches']);
  if (isLeft(decoded)) throw new Error(`${where}: breaches must be a list of rule breaches (rule, ruleSetId, article, measured)`);
  const occurredAt = data['occurredAt'];
  if (typeof occurredAt !== 'string') throw new Error(`${where}: occurredAt must be an instant`);
  const officerId = data['officerId'];
  return {
    ref: refOf(recorded),
    day: toVietnamDate(occurredAt),
    ...(typeof officerId === 'string' ? { officerId } : {}),
    breaches: decoded.right,
  };
};

const valueOf = (entry: BreachEntry, breach: RuleBreach, dimension: BreachDimension): string | undefined => {
  switch (dimension) {
    case 'total':
      return 'all';
    case 'category':
      return conductKindOfBreach(breach.rule);
    case 'officer':
      return entry.officerId;
    case 'rule':
      return breach.rule;
  }
};

export interface CountedBreach {
  readonly entry: BreachEntry;
  readonly breach: RuleBreach;
}

/** The breaches a figure counts, in log order. */
export const selectBreaches = (
  entries: Readonly<Record<string, BreachEntry>>,
  period: ReportingPeriod,
  dimension: BreachDimension,
  value: string,
): readonly CountedBreach[] => {
  const counted: CountedBreach[] = [];
  for (const entry of Object.values(entries)) {
    if (!inPeriod(entry.day, period)) continue;
    for (const breach of entry.breaches) if (valueOf(entry, breach, dimension) === value) counted.push({ entry, breach });
  }
  return counted.sort((a, b) => a.entry.ref[0] - b.entry.ref[0]);
};

/** Every breach figure the entries give, in the register's key format. */
export const breachKeys = (model: string, entries: Readonly<Record<string, BreachEntry>>): readonly string[] => {
  const keys = new Set<string>();
  for (const entry of Object.values(entries)) {
    for (const breach of entry.breaches) {
      for (const period of listedPeriodsOf(entry.day)) {
        for (const dimension of BREACH_DIMENSIONS) {
          const value = valueOf(entry, breach, dimension);
          if (value !== undefined) keys.add(conductKey(model, { period, dimension, value, measure: BREACH_MEASURE }));
        }
      }
    }
  }
  return [...keys];
};

/** One breach figure: the count, the events carrying the breaches, and each breach as recorded. */
export const explainBreaches = (
  model: string,
  key: string,
  entries: Readonly<Record<string, BreachEntry>>,
  selection: { readonly period: ReportingPeriod; readonly dimension: string; readonly value: string },
): Explanation | undefined => {
  const dimension = selection.dimension as BreachDimension;
  if (!BREACH_DIMENSIONS.includes(dimension) || (dimension === 'total' && selection.value !== 'all')) return undefined;
  const counted = selectBreaches(entries, selection.period, dimension, selection.value);
  const positions = counted.map((c) => c.entry.ref[0]);
  const refs = eventRefs(counted.map((c) => c.entry.ref));
  const refAt = new Map(refs.map((ref) => [ref.globalPosition, ref]));
  return {
    readModel: model,
    key,
    value: counted.length,
    ruleSetVersions: distinct(counted.map((c) => c.breach.ruleSetId)),
    contributions: refs,
    steps: [{ label: 'rule breaches recorded (the events carrying them, by global position)', op: 'count', inputs: positions, result: counted.length }],
    breaches: counted.map(({ entry, breach }) => {
      const kind = conductKindOfBreach(breach.rule);
      return { ...breach, event: refAt.get(entry.ref[0])!, ...(kind === undefined ? {} : { kind }) };
    }),
  };
};
