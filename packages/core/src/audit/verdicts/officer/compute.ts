import type { RecordedEvent } from '../../../kernel/envelope.js';
import { ratingRulesFor, rulesOfOfficer, versionsOf, type RatingRules } from '../../../read-side/read-models/officer-rating/policy.js';
import { unitInForce } from '../../../read-side/read-models/officer-rating/period-facts.js';
import { isOnTime, isSatisfied, proposalFigures, SEVERITIES, type PeriodFacts, type RatingFigure } from '../../../read-side/read-models/officer-rating/proposal.js';
import { excellentAllowed } from '../../../read-side/read-models/officer-rating/unit-cap.js';
import type { LegalStatus } from '../../../officer/vocabulary.js';
import type { EvaluationScale } from '../../../rules/types.js';
import { cutAsOf, verdictAsOf } from '../../as-of.js';
import type { AsOf, Verdict, VerdictDefinition, VerdictDeps, VerdictStep } from '../../verdict.js';
import { breachStep, inOrderOfUse, lateEntryStep } from '../evidence.js';
import { agencyMembers, assignmentsIn, evaluationOf, foldRatingDocuments, periodFactsOf, type RatingDocuments } from './fold.js';
import { officerSubjectParts } from './subject.js';

export const OFFICERS_SOURCE = {
  levels: 'docs/domain/officers.md §2',
  criteria: 'docs/domain/officers.md §3',
  quota: 'docs/domain/officers.md §4',
  period: 'docs/domain/rules-in-time.md §3',
} as const;

