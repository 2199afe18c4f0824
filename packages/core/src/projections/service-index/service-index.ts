import type { RuleBook } from '../../rules/types.js';
import { countStep, inGlobalOrder } from '../../read-side/explain/build.js';
import type { ArithmeticStep, EventRef } from '../../read-side/explain/explanation.js';
import { roundTo } from '../../read-side/explain/re-add.js';
import { inPeriod } from '../dossier-facts/keys.js';
import { lastDayOf, type Grain } from '../dossier-facts/periods.js';
import { dossiersIn } from '../dossier-facts/day-index.js';
import { addToRows, rowAt } from '../dossier-facts/rows.js';
import { refsOf } from '../dossier-facts/refs.js';
import type { DossierFacts, DossierReadModelsState } from '../dossier-facts/state.js';
import { feedbackMembers, feedbackRow } from '../satisfaction/feedback-handling.js';
import { SATISFIED_AT_LEAST, aspectsOf, sipasCounts, sipasDimensionId } from '../satisfaction/sipas.js';
import { inputsFor, type UnitLevelInputs } from '../satisfaction/unit-level-inputs.js';
import { T } from '../timeliness/timeliness.js';

/**
 * Service index by Decision 766/QĐ-TTg (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục
 * vụ người dân, doanh nghiệp), per unit and province, by month, quarter and year. The decision's
 * sub-criteria are finer than the log; the event-derived components are these readings:
 * - progress and results (20): 20 × share of dossiers returned in the period on or before the due
 *   date in force;
 * - online service (12): 12 × share of dossiers received in the period that were filed online;
 * - satisfaction (18): 18 × mean of the ratios measured among feedback handled on time (by month of
 *   receipt), SIPAS satisfaction with feedback handling, and SIPAS satisfaction with dossier handling.
 * Transparency (18), online payment (10) and digitisation (22) are carried by no event: they come
 * from `UnitLevelInputs` or are `null` with `notMeasured`. Points are rounded to 1 decimal.
 */
export const COMPONENTS = ['transparency', 'progress', 'onlineService', 'onlinePayment', 'digitisation', 'satisfaction'] as const;
export type Component = (typeof COMPONENTS)[number];
export const MAX_POINTS: Readonly<Record<Component, number>> = {
  transparency: 18,
  progress: 20,
  onlineService: 12,
  onlinePayment: 10,
  digitisation: 22,
  satisfaction: 18,
};
export const SERVICE_INDEX_GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];
export const SERVICE_INDEX_DIMENSIONS = ['unit', 'province'] as const;
export type ServiceIndexDimension = (typeof SERVICE_INDEX_DIMENSIONS)[number];

/** Call once the facts took the `received` change: dossiers received, and those filed online. */
export const applyReceiptToIntake = (state: DossierReadModelsState, facts: DossierFacts): void => {
  if (facts.received === undefined) return;
  const deltas = facts.online === true ? [0, 1, 1, 1] : [0, 1];
  if (facts.unit !== undefined) addToRows(state.intake, 'unit', facts.unit, facts.received, false, 2, deltas);
  addToRows(state.intake, 'province', facts.tenant, facts.received, false, 2, deltas);
};

export interface ComponentFigure {
  readonly value: number | null;
  readonly notMeasured?: string;
  readonly source?: string;
  readonly steps: readonly ArithmeticStep[];
  readonly contributions: readonly EventRef[];
}

interface Scope {
  readonly state: DossierReadModelsState;
  readonly rules: RuleBook;
  readonly inputs: UnitLevelInputs;
  readonly dimension: ServiceIndexDimension;
  readonly id: string;
  readonly grain: Grain;
  readonly period: string;
  /** Whether to gather steps and events (explanations) or just the figure (queries). */
  readonly explain: boolean;
}

const scopeOf = (s: Scope) => (f: DossierFacts): boolean => (s.dimension === 'unit' ? f.unit : f.tenant) === s.id;

const pointsSteps = (s: Scope, component: Component, ratio: number, steps: ArithmeticStep[]): number => {
  const max = MAX_POINTS[component];
  const mode = s.rules.inForceAt(lastDayOf(s.grain, s.period)).indexRounding;
  const points = ratio * max;
  const rounded = roundTo(points, 1, mode);
  steps.push(
    { label: `${component}: ratio × ${max} points`, op: 'ratio', inputs: [ratio, 1 / max], result: points },
    { label: `${component} points`, op: 'round', inputs: [points], digits: 1, mode, result: rounded },
  );
  return rounded;
};

const fromInput = (s: Scope, component: 'transparency' | 'onlinePayment' | 'digitisation'): ComponentFigure => {
  const given = inputsFor(s.inputs, s.dimension, s.id, s.period);
  const value = given?.index766?.[component];
  if (given === undefined || value === undefined) {
    return { value: null, notMeasured: `${component} is carried by no event; no input given for ${s.dimension} ${s.id} in ${s.period}`, steps: [], contributions: [] };
  }
  return { value, source: given.source, steps: [{ label: `${component} (${given.source})`, op: 'copy', inputs: [value], result: value }], contributions: [] };
};

