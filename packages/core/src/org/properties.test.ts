import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar/index.js';
import { isLeft, isRight } from '../fp.js';
import { fold } from '../kernel/decider.js';
import type { UnitCommand } from './commands.js';
import { UnitEvent } from './events.js';
import { at, decider } from './org.testkit.js';
import type { UnitState } from './state.js';
import { UNIT_KINDS } from './vocabulary.js';

const CODE = 'BK-H-CHO-MOI';
const date = fc.integer({ min: 0, max: 3000 }).map((n) => addCalendarDays('2018-01-01', n));
const parent = fc.option(fc.constantFrom('BK-TTPVHCC', 'TN-TTPVHCC', CODE), { nil: undefined });
const province = fc.constantFrom('BK', 'TN');
/** The unit's code and a business time on the effective date; absent optional fields left out. */
const withCode = <T extends { effectiveDate: string }>(data: T) =>
  Object.fromEntries(
    Object.entries({ code: CODE, ...data, occurredAt: at(data.effectiveDate) }).filter(([, value]) => value !== undefined),
  ) as T & { code: string; occurredAt: string };

const command: fc.Arbitrary<UnitCommand> = fc.oneof(
  fc
    .record({
      name: fc.constantFrom('Một cửa Chợ Mới', 'Trung tâm Chợ Mới'),
      kind: fc.constantFrom(...UNIT_KINDS),
      provinceCode: province,
      parentCode: parent,
      effectiveDate: date,
    })
    .map((data): UnitCommand => ({ type: 'EstablishUnit', data: withCode(data) })),
  fc
    .record({
      name: fc.constantFrom('Một cửa Chợ Mới', 'Trung tâm Chợ Mới', 'Bộ phận TN&TKQ Chợ Mới'),
      effectiveDate: date,
    })
    .map((data): UnitCommand => ({ type: 'RenameUnit', data: withCode(data) })),
  fc
    .record({ provinceCode: province, parentCode: parent, effectiveDate: date })
    .map((data): UnitCommand => ({ type: 'ReattachUnit', data: withCode(data) })),
  fc
    .record({ successorCode: fc.constantFrom('TN-X-CHO-MOI', CODE), effectiveDate: date })
    .map((data): UnitCommand => ({ type: 'DissolveUnit', data: withCode(data) })),
);

const run = (sequence: readonly UnitCommand[]) => {
  let state: UnitState = decider.initialState();
  const events: UnitEvent[] = [];
  for (const cmd of sequence) {
    const result = decider.decide(cmd, state);
    if (isLeft(result)) continue;
    for (const event of result.right) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return { state, events };
};

describe('unit stream laws', () => {
  it('replaying the stored events gives the state the decider built step by step', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 20 }), (sequence) => {
        const { state, events } = run(sequence);
        const stored = events.map((event) => UnitEvent.decode(JSON.parse(JSON.stringify(event))));
        expect(stored.every(isRight)).toBe(true);
        expect(fold(decider, stored.flatMap((e) => (isRight(e) ? [e.right] : [])))).toStrictEqual(state);
      }),
    );
  });

  it('changes never take effect before earlier ones, and a dissolved unit changes no more', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 20 }), (sequence) => {
        const { events } = run(sequence);
        const dates = events.map((e) => e.data.effectiveDate);
        expect(dates).toEqual([...dates].sort());
        const dissolution = events.findIndex((e) => e.type === 'UnitDissolved');
        if (dissolution >= 0) expect(dissolution).toBe(events.length - 1);
      }),
    );
  });
});
