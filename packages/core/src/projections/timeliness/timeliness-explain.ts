import type { RuleBook } from '../../rules/types.js';
import { countStep, explanation, inGlobalOrder, percentSteps, ruleSetsInOrder } from '../../read-side/explain/build.js';
import type { ArithmeticStep, ExplainableReadModel, Explanation } from '../../read-side/explain/explanation.js';
import { inPeriod, parseScopedKey, scopedKey } from '../dossier-facts/keys.js';
import { GRAINS, lastDayOf } from '../dossier-facts/periods.js';
import { dossiersIn } from '../dossier-facts/day-index.js';
import { rowScopes } from '../dossier-facts/rows.js';
import { refsOf } from '../dossier-facts/refs.js';
import { tripsOf, type DossierFacts, type DossierReadModelsState } from '../dossier-facts/state.js';
import {
  apologyInTime,
  dimensionIdOf,
  T,
  TIMELINESS_DIMENSIONS,
  TIMELINESS_METRICS,
  timelinessFigures,
  type TimelinessMetric,
} from './timeliness.js';

export const TIMELINESS = 'timeliness';
const METRICS = Object.keys(TIMELINESS_METRICS) as TimelinessMetric[];

/** What each counter of a row counts, for one dossier. */
const HOLDS: Readonly<Record<number, (f: DossierFacts) => boolean>> = {
  [T.resolved]: () => true,
  [T.early]: (f) => f.timeliness === 'early',
  [T.onDay]: (f) => f.timeliness === 'on-time',
  [T.late]: (f) => f.timeliness === 'late',
  [T.lateAgainstOriginal]: (f) => f.timelinessAgainstOriginal === 'late',
  [T.threeOrMoreTrips]: (f) => tripsOf(f) >= 3,
  [T.apologies]: (f) => f.apology !== undefined,
  [T.apologiesInTime]: (f) => apologyInTime(f),
  [T.lateWithTimelyApology]: (f) => f.timelinessAgainstOriginal === 'late' && apologyInTime(f),
};
const NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(T).map(([name, index]) => [index, name]));

const refTypes = (metric: TimelinessMetric): string[] | undefined =>
  metric === 'threeOrMoreTripsShare'
    ? undefined
    : ['DossierReceived', 'ProcessingCompleted', 'ApologyIssued', 'ResultReturned'];

/** Keys: `timeliness/<province|unit|procedure|officer>/<id>/<day|month|quarter|year>/<period>/<metric>`. */
export const createTimelinessReadModel = (rules: RuleBook): ExplainableReadModel<DossierReadModelsState> => {
  const explain = (state: DossierReadModelsState, key: string): Explanation | undefined => {
    const parsed = parseScopedKey(key, 'timeliness', TIMELINESS_DIMENSIONS, METRICS);
    if (parsed === undefined) return undefined;
    const { dimension, id, grain, period, metric } = parsed;
    const ruleSet = rules.inForceAt(lastDayOf(grain, period));
    const figures = timelinessFigures(state, dimension, id, grain, period, ruleSet.indexRounding);
    if (figures === undefined) return undefined;
    const members = dossiersIn(state, grain, period).filter((f) => inPeriod(f.returned, grain, period) && dimensionIdOf(f, dimension) === id);
    const spec = TIMELINESS_METRICS[metric];
    const steps: ArithmeticStep[] = [];
    const count = (index: number) => {
      const n = members.filter(HOLDS[index] as (f: DossierFacts) => boolean).length;
      steps.push(countStep(`dossiers ${NAMES[index]}`, n));
      return n;
    };
    let notMeasured: string | undefined;
    if ('count' in spec) {
      count(spec.count);
    } else {
      const parts = spec.part.map(count);
      const part = parts.reduce((a, b) => a + b, 0);
      if (parts.length > 1) steps.push({ label: 'numerator', op: 'sum', inputs: parts, result: part });
      const whole = count(spec.whole);
      if (whole === 0) notMeasured = `no dossier ${NAMES[spec.whole]} in ${period}`;
      else steps.push(...percentSteps(metric, part, whole, 1, ruleSet.indexRounding));
    }
    const used = 'count' in spec ? members.filter(HOLDS[spec.count] as (f: DossierFacts) => boolean) : members;
    return explanation({
      readModel: TIMELINESS,
      key,
      value: figures[metric],
      ...(notMeasured === undefined ? {} : { notMeasured }),
      ruleSetVersions: ruleSetsInOrder(rules, [
        ruleSet.id,
        ...used.flatMap((f) => [f.ruleSet ?? '', f.apology?.ruleSet ?? '']).filter(Boolean),
      ]),
      contributions: inGlobalOrder(used.flatMap((f) => refsOf(f, refTypes(metric)))),
      steps,
    });
  };
  const keys = (state: DossierReadModelsState): string[] =>
    rowScopes(state.timeliness, GRAINS).flatMap(([dimension, id, grain, period]) => {
      return METRICS.map((metric) => scopedKey('timeliness', dimension, id, grain, period, metric));
    });
  return { name: TIMELINESS, keys, explain };
};
