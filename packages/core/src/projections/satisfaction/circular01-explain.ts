import type { RuleBook } from '../../rules/types.js';
import { explanation, inGlobalOrder, percentSteps, ruleSetsInOrder } from '../../read-side/explain/build.js';
import type { ArithmeticStep, EventRef, ExplainableReadModel, Explanation } from '../../read-side/explain/explanation.js';
import { roundTo } from '../../read-side/explain/re-add.js';
import { inPeriod, parseScopedKey, scopedKey } from '../dossier-facts/keys.js';
import { dossiersIn } from '../dossier-facts/day-index.js';
import { rowScopes } from '../dossier-facts/rows.js';
import { refsOf } from '../dossier-facts/refs.js';
import type { DossierFacts, DossierReadModelsState } from '../dossier-facts/state.js';
import {
  CIRCULAR01_DIMENSIONS,
  CIRCULAR01_GRAINS,
  circular01DimensionId,
  citizenComparison,
  DERIVED_INDICES,
  derivedIndices,
  scoringPolicyOf,
  UNIT_LEVEL_INDICES,
} from './circular01.js';
import { circular01Figures } from './circular01-figures.js';
import { feedbackMembers, feedbackRow } from './feedback-handling.js';
import type { UnitLevelInputs } from './unit-level-inputs.js';

export const CIRCULAR01 = 'circular01';
const AGGREGATE_METRICS = ['i1', 'i2', 'i3', 'i4', 'i7', 'i5', 'i6', 'i8', 'i9', 'total'] as const;
const DOSSIER_METRICS = ['i1', 'i2', 'i3', 'i4', 'i7'] as const;

const EVIDENCE = [
  'DossierReceived',
  'SupplementRequestedAtIntake',
  'SupplementRequested',
  'ForwardedToAgency',
  'ReturnedFromAgency',
  'ProcessingCompleted',
  'ApologyIssued',
  'ResultReturned',
  'DossierRated',
  'IncidentReported',
  'IncidentConcluded',
];

/**
 * Keys: `tt01/dossier/<dossierCode>/<i1|i2|i3|i4|i7>` (label: the citizen's own score and whether it
 * disagrees) and `tt01/<officer|unit|province>/<id>/<month|quarter|year>/<period>/<metric>`, metric
 * `i1`…`i4`, `i7`, `total`, and for units and provinces `i5`, `i6`, `i8`, `i9`.
 */
