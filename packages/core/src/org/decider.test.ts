import { describe, expect, it } from 'vitest';
import { fold } from '../kernel/decider.js';
import {
  decider,
  dissolve,
  dissolved,
  establish,
  established,
  reattach,
  reattached,
  rename,
  renamed,
  spec,
} from './org.testkit.js';
import { unitNameAt } from './state.js';

describe('EstablishUnit', () => {
  it('records a district desk', () => {
    spec.given([]).when(establish()).then([established()]);
  });

  it('records a receipt point under its commune centre', () => {
    const point = {
      code: 'TN-X-CHO-MOI-DP1',
      name: 'Điểm tiếp nhận số 1 xã Chợ Mới',
      kind: 'receipt-point',
      parentCode: 'TN-X-CHO-MOI',
      provinceCode: 'TN',
      effectiveDate: '2025-07-01',
    } as const;
    spec.given([]).when(establish(point)).then([established(point)]);
  });
});

describe('RenameUnit', () => {
  it('records the new name and the one it replaces', () => {
    spec.given([established()]).when(rename()).then([renamed()]);
  });

  it('keeps each name with the date it took effect', () => {
    const state = fold(decider, [established(), renamed()]);
    expect(state.status === 'active' && [unitNameAt(state, '2019-12-31'), unitNameAt(state, '2020-01-01')]).toEqual([
      'Bộ phận Một cửa huyện Chợ Mới',
      'Bộ phận Tiếp nhận và Trả kết quả huyện Chợ Mới',
    ]);
  });
});

describe('ReattachUnit', () => {
  it('moves a unit into the merged province under the new centre', () => {
    spec.given([established()]).when(reattach()).then([reattached()]);
  });

  it('detaches a unit from its parent', () => {
    spec
      .given([established({ parentCode: 'BK-TTPVHCC' })])
      .when(reattach({ parentCode: undefined }))
      .then([reattached({ parentCode: undefined })]);
  });

  it('accepts a change on the same day as the previous one', () => {
    spec.given([established(), reattached()]).when(rename({ effectiveDate: '2025-07-01' })).then([
      renamed({ effectiveDate: '2025-07-01' }),
    ]);
  });
});

describe('DissolveUnit', () => {
  it('hands the work over to the successor from the effective date', () => {
    spec.given([established()]).when(dissolve()).then([dissolved()]);
    const state = fold(decider, [established(), dissolved()]);
    expect(state).toMatchObject({ status: 'dissolved', dissolvedOn: '2025-07-01', successorCode: 'TN-X-CHO-MOI' });
  });
});