export interface OfficerVerdictOutcome {
  readonly officerId: string;
  readonly period: string;
  /** `no-rules`: not a month, quarter or year under a rule set; `not-proposed`: no fact to propose from. */
  readonly status: 'no-rules' | 'proposed' | 'not-proposed';
  readonly scale: EvaluationScale | null;
  readonly ruleSetId: string | null;
  readonly unitId?: string;
  readonly ratingAgencyId?: string;
  readonly facts: {
    readonly returned: number;
    readonly onTime: number;
    readonly late: number;
    readonly ratings: number;
    readonly satisfied: number;
    readonly praise: number;
    readonly substantiated: Readonly<Record<'minor' | 'serious' | 'very-serious', number>>;
    readonly disciplines: number;
  };
  /** The read model's proposal: points (100-point scale) and level. */
  readonly proposed: { readonly points: number | null; readonly level: string | null };
  /** The unit head's latest decision, if recorded (`EvaluationRecorded`, `EvaluationCorrected`). */
  readonly recorded?: { readonly level: string; readonly score?: number; readonly scale: string; readonly ruleSetId: string; readonly corrections: number };
  /** The decision against the proposal. */
  readonly decision: 'agrees' | 'differs' | 'not-recorded' | 'not-proposed';
  /** The excellent quota of the agency that rates the officer, over the officers of it the log knows. */
  readonly quota?: { readonly agencyId: string; readonly excellent: number; readonly goodOrBetter: number; readonly allowed: number; readonly exceeded: boolean; readonly percent: number; readonly rounding: string };
  readonly lateEntries: number;
  readonly breaches: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Each step and what it gives: `label = number`, or for a band `label: number → band` (`level: 100 → excellent`). */
const describeSteps = (figure: RatingFigure): string =>
  figure.steps
    .map((s) => {
      const value = Number.isInteger(s.result) ? s.result : Math.round(s.result * 1000) / 1000;
      return s.op === 'band' ? `${s.label}: ${value} → ${s.band}` : `${s.label} = ${value}`;
    })
    .join('; ');

const factPositions = (facts: PeriodFacts): number[] => [
  ...facts.returned.flatMap((f) => [f.position, f.via]),
  ...facts.ratings.flatMap((f) => [f.position, f.via]),
  ...facts.praise,
  ...facts.substantiated.flatMap((f) => f.positions),
  ...facts.disciplines,
];

const sorted = (positions: Iterable<number>): number[] => [...new Set(positions)].filter((p) => p > 0).sort((a, b) => a - b);

interface Proposal {
  readonly officerId: string;
  /** The period's rules on the officer's own scale (`rulesOfOfficer`), which the legal status named at appointment chose. */
  readonly rules: RatingRules;
  readonly legalStatus?: LegalStatus;
  readonly facts: PeriodFacts;
  readonly figures: ReturnType<typeof proposalFigures>;
  readonly unit?: { readonly unitId: string; readonly position: number };
  readonly agency?: readonly [string, number];
}

const proposalOf = (documents: RatingDocuments, tenantId: string, officerId: string, periodRules: RatingRules): Proposal => {
  const officer = assignmentsIn(documents, tenantId, officerId);
  const rules = rulesOfOfficer(periodRules, officer);
  const facts = periodFactsOf(documents, tenantId, officerId, rules);
  const unit = unitInForce(officer, rules);
  const agency = officer?.ratingAgency;
  const legalStatus = officer?.legalStatus;
  return {
    officerId,
    rules,
    ...(legalStatus === undefined ? {} : { legalStatus }),
    facts,
    figures: proposalFigures(facts, rules),
    ...(unit === undefined ? {} : { unit }),
    ...(agency === undefined ? {} : { agency }),
  };
};

const levelLabel = (p: Proposal): string | undefined => (p.figures.level.value === null ? undefined : p.figures.level.label);

/**
 * Why was this officer rated so (docs/audit.md, "Dossier and officer verdicts"; DOMAIN dispute 4): the
 * facts of the period as the officer-rating read model attributes them, the scale in force on the
 * period's last day, the read model's proposal (`proposalFigures`) against the unit head's recorded
 * decision, and the excellent quota of the agency that rates the officer (`excellentAllowed`). The
 * subject is `<officerId>/<period>` (`OF-1/2026-Q1`). The events given are the province's events of
 * the read model's types (`gatherOfficerEvents`); the verdict keeps those on the streams its facts,
 * the officer's and the quota's name, which fold to the same documents for them.
 */
export const computeOfficerVerdict = (
  events: readonly RecordedEvent[],
  subject: { readonly tenantId: string; readonly subject: string; readonly asOf?: AsOf },
  deps: VerdictDeps,
): Verdict<OfficerVerdictOutcome> => {
  const { tenantId } = subject;
  const { officerId, periodKey } = officerSubjectParts(subject.subject);
  const cut = cutAsOf(events, subject.asOf).filter((event) => event.metadata.tenantId === tenantId);
  const periodRules = ratingRulesFor(deps.rules, periodKey);
  const emptyFacts = { returned: 0, onTime: 0, late: 0, ratings: 0, satisfied: 0, praise: 0, substantiated: { minor: 0, serious: 0, 'very-serious': 0 }, disciplines: 0 };
  if (periodRules === undefined) {
    return {
      kind: 'officer',
      tenantId,
      subject: subject.subject,
      asOf: verdictAsOf(subject.asOf, []),
      outcome: { officerId, period: periodKey, status: 'no-rules', scale: null, ruleSetId: null, facts: emptyFacts, proposed: { points: null, level: null }, decision: 'not-proposed', lateEntries: 0, breaches: 0 },
      steps: [{ id: 'scale', finding: `"${periodKey}" is not a month, quarter or year under a rule set (e.g. 2026-Q1): no scale to rate on.`, events: [] }],
      ruleSetVersions: [],
      calendarVersions: [],
      events: [],
    };
  }
  const documents = foldRatingDocuments(cut);
  const own = proposalOf(documents, tenantId, officerId, periodRules);
  // The officer's own scale: the legal status named at appointment chooses it (docs/domain/officers.md §2).
  const { rules } = own;
  const evaluation = evaluationOf(documents, tenantId, officerId, periodKey);
  const decisions = cut.filter(
    (e) => (e.type === 'EvaluationRecorded' || e.type === 'EvaluationCorrected') && (e.data as { officerId: string; period: string }).officerId === officerId && (e.data as { period: string }).period === periodKey,
  );

  // The quota: the proposals of every officer the rating agency seconds who serves at a desk at the period's end.
  const agencyId = own.agency?.[0];
  const members =
    agencyId === undefined
      ? []
      : agencyMembers(documents, tenantId, agencyId)
          .map((id) => (id === officerId ? own : proposalOf(documents, tenantId, id, periodRules)))
          .filter((p) => p.unit !== undefined && p.agency?.[0] === agencyId && levelLabel(p) !== undefined);
  const goodOrBetter = members.filter((p) => levelLabel(p) === 'excellent' || levelLabel(p) === 'good');
  const excellent = goodOrBetter.filter((p) => levelLabel(p) === 'excellent');
  const allowance = excellentAllowed(goodOrBetter.length, rules);

  const { facts, figures } = own;
  const judged = facts.ratings.filter((f) => isSatisfied(f, rules) !== undefined);
  const onTime = facts.returned.filter((f) => isOnTime(f, rules)).length;
  const count = (severity: (typeof SEVERITIES)[number]) => facts.substantiated.filter((f) => f.severity === severity).length;
  const outcomeFacts = {
    returned: facts.returned.length,
    onTime,
    late: facts.returned.length - onTime,
    ratings: judged.length,
    satisfied: judged.filter((f) => isSatisfied(f, rules) === true).length,
    praise: facts.praise.length,
    substantiated: { minor: count('minor'), serious: count('serious'), 'very-serious': count('very-serious') },
    disciplines: facts.disciplines.length,
  };
  const proposedLevel = levelLabel(own) ?? null;
  const points = figures.points.value;
  const decision: OfficerVerdictOutcome['decision'] =
    proposedLevel === null ? 'not-proposed' : evaluation === undefined ? 'not-recorded' : evaluation.level === proposedLevel ? 'agrees' : 'differs';

  const { ruleSet, policy, criteria, period } = rules;
  const scaleText =
    rules.scale === 'hundred-points-decree-335-2025'
      ? `100 points (Decree 335/2025): excellent ≥ ${policy.bands.excellent}, good ≥ ${policy.bands.good}, completed ≥ ${policy.bands.completed}`
      : criteria === undefined
        ? `four levels (Decree 90/2020), banded on an indicative score: excellent ≥ ${policy.bands.excellent}, good ≥ ${policy.bands.good}, completed ≥ ${policy.bands.completed}`
        : `four levels (Decree 90/2020) by the criteria ${criteria.version}: good with at most ${criteria.goodBelowStandardAtMost.value}% of tasks below standard, excellent with at least ${criteria.excellentExceededAtLeast.value}% exceeded, not completed above ${criteria.notCompletedBelowStandardAbove.value}% below standard`;
  // The scale a legal status has of its own in the set, if any: the officer's status chose it.
  const { legalStatus } = own;
  const ownScale = legalStatus === undefined ? undefined : ruleSet.evaluationScaleByStatus?.[legalStatus];
  const scaleField = ownScale === undefined ? 'evaluationScale' : `evaluationScaleByStatus.${legalStatus}`;
  const allFacts = sorted(factPositions(facts));
  const steps: VerdictStep[] = [
    {
      id: 'scale',
      finding:
        `Period ${period.key} (${period.start} to ${period.end}) is rated under ${ruleSet.id}, the rule set in force on its last day` +
        `${legalStatus === undefined ? '' : `, for a ${legalStatus}`}: ${scaleText}.`,
      rule: { ruleSetId: ruleSet.id, field: criteria === undefined ? scaleField : `${scaleField}, fourLevelCriteria`, source: `${OFFICERS_SOURCE.levels}; ${OFFICERS_SOURCE.period}` },
      events: [],
      values: { scale: rules.scale, ruleSetId: ruleSet.id, policy: policy.version, criteria: criteria?.version ?? null },
    },
    {
      id: 'facts',
      finding:
        `Officer ${officerId}${own.unit === undefined ? ' served at no desk at the end of the period' : ` served in ${own.unit.unitId} at the end of the period`}` +
        `${agencyId === undefined ? '' : `, rated by ${agencyId}`}. In ${period.key}: ${plural(outcomeFacts.returned, 'dossier')} returned ` +
        `(${outcomeFacts.onTime} on time, ${outcomeFacts.late} late, judged where the result reached the desk against the ${policy.timelinessAgainst === 'due-date' ? 'due date in force' : 'original due date'}), ` +
        `${plural(outcomeFacts.ratings, 'rating')} about officers (${outcomeFacts.satisfied} satisfied), ${outcomeFacts.praise} praise, ` +
        `substantiated incidents: ${SEVERITIES.map((s) => `${outcomeFacts.substantiated[s]} ${s}`).join(', ')}; ${plural(outcomeFacts.disciplines, 'discipline')} decided.`,
      rule: { ruleSetId: ruleSet.id, field: `officerRatingProposal.timelinessAgainst = ${policy.timelinessAgainst}`, source: OFFICERS_SOURCE.levels },
      events: allFacts,
      values: { returned: outcomeFacts.returned, onTime, late: outcomeFacts.late, ratings: outcomeFacts.ratings, satisfied: outcomeFacts.satisfied, praise: outcomeFacts.praise, disciplines: outcomeFacts.disciplines },
    },
    {
      id: 'proposal',
      finding:
        proposedLevel === null
          ? `No proposal: ${figures.level.notMeasured ?? 'nothing to propose from'}.`
          : `Proposed ${proposedLevel}${points === null ? '' : ` with ${points} points`} (${policy.version}${criteria === undefined ? '' : `, ${criteria.version}`}): ${describeSteps(figures.level)}.`,
      rule: { ruleSetId: ruleSet.id, field: criteria === undefined ? 'officerRatingProposal' : 'fourLevelCriteria', source: criteria === undefined ? OFFICERS_SOURCE.levels : OFFICERS_SOURCE.criteria },
      events: sorted(figures.level.positions),
      values: { points, level: proposedLevel, figure: figures.level.value },
    },
    {
      id: 'decision',
      finding:
        evaluation === undefined
          ? `No rating recorded for ${period.key}.`
          : `The unit head recorded ${evaluation.level}${evaluation.score === undefined ? '' : ` (${evaluation.score} points)`} on the scale ${evaluation.scale} under ${evaluation.ruleSetId}` +
            `${decisions.length > 1 ? `, after ${plural(decisions.length - 1, 'correction')}` : ''}: ` +
            (decision === 'agrees'
              ? `the level proposed${points !== null && evaluation.score !== undefined && evaluation.score !== points ? `, with ${evaluation.score} points against the ${points} proposed` : ''}.`
              : decision === 'differs' ? `not as proposed (${proposedLevel ?? '-'}${points === null ? '' : `, ${points} points`}); the proposal is input, the recorded decision stands.` : 'nothing was proposed.') +
            (evaluation.scale === rules.scale ? '' : ` The scale recorded differs from the one in force on the period's last day (${rules.scale}).`),
      rule: { ruleSetId: evaluation?.ruleSetId ?? ruleSet.id, field: scaleField, source: OFFICERS_SOURCE.levels },
      events: sorted(decisions.map((e) => e.metadata.globalPosition)),
      values: { recordedLevel: evaluation?.level ?? null, recordedScore: evaluation?.score ?? null, decision },
    },
  ];
  if (agencyId !== undefined) {
    const exceeded = excellent.length > allowance.allowed;
    steps.push({
      id: 'quota',
      finding:
        `${agencyId}, which rates the officer, has ${plural(goodOrBetter.length, 'officer')} proposed good or better at desks this log knows, ${excellent.length} excellent; ` +
        `${policy.excellentQuotaPercent}% of ${goodOrBetter.length} is ${Math.round(allowance.exact * 100) / 100}, rounded ${allowance.rounding.value} (${allowance.rounding.status}): ${allowance.allowed} allowed, ` +
        `${exceeded ? 'exceeded' : 'within the quota'}.` +
        (proposedLevel === 'excellent' || evaluation?.level === 'excellent' ? ` ${officerId} is among the excellent (${proposedLevel === 'excellent' ? 'proposed' : 'recorded'}).` : ''),
      rule: { ruleSetId: ruleSet.id, field: 'officerRatingProposal.excellentQuotaPercent, excellentQuotaRounding', source: OFFICERS_SOURCE.quota },
      events: sorted(members.flatMap((p) => [p.unit?.position ?? 0, p.agency?.[1] ?? 0])),
      values: { agencyId, excellent: excellent.length, goodOrBetter: goodOrBetter.length, allowed: allowance.allowed, exceeded },
    });
  }

  // The events kept: every stream a fact, the officer's record or the quota names, whole, so they fold again to the same documents.
  const named = new Set<number>([
    ...allFacts,
    ...decisions.map((e) => e.metadata.globalPosition),
    ...[own, ...members].flatMap((p) => [p.unit?.position ?? 0, p.agency?.[1] ?? 0, ...factPositions(p.facts)]),
  ]);
  const streams = new Set(cut.filter((e) => named.has(e.metadata.globalPosition)).map((e) => e.metadata.streamId));
  const used = cut.filter((e) => streams.has(e.metadata.streamId));
  const evidence = cut.filter((e) => allFacts.includes(e.metadata.globalPosition) || decisions.includes(e));
  const lateEntries = lateEntryStep(evidence, subject.asOf);
  const breaches = breachStep(evidence);
  if (lateEntries !== undefined) steps.push(lateEntries);
  if (breaches !== undefined) steps.push(breaches);

  const outcome: OfficerVerdictOutcome = {
    officerId,
    period: period.key,
    status: proposedLevel === null ? 'not-proposed' : 'proposed',
    scale: rules.scale,
    ruleSetId: ruleSet.id,
    ...(own.unit === undefined ? {} : { unitId: own.unit.unitId }),
    ...(agencyId === undefined ? {} : { ratingAgencyId: agencyId }),
    facts: outcomeFacts,
    proposed: { points, level: proposedLevel },
    ...(evaluation === undefined
      ? {}
      : {
          recorded: {
            level: evaluation.level,
            ...(evaluation.score === undefined ? {} : { score: evaluation.score }),
            scale: evaluation.scale,
            ruleSetId: evaluation.ruleSetId,
            corrections: Math.max(0, decisions.length - 1),
          },
        }),
    decision,
    ...(agencyId === undefined
      ? {}
      : {
          quota: {
            agencyId,
            excellent: excellent.length,
            goodOrBetter: goodOrBetter.length,
            allowed: allowance.allowed,
            exceeded: excellent.length > allowance.allowed,
            percent: policy.excellentQuotaPercent,
            rounding: allowance.rounding.value,
          },
        }),
    lateEntries: Number(lateEntries?.values?.lateEntries ?? 0),
    breaches: Number(breaches?.values?.breaches ?? 0),
  };
  return {
    kind: 'officer',
    tenantId,
    subject: subject.subject,
    asOf: verdictAsOf(subject.asOf, used),
    outcome,
    steps,
    ruleSetVersions: inOrderOfUse([...versionsOf(rules), evaluation?.ruleSetId]),
    calendarVersions: [],
    events: used.map((e) => e.metadata.globalPosition),
  };
};

export const officerVerdict: VerdictDefinition<OfficerVerdictOutcome> = { kind: 'officer', compute: computeOfficerVerdict };
