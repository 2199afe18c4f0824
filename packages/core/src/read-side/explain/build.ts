import type { RoundingMode, RuleBook } from '../../rules/types.js';
import type { ArithmeticStep, EventRef, Explanation } from './explanation.js';
import { roundTo } from './re-add.js';

/** `count` of members: one input per member, so the count can be re-added by anyone. */
export const countStep = (label: string, members: number): ArithmeticStep => ({
  label,
  op: 'count',
  inputs: new Array<number>(members).fill(1),
  result: members,
});

/**
 * A percentage as re-addable steps: `ratio` of the part to a hundredth of the whole, then `round`.
 * 352 satisfied of 400 → ratio [352, 4] = 88 → 88.0.
 */
export const percentSteps = (label: string, part: number, whole: number, digits: number, mode: RoundingMode): ArithmeticStep[] => {
  const percent = whole === 0 ? 0 : part / (whole / 100);
  return [
    { label: `${label}: ${part} of ${whole}, per hundred`, op: 'ratio', inputs: [part, whole / 100], result: percent },
    { label, op: 'round', inputs: [percent], digits, mode, result: roundTo(percent, digits, mode) },
  ];
};

export const percentOf = (part: number, whole: number, digits: number, mode: RoundingMode): number =>
  roundTo(whole === 0 ? 0 : part / (whole / 100), digits, mode);

/** Event references in global order, each once. */
export const inGlobalOrder = (refs: Iterable<EventRef>): EventRef[] => {
  const byPosition = new Map<number, EventRef>();
  for (const ref of refs) byPosition.set(ref.globalPosition, ref);
  return [...byPosition.values()].sort((a, b) => a.globalPosition - b.globalPosition);
};

/** Rule set ids oldest first (by effective date in `rules`; unknown ids last, by name). */
export const ruleSetsInOrder = (rules: RuleBook, ids: Iterable<string>): string[] =>
  [...new Set(ids)].sort((a, b) => {
    const from = (id: string) => rules.byId(id)?.effectiveFrom ?? '9999-12-31';
    return from(a) < from(b) ? -1 : from(a) > from(b) ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });

export const explanation = (fields: Explanation): Explanation => fields;
