import type { RuleBook } from '../../rules/index.js';
import { defaultRuleBook } from '../../rules/index.js';
import { evaluationPeriodOf } from '../../officer/evaluation.js';
import type { ExplainableReadModel, Explanation } from '../../read-side/explain/index.js';
import { byProvinceReadModel, type ProvinceTables } from '../by-province.js';
import { eventRefs } from '../conduct/refs.js';
import { officerRatingProjection } from './officer-rating.js';
import { OFFICER_RATING, officerRatingTables, type OfficerRatingState } from './facts.js';
import { periodFacts, unitAt } from './period-facts.js';
import { ratingRulesFor } from './policy.js';
import { PROPOSAL_MEASURES, proposalFigures, type RatingFigure, type ProposalMeasure } from './proposal.js';
import { excellentShare } from './unit-cap.js';

/**
 * Keys, each after `<tenantId>/` (period kind `month`, `quarter` or `year`; period `2026-03`, `2026-Q1` or `2026`):
 * - `officer-rating/officer/<officerId>/<kind>/<period>/<measure>`, measure one of `dossiers`,
 *   `on-time-share`, `ratings`, `satisfied-share`, `praise`, `substantiated-minor`,
 *   `substantiated-serious`, `substantiated-very-serious`, `points`, `level` (the proposal) or
 *   `recorded` (the unit head's decision, an `EvaluationRecorded`/`EvaluationCorrected` event);
 * - `officer-rating/unit/<unitId>/<kind>/<period>/excellent-share` (the 20% cap).
 * e.g. `thai-nguyen/officer-rating/officer/OF-1/quarter/2026-Q1/points`. `ratings` counts ratings that say something
 * about officers (SIPAS `officers` or Circular 01 index 7); `points` on the four-level scale is the
 * indicative score its level is banded from. How points are derived: `OfficerRatingProposalPolicy`.
 */
export const createOfficerRatingReadModel = (rules: RuleBook = defaultRuleBook()): ExplainableReadModel<ProvinceTables> =>
  byProvinceReadModel(officerRatingProjection, officerRatingOfOneProvince(rules));

const officerRatingOfOneProvince = (rules: RuleBook): ExplainableReadModel<OfficerRatingState> => ({
  name: OFFICER_RATING,
  keys: (state) => {
    const keys = new Set<string>();
    const units = new Set<string>();
    for (const key of Object.keys(officerRatingTables(state).months)) {
      const split = key.lastIndexOf('|');
      const officerId = key.slice(0, split);
      const month = key.slice(split + 1);
      for (const [kind, period] of periodsOfMonth(month)) {
        const ratingRules = ratingRulesFor(rules, period);
        if (ratingRules === undefined) continue;
        for (const measure of PROPOSAL_MEASURES) keys.add(officerKey(officerId, kind, period, measure));
        const unit = unitAt(state, officerId, ratingRules);
        if (unit !== undefined) units.add(`${unit.unitId}/${kind}/${period}`);
      }
    }
    for (const [officerId, facts] of Object.entries(officerRatingTables(state).officers)) {
      for (const period of Object.keys(facts.evaluations)) {
        const kind = evaluationPeriodOf(period)?.grain;
        if (kind !== undefined && ratingRulesFor(rules, period) !== undefined) keys.add(officerKey(officerId, kind, period, 'recorded'));
      }
    }
    for (const unit of units) keys.add(`${OFFICER_RATING}/unit/${unit}/excellent-share`);
    return [...keys].sort();
  },
  explain: (state, key) => {
    const parsed = parseKey(key);
    const ratingRules = parsed && ratingRulesFor(rules, parsed.period);
    if (parsed === undefined || ratingRules === undefined || ratingRules.period.grain !== parsed.kind) return undefined;
    const explanation = (figure: RatingFigure, ruleSetVersions: readonly string[]): Explanation => ({
      readModel: OFFICER_RATING,
      key,
      value: figure.value,
      ...(figure.label === undefined ? {} : { label: figure.label }),
      ...(figure.notMeasured === undefined ? {} : { notMeasured: figure.notMeasured }),
      ruleSetVersions,
      contributions: eventRefs(figure.refs),
      steps: figure.steps,
    });
    const versions = [ratingRules.ruleSet.id, ratingRules.policy.version];
    if (parsed.scope === 'unit') return parsed.measure === 'excellent-share' ? explanation(excellentShare(state, parsed.id, ratingRules), versions) : undefined;
    if (parsed.measure === 'recorded') {
      const recorded = officerRatingTables(state).officers[parsed.id]?.evaluations[parsed.period];
      if (recorded === undefined) return explanation({ value: null, notMeasured: 'no evaluation recorded for this period', steps: [], refs: [] }, versions);
      const score = recorded.score;
      return explanation(
        score === undefined
          ? { value: null, label: recorded.level, notMeasured: 'rated on four levels, without points', steps: [], refs: [recorded.ref] }
          : { value: score, label: recorded.level, steps: [{ label: 'recorded score', op: 'copy', inputs: [score], result: score }], refs: [recorded.ref] },
        [recorded.ruleSetId],
      );
    }
    if (!PROPOSAL_MEASURES.includes(parsed.measure as ProposalMeasure)) return undefined;
    const figures = proposalFigures(periodFacts(state, parsed.id, ratingRules), ratingRules);
    return explanation(figures[parsed.measure as ProposalMeasure], versions);
  },
});

