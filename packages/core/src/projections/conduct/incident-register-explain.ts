import type { ExplainableReadModel, Explanation } from '../../read-side/explain/index.js';
import { byProvinceReadModel } from '../by-province.js';
import { INCIDENT_REGISTER, incidentRegisterProjection, incidentRegisterTables, latestAtOf, type IncidentEntry, type IncidentRegisterState } from './incident-register.js';
import {
  INCIDENT_DIMENSIONS,
  INCIDENT_MEASURES,
  isIncidentOpen,
  overdueSteps,
  selectIncidents,
  type IncidentDimension,
  type IncidentMeasure,
} from './incident-register-queries.js';
import { BREACH_MEASURE, breachKeys, explainBreaches } from './breach-register.js';
import { conductKey, parseConductKey } from './keys.js';
import { listedPeriodsOf, parseReportingPeriod } from './periods.js';
import { distinct, eventRefs } from './refs.js';

/**
 * Keys: `<tenantId>/incident-register/<period>/<dimension>/<value>/<measure>[@<asOf>]`
 * - period: `all`, `2026`, `2026-Q1`, `2026-03` or `2026-03-02` (the day the incident was reported);
 * - dimension/value: `total/all`, `category/C01`, `officer/<id>`, `unit/<id>`, `source/hotline`, or
 *   `step/<step>` (only with `open` and `overdue`: the step still due);
 * - measure: `reported`, `open`, `substantiated`, or `overdue@<asOf>` (open with a step past its due
 *   date at that instant), e.g.
 *   `thai-nguyen/incident-register/2026-Q1/unit/TN-01/overdue@2026-03-04T00:00:00+07:00`.
 * Each figure is a count; its step counts the incidents' report events (by global position).
 * Rule breaches recorded on facts (ADR 0010) are counted under the measure `breaches`, by `total/all`,
 * `category/<kind>` (the conduct kind the rule maps to), `officer/<id>` or `rule/<code>`, on the day of
 * the fact, e.g. `thai-nguyen/incident-register/2026-03/category/C06/breaches`; the explanation lists each breach.
 */
const incidentRegisterOfOneProvince: ExplainableReadModel<IncidentRegisterState> = {
  name: INCIDENT_REGISTER,
  keys: (state) => {
    const keys = new Set<string>();
    const latestAt = latestAtOf(state);
    const tables = incidentRegisterTables(state);
    for (const entry of Object.values(tables.incidents)) for (const key of keysOf(entry, latestAt)) keys.add(key);
    for (const key of breachKeys(INCIDENT_REGISTER, tables.breaches)) keys.add(key);
    return [...keys].sort();
  },
  explain: (state, key) => {
    const parsed = parseConductKey(INCIDENT_REGISTER, key);
    const period = parsed && parseReportingPeriod(parsed.period);
    if (parsed === undefined || period === undefined) return undefined;
    if (parsed.measure === BREACH_MEASURE) {
      return parsed.asOf === undefined ? explainBreaches(INCIDENT_REGISTER, key, incidentRegisterTables(state).breaches, { ...parsed, period }) : undefined;
    }
    const dimension = parsed.dimension as IncidentDimension;
    const measure = parsed.measure as IncidentMeasure;
    if (!INCIDENT_DIMENSIONS.includes(dimension) || !INCIDENT_MEASURES.includes(measure)) return undefined;
    if ((measure === 'overdue') !== (parsed.asOf !== undefined)) return undefined;
    if (dimension === 'step' && measure !== 'open' && measure !== 'overdue') return undefined;
    if (dimension === 'total' && parsed.value !== 'all') return undefined;
    const counted = selectIncidents(state, { period, dimension, value: parsed.value, measure, ...asOfOf(parsed.asOf) });
    const positions = counted.map((c) => c.entry.reported[0]);
    return {
      readModel: INCIDENT_REGISTER,
      key,
      value: counted.length,
      ruleSetVersions: distinct(counted.flatMap((c) => c.ruleSetIds)),
      contributions: eventRefs(counted.flatMap((c) => c.refs)),
      steps: [{ label: `${measure} incidents (report events by global position)`, op: 'count', inputs: positions, result: counted.length }],
    } satisfies Explanation;
  },
};

export const incidentRegisterReadModel = byProvinceReadModel(incidentRegisterProjection, incidentRegisterOfOneProvince);

const asOfOf = (asOf: string | undefined) => (asOf === undefined ? {} : { asOf });

/** The figures an incident counts in: the keys listed for a state. */
const keysOf = (entry: IncidentEntry, latestAt: string | null): readonly string[] => {
  const keys: string[] = [];
  const dims: [IncidentDimension, string][] = [
    ['total', 'all'],
    ['category', entry.category],
    ['officer', entry.officerId],
    ['unit', entry.unitId],
    ['source', entry.source],
  ];
  const overdue = latestAt === null ? [] : overdueSteps(entry, latestAt);
  for (const period of listedPeriodsOf(entry.reportedOn)) {
    for (const [dimension, value] of dims) {
      keys.push(conductKey(INCIDENT_REGISTER, { period, dimension, value, measure: 'reported' }));
      if (entry.outcome === 'substantiated') keys.push(conductKey(INCIDENT_REGISTER, { period, dimension, value, measure: 'substantiated' }));
      if (isIncidentOpen(entry)) keys.push(conductKey(INCIDENT_REGISTER, { period, dimension, value, measure: 'open' }));
      if (overdue.length > 0 && latestAt !== null) {
        keys.push(conductKey(INCIDENT_REGISTER, { period, dimension, value, measure: 'overdue', asOf: latestAt }));
      }
    }
    if (isIncidentOpen(entry)) {
      for (const step of Object.keys(entry.pending)) keys.push(conductKey(INCIDENT_REGISTER, { period, dimension: 'step', value: step, measure: 'open' }));
    }
    for (const [step] of overdue) {
      keys.push(conductKey(INCIDENT_REGISTER, { period, dimension: 'step', value: step, measure: 'overdue', ...asOfOf(latestAt ?? undefined) }));
    }
  }
  return keys;
};
