import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../kernel/envelope.js';
import { byProvince, byProvinceReadModel, onlyProvince, provincesOf, splitProvinceKey } from './by-province.js';
import { tableChanges, touch, untilFirstCommit, type Projection } from './engine/index.js';
import type { ExplainableReadModel } from '../read-side/explain/index.js';

/** Receipts counted per unit: a unit code is a province's own. */
type Counts = { units: Record<string, number> };
const counts: Projection<Counts> = {
  name: 'counts',
  version: 1,
  mutable: true,
  changes: tableChanges<Counts>(),
  eventTypes: ['Received'],
  initialState: () => untilFirstCommit({ units: {} }),
  handle: (state, event) => {
    const unit = (event.data as { unit: string }).unit;
    state.units[unit] = (state.units[unit] ?? 0) + 1;
    touch(state.units, unit);
    return state;
  },
};
const countsReadModel: ExplainableReadModel<Counts> = {
  name: 'counts',
  keys: (state) => Object.keys(state.units).map((unit) => `counts/${unit}`),
  explain: (state, key) => {
    const value = state.units[key.slice('counts/'.length)];
    return value === undefined ? undefined : { readModel: 'counts', key, value, ruleSetVersions: [], contributions: [], steps: [] };
  },
};

let position = 0;
const received = (tenantId: string, unit: string, type = 'Received'): RecordedEvent => {
  position += 1;
  return {
    type,
    data: { unit },
    metadata: {
      eventId: `e-${position}`,
      streamId: `unit-${tenantId}:${unit}`,
      streamVersion: 1,
      globalPosition: position,
      recordedAt: '2026-03-02T02:00:00.000Z',
      occurredAt: '2026-03-02T09:00:00+07:00',
      actor: { id: 'officer-1', role: 'receptionist' },
      tenantId,
      correlationId: `c-${position}`,
      causationId: `c-${position}`,
    },
  } as RecordedEvent;
};

const projection = byProvince(counts);
const readModel = byProvinceReadModel(projection, countsReadModel);

describe('a read model kept by province', () => {
  it('given the same unit code in two provinces, counts each in its own province and prefixes its keys', () => {
    const state = [received('thai-nguyen', 'H12'), received('bac-kan', 'H12'), received('thai-nguyen', 'H12'), received('bac-kan', 'H12', 'Other')].reduce(
      projection.handle,
      projection.initialState(),
    );
    expect(provincesOf(state)).toEqual(['bac-kan', 'thai-nguyen']);
    expect(projection.province(state, 'thai-nguyen').units).toEqual({ H12: 2 });
    expect(projection.province(state, 'bac-kan').units).toEqual({ H12: 1 });
    expect([...readModel.keys(state)].sort()).toEqual(['bac-kan/counts/H12', 'thai-nguyen/counts/H12']);
    expect(readModel.explain(state, 'bac-kan/counts/H12')).toMatchObject({ key: 'bac-kan/counts/H12', value: 1 });
  });

  it('answers nothing for a key without a province, or of a province it has no state for', () => {
    const state = projection.handle(projection.initialState(), received('thai-nguyen', 'H12'));
    expect(readModel.explain(state, 'counts/H12')).toBeUndefined();
    expect(readModel.explain(state, 'bac-kan/counts/H12')).toBeUndefined();
    expect(readModel.keys(onlyProvince(state, 'bac-kan'))).toEqual([]);
    expect(readModel.keys(onlyProvince(state, 'thai-nguyen'))).toEqual(['thai-nguyen/counts/H12']);
    expect(splitProvinceKey('thai-nguyen/counts/a/b')).toEqual({ tenantId: 'thai-nguyen', key: 'counts/a/b' });
  });

  it('reports the entries an event changed under its province, including a province first seen after a commit', () => {
    const state = projection.handle(projection.initialState(), received('thai-nguyen', 'H12'));
    projection.changes?.settle(state);
    projection.handle(state, received('bac-kan', 'H55'));
    projection.handle(state, received('thai-nguyen', 'H12'));
    expect([...(projection.changes?.since(state) ?? [])].sort()).toEqual([
      ['bac-kan/units', 'H55'],
      ['thai-nguyen/units', 'H12'],
    ]);
  });

  it('refuses an event whose province could run into another one', () => {
    expect(() => projection.handle(projection.initialState(), received('a/b', 'H12'))).toThrow(/tenantId must be a province id/);
  });
});
