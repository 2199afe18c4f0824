import { countStep } from '../../explain/build.js';
import type { ArithmeticStep } from '../../explain/explanation.js';
import { roundTo } from '../../explain/re-add.js';
import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { orderedPositions } from '../../vocabulary/event-ref.js';
import type { Period } from '../../vocabulary/period.js';
import { countsIn, type SatisfactionDocument } from '../satisfaction-support/documents.js';
import { entriesIn } from '../satisfaction-support/day-list.js';
import { measuredFeedbackKinds } from '../../../feedback/vocabulary.js';
import { feedbackCounts, feedbackMembers } from '../satisfaction-support/feedback.js';

import { inputsFor, type UnitLevelInputs } from '../satisfaction-support/unit-level-inputs.js';
import { SATISFIED_AT_LEAST } from '../satisfaction-support/ratings.js';
import { sipasCounts, sipasMembers } from '../satisfaction-support/ratings.js';
import { monthPrefix, receivedPrefix, returnedPrefix, type ServiceIndexDimension } from './projection.js';
import { parseAggregatePeriod } from '../../vocabulary/period.js';

/**
 * Service index by Decision 766/QĐ-TTg (docs/domain/indices.md §2), per unit and province, by month,
 * quarter and year. The event-derived components are these readings:
 * - progress and results (20): 20 × share of dossiers returned in the period whose result was at
 *   the desk (for a log without `ResultReady`, returned) on or before the due date before any apology
 *   (docs/domain/dossier-lifecycle.md §4, §5): an apology's new date does not make a late dossier in time;
 * - online service (12): 12 × share of dossiers received in the period that were filed online;
 * - satisfaction (18): 18 × mean of the ratios measured among feedback handled on time (by month of
 *   receipt; the kinds the rule set measures, `feedbackKindsMeasured`), SIPAS satisfaction with feedback
 *   handling, and SIPAS satisfaction with dossier handling.
 * Transparency (18), online payment (10) and digitisation (22) are carried by no event: they come
 * from the unit-level inputs or are `null` with `notMeasured`. Points are rounded to 1 decimal by the
 * rule set in force on the period's last day.
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

export interface ComponentFigure {
  readonly value: number | null;
  readonly notMeasured?: string;
  readonly source?: string;
  readonly steps: readonly ArithmeticStep[];
  readonly contributions: readonly EventPosition[];
}

export interface ServiceIndex {
  readonly components: Readonly<Record<Component, ComponentFigure>>;
  /** Sum of the six components; `null` while any is not measured. */
  readonly total: number | null;
  readonly notMeasured?: string;
}

interface Scope {
  readonly documents: DocumentQuery<SatisfactionDocument>;
  readonly rules: RuleBook;
  readonly inputs: UnitLevelInputs;
  readonly tenantId: string;
  readonly dimension: ServiceIndexDimension;
  readonly id: string;
  readonly period: Period;
  /** Whether to gather steps and events (explanations) or just the figure (queries). */
  readonly explain: boolean;
}

const modeOf = (s: Scope) => s.rules.inForceAt(s.period.end).indexRounding;

const pointsSteps = (s: Scope, component: Component, ratio: number, steps: ArithmeticStep[]): number => {
  const max = MAX_POINTS[component];
  const mode = modeOf(s);
  const points = ratio * max;
  const rounded = roundTo(points, 1, mode);
  steps.push(
    { label: `${component}: ratio × ${max} points`, op: 'ratio', inputs: [ratio, 1 / max], result: points },
    { label: `${component} points`, op: 'round', inputs: [points], digits: 1, mode, result: rounded },
  );
  return rounded;
};

const fromInput = (s: Scope, component: 'transparency' | 'onlinePayment' | 'digitisation'): ComponentFigure => {
  const given = inputsFor(s.inputs, s.dimension, s.id, s.period.key);
  const value = given?.index766?.[component];
  if (given === undefined || value === undefined) {
    return { value: null, notMeasured: `${component} is carried by no event; no input given for ${s.dimension} ${s.id} in ${s.period.key}`, steps: [], contributions: [] };
  }
  return { value, source: given.source, steps: [{ label: `${component} (${given.source})`, op: 'copy', inputs: [value], result: value }], contributions: [] };
};

const shareComponent = async (s: Scope, component: 'progress' | 'onlineService', counts: Readonly<Record<string, number>> | undefined): Promise<ComponentFigure> => {
  const progress = component === 'progress';
  const part = (progress ? counts?.inTime : counts?.online) ?? 0;
  const whole = (progress ? counts?.returned : counts?.received) ?? 0;
  if (whole === 0) return { value: null, notMeasured: progress ? `no dossier returned in ${s.period.key}` : `no dossier received in ${s.period.key}`, steps: [], contributions: [] };
  const steps: ArithmeticStep[] = [];
  let contributions: EventPosition[] = [];
  if (s.explain) {
    const members = await entriesIn(s.documents, (progress ? returnedPrefix : receivedPrefix)(s.tenantId, s.dimension, s.id), s.period);
    const counted = members.filter((entry) => entry.flag === true);
    steps.push(
      countStep(progress ? 'returned, in time against the original due date (judged when the result reached the desk, else at the return)' : 'filed online', counted.length),
      countStep(progress ? 'returned' : 'received', members.length),
      { label: `${component} share`, op: 'ratio', inputs: [counted.length, members.length], result: members.length === 0 ? 0 : counted.length / members.length },
    );
    contributions = members.flatMap((entry) => (entry.p === undefined ? [] : [entry.p]));
  }
  return { value: pointsSteps(s, component, part / whole, steps), steps, contributions };
};