const shareComponent = (s: Scope, component: 'progress' | 'onlineService'): ComponentFigure => {
  const row = rowAt(component === 'progress' ? s.state.timeliness : s.state.intake, s.dimension, s.id, s.grain, s.period);
  const part = component === 'progress' ? (row?.[T.early] ?? 0) + (row?.[T.onDay] ?? 0) : (row?.[1] ?? 0);
  const whole = component === 'progress' ? (row?.[T.resolved] ?? 0) : (row?.[0] ?? 0);
  if (whole === 0) {
    return { value: null, notMeasured: component === 'progress' ? `no dossier returned in ${s.period}` : `no dossier received in ${s.period}`, steps: [], contributions: [] };
  }
  const steps: ArithmeticStep[] = [];
  let contributions: EventRef[] = [];
  if (s.explain) {
    const mine = dossiersIn(s.state, s.grain, s.period).filter(scopeOf(s));
    const members = component === 'progress' ? mine.filter((f) => inPeriod(f.returned, s.grain, s.period)) : mine.filter((f) => inPeriod(f.received, s.grain, s.period));
    const counted = component === 'progress' ? members.filter((f) => f.timeliness !== 'late') : members.filter((f) => f.online === true);
    steps.push(
      countStep(component === 'progress' ? 'returned on or before the due date' : 'filed online', counted.length),
      countStep(component === 'progress' ? 'returned' : 'received', members.length),
      { label: `${component} share`, op: 'ratio', inputs: [counted.length, members.length], result: members.length === 0 ? 0 : counted.length / members.length },
    );
    contributions = members.flatMap((f) => refsOf(f, component === 'progress' ? ['ResultReturned'] : ['DossierReceived']));
  }
  return { value: pointsSteps(s, component, part / whole, steps), steps, contributions };
};

const satisfactionComponent = (s: Scope): ComponentFigure => {
  const steps: ArithmeticStep[] = [];
  const contributions: EventRef[] = [];
  const ratios: number[] = [];
  const feedback = feedbackRow(s.state, s.dimension, s.id, s.grain, s.period);
  if (feedback !== undefined && (feedback[0] ?? 0) > 0) {
    const [received = 0, onTime = 0] = feedback;
    ratios.push(onTime / received);
    if (s.explain) {
      const members = feedbackMembers(s.state, s.dimension, s.id, s.grain, s.period);
      steps.push(
        countStep('feedback handled on time', members.filter((f) => f.handled === 'on-time').length),
        countStep('feedback received', members.length),
        { label: 'feedback on-time ratio', op: 'ratio', inputs: [onTime, received], result: onTime / received },
      );
      contributions.push(...members.flatMap((f) => refsOf(f)));
    }
  }
  const row = rowAt(s.state.sipas, s.dimension, s.id, s.grain, s.period);
  for (const metric of ['feedbackHandling', 'dossierHandling'] as const) {
    const { answers, satisfied } = row === undefined ? { answers: 0, satisfied: 0 } : sipasCounts(row, metric);
    if (answers === 0) continue;
    ratios.push(satisfied / answers);
    if (s.explain) {
      const aspects = aspectsOf(metric);
      const rated = dossiersIn(s.state, s.grain, s.period).filter(
        (f) => inPeriod(f.rated, s.grain, s.period) && sipasDimensionId(f, s.dimension) === s.id && aspects.some((a) => f.sipas?.[a] !== undefined),
      );
      const levels = rated.flatMap((f) => aspects.flatMap((a) => (f.sipas?.[a] === undefined ? [] : [f.sipas[a]])));
      steps.push(
        countStep(`SIPAS ${metric}: satisfied answers`, levels.filter((level) => level >= SATISFIED_AT_LEAST).length),
        countStep(`SIPAS ${metric}: answers`, levels.length),
        { label: `SIPAS ${metric} ratio`, op: 'ratio', inputs: [satisfied, answers], result: satisfied / answers },
      );
      contributions.push(...rated.flatMap((f) => refsOf(f, ['DossierRated'])));
    }
  }
  if (ratios.length === 0) return { value: null, notMeasured: `no feedback and no rating in ${s.period}`, steps: [], contributions: [] };
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  steps.push({ label: 'mean of the ratios measured', op: 'mean', inputs: ratios, result: mean });
  return { value: pointsSteps(s, 'satisfaction', mean, steps), steps, contributions: inGlobalOrder(contributions) };
};

export const componentFigure = (s: Scope, component: Component): ComponentFigure => {
  switch (component) {
    case 'transparency':
    case 'onlinePayment':
    case 'digitisation':
      return fromInput(s, component);
    case 'progress':
    case 'onlineService':
      return shareComponent(s, component);
    case 'satisfaction':
      return satisfactionComponent(s);
  }
};

export interface ServiceIndex {
  readonly components: Readonly<Record<Component, ComponentFigure>>;
  /** Sum of the six components; `null` while any is not measured. */
  readonly total: number | null;
  readonly notMeasured?: string;
}

/** The Decision 766 index of a unit or province over a period (figures only, no steps). */
export const serviceIndex = (
  state: DossierReadModelsState,
  rules: RuleBook,
  inputs: UnitLevelInputs,
  dimension: ServiceIndexDimension,
  id: string,
  grain: Grain,
  period: string,
  explain = false,
): ServiceIndex => {
  const scope: Scope = { state, rules, inputs, dimension, id, grain, period, explain };
  const components = Object.fromEntries(COMPONENTS.map((c) => [c, componentFigure(scope, c)])) as Record<Component, ComponentFigure>;
  const missing = COMPONENTS.filter((c) => components[c].value === null);
  if (missing.length > 0) return { components, total: null, notMeasured: `not measured: ${missing.join(', ')}` };
  const mode = rules.inForceAt(lastDayOf(grain, period)).indexRounding;
  return { components, total: roundTo(COMPONENTS.reduce((sum, c) => sum + (components[c].value ?? 0), 0), 1, mode) };
};
