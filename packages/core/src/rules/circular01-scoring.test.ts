import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { decodeRuleSet } from './codecs.js';
import { BUILT_IN_RULE_SETS, CIRCULAR01_SCORING_V1 } from './index.js';

describe('TT01 scoring as a rule-set setting', () => {
  it('every built-in rule set carries circular01-scoring-v1: index 7 of a late dossier is 0', () => {
    for (const set of BUILT_IN_RULE_SETS) expect(set.circular01Scoring, set.id).toBe(CIRCULAR01_SCORING_V1);
    expect(CIRCULAR01_SCORING_V1.lateWithoutComplaintAttitude).toBe(0);
  });

  it('a rule set from outside is refused when its scoring policy is malformed, naming the field', () => {
    const [set] = BUILT_IN_RULE_SETS;
    const result = decodeRuleSet({ ...set, circular01Scoring: { ...CIRCULAR01_SCORING_V1, lateWithoutComplaintAttitude: 2 } });
    expect(isLeft(result) && result.left.issues.map((issue) => issue.field)).toEqual(['circular01Scoring.lateWithoutComplaintAttitude']);
    const { circular01Scoring: _policy, ...older } = set!;
    expect(isRight(decodeRuleSet(older))).toBe(true);
  });
});