const satisfactionComponent = async (s: Scope): Promise<ComponentFigure> => {
  const steps: ArithmeticStep[] = [];
  const contributions: EventPosition[] = [];
  const ratios: number[] = [];
  const kinds = measuredFeedbackKinds(s.rules.inForceAt(s.period.end));
  const feedback = await feedbackCounts(s.documents, s.tenantId, s.dimension, s.id, s.period, kinds, monthPrefix);
  if (feedback !== undefined) {
    const { received, onTime } = feedback;
    ratios.push(onTime / received);
    if (s.explain) {
      const members = await feedbackMembers(s.documents, s.tenantId, s.dimension, s.id, s.period, kinds);
      steps.push(
        countStep(`feedback (${kinds.join(', ')}) handled on time`, members.filter((f) => f.handled === 'on-time').length),
        countStep(`feedback (${kinds.join(', ')}) received`, members.length),
        { label: 'feedback on-time ratio', op: 'ratio', inputs: [onTime, received], result: onTime / received },
      );
      contributions.push(...members.flatMap((f) => f.positions));
    }
  }
  for (const metric of ['feedbackHandling', 'dossierHandling'] as const) {
    const { answers, satisfied } = (await sipasCounts(s.documents, s.tenantId, s.dimension, s.id, s.period, metric, monthPrefix)) ?? { answers: 0, satisfied: 0 };
    if (answers === 0) continue;
    ratios.push(satisfied / answers);
    if (s.explain) {
      const { ratings, levels } = await sipasMembers(s.documents, s.tenantId, s.dimension, s.id, s.period, metric);
      steps.push(
        countStep(`SIPAS ${metric}: satisfied answers`, levels.filter((level) => level >= SATISFIED_AT_LEAST).length),
        countStep(`SIPAS ${metric}: answers`, levels.length),
        { label: `SIPAS ${metric} ratio`, op: 'ratio', inputs: [satisfied, answers], result: satisfied / answers },
      );
      contributions.push(...ratings.flatMap((entry) => (entry.p === undefined ? [] : [entry.p])));
    }
  }
  if (ratios.length === 0) return { value: null, notMeasured: `no feedback and no rating in ${s.period.key}`, steps: [], contributions: [] };
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  steps.push({ label: 'mean of the ratios measured', op: 'mean', inputs: ratios, result: mean });
  return { value: pointsSteps(s, 'satisfaction', mean, steps), steps, contributions: orderedPositions(contributions) };
};

/** The Decision 766 index of a unit or province over a period; `explain` gathers the steps and events behind each component. */
export const serviceIndexOf = async (scope: Scope): Promise<ServiceIndex> => {
  const counts = await countsIn(scope.documents, monthPrefix(scope.tenantId, scope.dimension, scope.id), scope.period);
  const components: Record<Component, ComponentFigure> = {
    transparency: fromInput(scope, 'transparency'),
    progress: await shareComponent(scope, 'progress', counts),
    onlineService: await shareComponent(scope, 'onlineService', counts),
    onlinePayment: fromInput(scope, 'onlinePayment'),
    digitisation: fromInput(scope, 'digitisation'),
    satisfaction: await satisfactionComponent(scope),
  };
  const missing = COMPONENTS.filter((c) => components[c].value === null);
  if (missing.length > 0) return { components, total: null, notMeasured: `not measured: ${missing.join(', ')}` };
  return { components, total: roundTo(COMPONENTS.reduce((sum, c) => sum + (components[c].value ?? 0), 0), 1, modeOf(scope)) };
};

/** What the service index is computed with at query time. */
export interface ServiceIndexContext {
  readonly rules: RuleBook;
  readonly inputs: Readonly<Record<string, UnitLevelInputs>>;
}

export const scopeOf = (
  context: ServiceIndexContext,
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  dimension: ServiceIndexDimension,
  id: string,
  period: Period,
  explain: boolean,
): Scope => ({ documents, rules: context.rules, inputs: context.inputs[tenantId] ?? {}, tenantId, dimension, id, period, explain });

export const serviceIndexQueries = (context: ServiceIndexContext) => ({
  /** The index of a unit or province over a month, quarter or year (figures only); undefined for another grain. */
  serviceIndex: async (
    documents: DocumentQuery<SatisfactionDocument>,
    tenantId: string,
    dimension: ServiceIndexDimension,
    id: string,
    grain: string,
    periodKey: string,
  ): Promise<ServiceIndex | undefined> => {
    const period = parseAggregatePeriod(grain, periodKey);
    return period === undefined ? undefined : serviceIndexOf(scopeOf(context, documents, tenantId, dimension, id, period, false));
  },
});
