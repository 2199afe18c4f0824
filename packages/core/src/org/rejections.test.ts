import { describe, expect, it } from 'vitest';
import type { UnitCommand } from './commands.js';
import { UnitErrorCode } from './errors.js';
import type { UnitEvent } from './events.js';
import { dissolve, dissolved, establish, established, reattach, reattached, rename, spec } from './org.testkit.js';

interface Rejection {
  readonly name: string;
  readonly given: readonly UnitEvent[];
  readonly when: UnitCommand;
  readonly code: UnitErrorCode;
}

const gone = [established(), dissolved()];

const rejections: readonly Rejection[] = [
  { name: 'establishing a code twice', given: [established()], when: establish(), code: 'UNIT_ALREADY_ESTABLISHED' },
  { name: 'renaming an unknown unit', given: [], when: rename(), code: 'UNIT_NOT_ESTABLISHED' },
  { name: 'reattaching an unknown unit', given: [], when: reattach(), code: 'UNIT_NOT_ESTABLISHED' },
  { name: 'dissolving an unknown unit', given: [], when: dissolve(), code: 'UNIT_NOT_ESTABLISHED' },
  { name: 're-establishing a dissolved code', given: gone, when: establish(), code: 'UNIT_DISSOLVED' },
  { name: 'renaming a dissolved unit', given: gone, when: rename({ effectiveDate: '2025-08-01' }), code: 'UNIT_DISSOLVED' },
  { name: 'dissolving twice', given: gone, when: dissolve(), code: 'UNIT_DISSOLVED' },
  { name: 'a unit as its own parent', given: [], when: establish({ parentCode: 'BK-H-CHO-MOI' }), code: 'UNIT_OWN_PARENT' },
  {
    name: 'reattaching a unit under itself',
    given: [established()],
    when: reattach({ parentCode: 'BK-H-CHO-MOI' }),
    code: 'UNIT_OWN_PARENT',
  },
  {
    name: 'a receipt point without a parent',
    given: [],
    when: establish({ code: 'TN-X-CHO-MOI-DP1', kind: 'receipt-point' }),
    code: 'UNIT_PARENT_REQUIRED',
  },
  {
    name: 'detaching a receipt point from its commune',
    given: [established({ code: 'TN-X-CHO-MOI-DP1', kind: 'receipt-point', parentCode: 'TN-X-CHO-MOI' })],
    when: reattach({ code: 'TN-X-CHO-MOI-DP1', parentCode: undefined }),
    code: 'UNIT_PARENT_REQUIRED',
  },
  {
    name: 'renaming to the current name',
    given: [established()],
    when: rename({ name: 'Bộ phận Một cửa huyện Chợ Mới' }),
    code: 'UNIT_NO_CHANGE',
  },
  { name: 'reattaching where it already is', given: [established(), reattached()], when: reattach(), code: 'UNIT_NO_CHANGE' },
  {
    name: 'a rename dated before the last change',
    given: [established(), reattached()],
    when: rename({ effectiveDate: '2025-06-30' }),
    code: 'UNIT_EFFECTIVE_DATE_TOO_EARLY',
  },
  {
    name: 'a dissolution on the day of establishment',
    given: [established()],
    when: dissolve({ effectiveDate: '2018-07-01' }),
    code: 'UNIT_EFFECTIVE_DATE_TOO_EARLY',
  },
  {
    name: 'a unit succeeding itself',
    given: [established()],
    when: dissolve({ successorCode: 'BK-H-CHO-MOI' }),
    code: 'UNIT_SUCCESSOR_IS_SELF',
  },
];

describe('unit rejections', () => {
  it.each(rejections)('rejects $name with $code', ({ given, when, code }) => {
    spec.given(given).when(when).thenFails(code, 'BusinessRuleViolated');
  });

  it('covers every unit error code', () => {
    const covered = new Set(rejections.map((r) => r.code));
    expect(Object.values(UnitErrorCode).filter((code) => !covered.has(code))).toEqual([]);
  });
});