/** An officer's proposal for a period with the recorded decision beside it. */
export const officerRatingProposal = (state: OfficerRatingState, officerId: string, periodKey: string, rules: RuleBook = defaultRuleBook()) => {
  const ratingRules = ratingRulesFor(rules, periodKey);
  if (ratingRules === undefined) return undefined;
  const figures = proposalFigures(periodFacts(state, officerId, ratingRules), ratingRules);
  const recorded = officerRatingTables(state).officers[officerId]?.evaluations[periodKey];
  return {
    officerId,
    period: periodKey,
    scale: ratingRules.scale,
    ruleSetId: ratingRules.ruleSet.id,
    policyVersion: ratingRules.policy.version,
    unitId: unitAt(state, officerId, ratingRules)?.unitId,
    proposed: { points: figures.points.value, level: figures.level.label },
    figures: Object.fromEntries(Object.entries(figures).map(([measure, figure]) => [measure, figure.value])) as Record<ProposalMeasure, number | null>,
    ...(recorded === undefined ? {} : { recorded: { level: recorded.level, score: recorded.score, ruleSetId: recorded.ruleSetId } }),
  };
};

/** The unit's excellent share for a period and whether it exceeds the cap. */
export const unitExcellentCap = (state: OfficerRatingState, unitId: string, periodKey: string, rules: RuleBook = defaultRuleBook()) => {
  const ratingRules = ratingRulesFor(rules, periodKey);
  if (ratingRules === undefined) return undefined;
  const figure = excellentShare(state, unitId, ratingRules);
  return { unitId, period: periodKey, excellentShare: figure.value, exceeded: figure.label === 'cap-exceeded', quotaPercent: ratingRules.policy.excellentQuotaPercent };
};

const officerKey = (officerId: string, kind: string, period: string, measure: string) => `${OFFICER_RATING}/officer/${officerId}/${kind}/${period}/${measure}`;

const periodsOfMonth = (month: string): readonly [string, string][] => {
  const quarter = Math.ceil(Number(month.slice(5, 7)) / 3);
  return [['month', month], ['quarter', `${month.slice(0, 4)}-Q${quarter}`], ['year', month.slice(0, 4)]];
};

const parseKey = (key: string) => {
  if (!key.startsWith(`${OFFICER_RATING}/`)) return undefined;
  const parts = key.split('/');
  if (parts.length < 6) return undefined;
  const scope = parts[1];
  if (scope !== 'officer' && scope !== 'unit') return undefined;
  const [kind, period, measure] = parts.slice(-3) as [string, string, string];
  return { scope, id: parts.slice(2, -3).join('/'), kind, period, measure } as const;
};
