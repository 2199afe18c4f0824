import type { RoundingMode } from '../../rules/types.js';
import type { ArithmeticStep, Explanation } from './explanation.js';

const EPSILON = 1e-9;

export const roundTo = (value: number, digits: number, mode: RoundingMode): number => {
  const factor = 10 ** digits;
  // Scaled values like 1.25 * 10 are exact enough; 1.005-style binary artefacts are nudged by EPSILON.
  const scaled = value * factor;
  const floor = Math.floor(scaled + EPSILON);
  const fraction = scaled - floor;
  const half = Math.abs(fraction - 0.5) < EPSILON;
  const rounded = half ? (mode === 'half-up' ? floor + 1 : floor % 2 === 0 ? floor : floor + 1) : Math.round(scaled);
  return rounded / factor;
};

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** What a step's result must be, from its operands alone; `undefined` for steps re-added elsewhere. */
export const recompute = (step: ArithmeticStep): number | undefined => {
  switch (step.op) {
    case 'sum':
      return sum(step.inputs);
    case 'mean':
      return step.inputs.length === 0 ? 0 : sum(step.inputs) / step.inputs.length;
    case 'count':
      return step.inputs.length;
    case 'min':
      return Math.min(...step.inputs);
    case 'max':
      return Math.max(...step.inputs);
    case 'copy':
      return step.inputs[0];
    case 'ratio':
      return step.inputs[1] === 0 ? 0 : step.inputs[0] / step.inputs[1];
    case 'round':
      return roundTo(step.inputs[0], step.digits, step.mode);
    case 'band':
      return step.inputs[0];
  }
};

/** Problems found re-adding an explanation: each step from its operands, and the last step to the value. */
export const reAddProblems = (explanation: Explanation): readonly string[] => {
  const problems: string[] = [];
  explanation.steps.forEach((step, index) => {
    const expected = recompute(step);
    if (expected !== undefined && Math.abs(expected - step.result) > EPSILON * Math.max(1, Math.abs(expected))) {
      problems.push(`step ${index + 1} (${step.label}): ${step.op} of [${step.inputs.join(', ')}] is ${expected}, not ${step.result}`);
    }
  });
  const last = explanation.steps.at(-1);
  if (explanation.value !== null && (last === undefined || Math.abs(last.result - explanation.value) > EPSILON)) {
    problems.push(`the figure ${explanation.value} is not the last step's result ${last?.result ?? '(no steps)'}`);
  }
  const positions = explanation.contributions.map((ref) => ref.globalPosition);
  if (positions.some((position, index) => index > 0 && position <= positions[index - 1]!)) {
    problems.push('contributions are not in strictly increasing global order');
  }
  return problems;
};
