import { t, type Either } from '../../../fp.js';
import { decode } from '../../../kernel/codec.js';
import type { InvalidInput } from '../../../kernel/errors.js';
import { NonEmptyString, NonNegativeInt, refined } from '../../../kernel/primitives.js';
import { isAggregatePeriod } from '../../vocabulary/period.js';

/**
 * Figures no event carries, given as data per scope and period: TT01 unit-level indices 5
 * (empowerment), 6 (publication), 8 (feedback handling) and 9 (online service), and the Decision 766
 * components of transparency, online payment and digitisation (docs/domain/indices.md §1, §2); and
 * the protracted feedback cases an inspection found in the period (`protractedFeedbackCases`), any of
 * which makes TT01 index 8 score 0 whatever the feedback in the log gives.
 * `source` names the document they come from (an inspection report, the portal's statistics). A
 * figure neither given here nor derivable is reported as not measured, never invented. Read models
 * apply them at query time: changed inputs need no rebuild.
 */
const ScopeKey = refined('ScopeKey', t.string, (s) => /^(unit|province)\/[^/]+$/.test(s), 'unit/<unitId> or province/<tenantId>', {
  type: 'string',
  pattern: '^(unit|province)/[^/]+$',
});
const PeriodKey = refined('PeriodKey', t.string, isAggregatePeriod, 'a month 2026-03, quarter 2026-Q1 or year 2026', { type: 'string' });
const Score = t.union([t.literal(0), t.literal(1), t.literal(2)], 'Circular01Score');
const pointsUpTo = (max: number) =>
  refined(`PointsUpTo${max}`, t.number, (n) => Number.isFinite(n) && n >= 0 && n <= max, `points from 0 to ${max}`, {
    type: 'number',
    minimum: 0,
    maximum: max,
  });

const PeriodInputs = t.intersection([
  t.type({ source: NonEmptyString }),
  t.partial({
    circular01: t.exact(t.partial({ '5': Score, '6': Score, '8': Score, '9': Score, protractedFeedbackCases: NonNegativeInt })),
    index766: t.exact(t.partial({ transparency: pointsUpTo(18), onlinePayment: pointsUpTo(10), digitisation: pointsUpTo(22) })),
  }),
]);

export const UnitLevelInputs = t.record(ScopeKey, t.record(PeriodKey, PeriodInputs));
export type UnitLevelInputs = t.TypeOf<typeof UnitLevelInputs>;
export type PeriodInputs = t.TypeOf<typeof PeriodInputs>;

export const decodeUnitLevelInputs = (input: unknown): Either<InvalidInput, UnitLevelInputs> => decode(UnitLevelInputs, input);

export const inputsFor = (inputs: UnitLevelInputs, dimension: 'unit' | 'province', id: string, period: string): PeriodInputs | undefined =>
  inputs[`${dimension}/${id}`]?.[period];