export const createCircular01ReadModel = (rules: RuleBook, inputs: UnitLevelInputs = {}): ExplainableReadModel<DossierReadModelsState> => {
  const explainDossier = (state: DossierReadModelsState, key: string, code: string, metric: string): Explanation | undefined => {
    const facts = state.dossiers[code];
    const at = (DOSSIER_METRICS as readonly string[]).indexOf(metric);
    if (facts === undefined || at < 0) return undefined;
    const policy = scoringPolicyOf(rules, facts.ruleSet);
    const scores = derivedIndices(facts, policy);
    if (scores === undefined) return undefined;
    const score = scores[at] as number;
    const citizen = citizenComparison(facts, rules).find((c) => `i${c.index}` === metric);
    return explanation({
      readModel: CIRCULAR01,
      key,
      value: score,
      ...(citizen === undefined ? {} : { label: `citizen ${citizen.citizen}${citizen.disagree ? ', disagrees' : ', agrees'}` }),
      ruleSetVersions: ruleSetsInOrder(rules, [facts.ruleSet ?? '']).filter(Boolean).concat(policy.version),
      contributions: inGlobalOrder(refsOf(facts, EVIDENCE)),
      steps: [{ label: `${metric} of ${code} under ${policy.version}`, op: 'copy', inputs: [score], result: score }],
    });
  };

  const explainAggregate = (state: DossierReadModelsState, key: string): Explanation | undefined => {
    const parsed = parseScopedKey(key, 'tt01', CIRCULAR01_DIMENSIONS, AGGREGATE_METRICS, CIRCULAR01_GRAINS);
    if (parsed === undefined) return undefined;
    const { dimension, id, grain, period, metric } = parsed;
    const figures = circular01Figures(state, rules, inputs, dimension, id, grain, period);
    if (figures === undefined) return undefined;
    const { ruleSet } = figures;
    const mode = ruleSet.indexRounding;
    const { digits, version } = scoringPolicyOf(rules, ruleSet.id);
    const members = dossiersIn(state, grain, period).filter((f) => inPeriod(f.returned, grain, period) && circular01DimensionId(f, dimension) === id);
    const steps: ArithmeticStep[] = [];
    const contributions: EventRef[] = [];
    const meanSteps = (index: (typeof DERIVED_INDICES)[number]): number => {
      const i = DERIVED_INDICES.indexOf(index);
      const scores = members.map((f: DossierFacts) => f.scored?.[i] ?? 0);
      const sum = scores.reduce((a, b) => a + b, 0);
      const mean = members.length === 0 ? 0 : sum / members.length;
      const rounded = roundTo(mean, digits, mode);
      steps.push(
        { label: `index ${index}: scores of ${members.length} dossiers`, op: 'sum', inputs: scores, result: sum },
        { label: `index ${index}: mean`, op: 'ratio', inputs: [sum, members.length], result: mean },
        { label: `index ${index}`, op: 'round', inputs: [mean], digits, mode, result: rounded },
      );
      return rounded;
    };
    const unitLevelSteps = (index: (typeof UNIT_LEVEL_INDICES)[number]): number | null => {
      const given = figures.unitLevel?.[index];
      if (given === undefined || given.value === null) return null;
      if (index === '8' && given.source === 'events' && dimension !== 'officer') {
        const row = feedbackRow(state, dimension, id, grain, period) ?? [];
        const handled = feedbackMembers(state, dimension, id, grain, period);
        contributions.push(...handled.flatMap((f) => refsOf(f)));
        steps.push(...percentSteps('feedback handled on time', row[1] ?? 0, row[0] ?? 0, 1, mode));
      }
      steps.push({ label: `index ${index} (${given.source ?? ''})`, op: 'copy', inputs: [given.value], result: given.value });
      return given.value;
    };
    contributions.push(...members.flatMap((f) => refsOf(f, EVIDENCE)));
    const base = {
      readModel: CIRCULAR01,
      key,
      ruleSetVersions: [...ruleSetsInOrder(rules, [ruleSet.id, ...members.map((f) => f.ruleSet ?? '').filter(Boolean)]), version],
    };
    if (metric === 'total') {
      const parts = DERIVED_INDICES.map(meanSteps);
      const derived = parts.reduce((a, b) => a + b, 0);
      steps.push({ label: 'indices 1, 2, 3, 4, 7', op: 'sum', inputs: parts, result: derived });
      let total = roundTo(derived, digits, mode);
      steps.push({ label: 'indices 1, 2, 3, 4, 7, rounded', op: 'round', inputs: [derived], digits, mode, result: total });
      if (dimension !== 'officer') {
        const unit = UNIT_LEVEL_INDICES.map(unitLevelSteps);
        if (unit.some((value) => value === null)) {
          return explanation({ ...base, value: null, notMeasured: figures.notMeasured ?? 'not measured', contributions: inGlobalOrder(contributions), steps });
        }
        const all = [total, ...(unit as number[])];
        const sum = all.reduce((a, b) => a + b, 0);
        total = roundTo(sum, digits, mode);
        steps.push(
          { label: 'indices 1–9', op: 'sum', inputs: all, result: sum },
          { label: 'total of 18', op: 'round', inputs: [sum], digits, mode, result: total },
        );
      }
      steps.push({ label: 'band', op: 'band', inputs: [total], result: total, band: figures.band ?? '' });
      return explanation({ ...base, value: figures.total, label: figures.band ?? '', contributions: inGlobalOrder(contributions), steps });
    }
    const index = metric.slice(1);
    if ((DERIVED_INDICES as readonly string[]).includes(index)) {
      meanSteps(index as (typeof DERIVED_INDICES)[number]);
      return explanation({
        ...base,
        value: figures.means[index as (typeof DERIVED_INDICES)[number]],
        contributions: inGlobalOrder(contributions),
        steps,
      });
    }
    if (figures.unitLevel === undefined) return undefined;
    contributions.length = 0;
    const value = unitLevelSteps(index as (typeof UNIT_LEVEL_INDICES)[number]);
    const given = figures.unitLevel[index as (typeof UNIT_LEVEL_INDICES)[number]];
    return explanation({
      ...base,
      value,
      ...(given.notMeasured === undefined ? {} : { notMeasured: given.notMeasured }),
      contributions: inGlobalOrder(contributions),
      steps,
    });
  };

  const explain = (state: DossierReadModelsState, key: string): Explanation | undefined => {
    const parts = key.split('/');
    if (parts.length === 4 && parts[0] === 'tt01' && parts[1] === 'dossier') return explainDossier(state, key, parts[2] as string, parts[3] as string);
    return explainAggregate(state, key);
  };

  const keys = (state: DossierReadModelsState): string[] => [
    ...Object.entries(state.dossiers)
      .filter(([, f]) => f.scored !== undefined)
      .flatMap(([code]) => DOSSIER_METRICS.map((metric) => `tt01/dossier/${code}/${metric}`)),
    ...rowScopes(state.circular01, CIRCULAR01_GRAINS).flatMap(([dimension, id, grain, period]) => {
      const metrics = dimension === 'officer' ? AGGREGATE_METRICS.filter((m) => !['i5', 'i6', 'i8', 'i9'].includes(m)) : AGGREGATE_METRICS;
      return metrics.map((metric) => scopedKey('tt01', dimension, id, grain, period, metric));
    }),
  ];
  return { name: CIRCULAR01, keys, explain };
};
