import { InvalidArgumentError, type Command } from 'commander';
import { evaluationPeriodOf, RATING_PERIOD_FORMS, type OfficerVerdictOutcome, type Verdict } from '@motcua/core';
import type { CliIo } from '../cli-io.js';
import { nonEmpty } from '../validate.js';
import { registerVerdictCommand } from './audit-incident.js';
import type { GlobalOptions } from './global.js';

const period = (value: string): string => {
  if (evaluationPeriodOf(value) === undefined) throw new InvalidArgumentError(`"${value}" is not a rating period: give ${RATING_PERIOD_FORMS}.`);
  return value;
};

/** The answer first: the scale, the proposal against the decision, the quota; then the facts counted. */
export const officerSummary = (verdict: Verdict): readonly string[] => {
  const o = verdict.outcome as OfficerVerdictOutcome;
  if (o.status === 'no-rules') return ['no rule set rates this period'];
  const f = o.facts;
  return [
    `scale ${o.scale ?? '-'} (${o.ruleSetId ?? '-'})`,
    `proposed ${o.proposed.level ?? '-'}${o.proposed.points === null ? '' : ` (${o.proposed.points} points)`}, recorded ${o.recorded === undefined ? '-' : `${o.recorded.level}${o.recorded.score === undefined ? '' : ` (${o.recorded.score} points)`}`}: ${o.decision}`,
    `dossiers returned ${f.returned} (late ${f.late}), ratings ${f.ratings} (satisfied ${f.satisfied}), praise ${f.praise}, substantiated incidents ${f.substantiated.minor + f.substantiated.serious + f.substantiated['very-serious']}, disciplines ${f.disciplines}`,
    o.quota === undefined
      ? 'no rating agency recorded'
      : `quota of ${o.quota.agencyId}: ${o.quota.excellent} excellent of ${o.quota.goodOrBetter} good or better, ${o.quota.allowed} allowed (${o.quota.percent}%, rounded ${o.quota.rounding})${o.quota.exceeded ? ': EXCEEDED' : ''}`,
    `late entries ${o.lateEntries}, recorded breaches ${o.breaches}`,
  ];
};

export const registerAuditOfficer = (program: Command, io: CliIo, globals: () => GlobalOptions): void =>
  registerVerdictCommand(program, io, globals, {
    kind: 'officer',
    subject: 'officer id, e.g. officer-phuc-vu-hcc-receiving-officer-1 (of the seeded demo)',
    description:
      "why an officer was rated so for a period: the facts counted, the scale in force on the period's last day (Decree 90/2020 four levels, Decree 335/2025 100 points), the proposal against the recorded decision, the rating agency's excellent quota",
    examples: [
      'motcua audit officer officer-phuc-vu-hcc-receiving-officer-1 2026-Q1 --db demo.db',
      'motcua audit officer officer-phuc-vu-hcc-receiving-officer-1/2026 --as-of 2026-04-30 --json --db demo.db',
    ],
    parseSubject: nonEmpty('officer id'),
    qualifier: { name: 'period', description: `the rating period: ${RATING_PERIOD_FORMS}`, parse: period },
    summary: officerSummary,
  });
