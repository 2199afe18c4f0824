import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays as addDays } from '../calendar/index.js';
import type { UnitEvent } from './events.js';
import { at, dissolved, established, unitsFrom } from './org.testkit.js';
import type { UnitRecord, UnitState } from './state.js';
import { resolveSuccessor } from './successor.js';
import type { UnitKind } from './vocabulary.js';

/**
 * 1 July 2025: Bắc Kạn merges into Thái Nguyên (Resolution 202/2025/QH15) and districts are abolished
 * (Law 72/2025/QH15). Commune codes and names below are illustrative.
 */
const reform = (code: string, successorCode: string) =>
  dissolved({ code, successorCode, reason: '2025 reform', occurredAt: at('2025-06-30') });
const unit = (code: string, name: string, kind: UnitKind, provinceCode: string, effectiveDate: string, parentCode?: string) =>
  established({ code, name, kind, provinceCode, effectiveDate, parentCode, occurredAt: at(effectiveDate) });

const streams: UnitEvent[][] = [
  [unit('TN-TTPVHCC', 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên', 'province-centre', 'TN', '2019-01-01')],
  [
    unit('BK-TTPVHCC', 'Trung tâm Phục vụ hành chính công tỉnh Bắc Kạn', 'province-centre', 'BK', '2019-03-01'),
    reform('BK-TTPVHCC', 'TN-TTPVHCC'),
  ],
  [
    unit('BK-H-CHO-MOI', 'Bộ phận Một cửa huyện Chợ Mới', 'district-desk', 'BK', '2018-07-01'),
    reform('BK-H-CHO-MOI', 'TN-X-CHO-MOI'),
  ],
  // A commune merged away in the 2020 commune mergers, whose successor is merged again in 2025.
  [
    unit('BK-X-NONG-HA', 'Bộ phận Một cửa xã Nông Hạ', 'commune-desk', 'BK', '2018-07-01', 'BK-H-CHO-MOI'),
    dissolved({ code: 'BK-X-NONG-HA', successorCode: 'BK-X-THANH-VAN', effectiveDate: '2020-02-01', occurredAt: at('2020-01-20') }),
  ],
  [
    unit('BK-X-THANH-VAN', 'Bộ phận Một cửa xã Thanh Vận', 'commune-desk', 'BK', '2018-07-01', 'BK-H-CHO-MOI'),
    reform('BK-X-THANH-VAN', 'TN-X-CHO-MOI'),
  ],
  [
    unit('TN-X-CHO-MOI', 'Trung tâm PVHCC xã Chợ Mới', 'commune-desk', 'TN', '2025-07-01', 'TN-TTPVHCC'),
  ],
];
const units = unitsFrom(streams);

const owner = (code: string, asOf: string) => {
  const result = resolveSuccessor(units, code, asOf);
  return result.kind === 'resolved' ? { owner: result.unit.code, chain: result.chain } : { kind: result.kind };
};

describe('who owns the work of a unit on a date (dispute 9)', () => {
  it('a district desk keeps its dossiers until 30 June 2025; the new commune centre has them from 1 July', () => {
    expect(owner('BK-H-CHO-MOI', '2025-03-10')).toEqual({ owner: 'BK-H-CHO-MOI', chain: ['BK-H-CHO-MOI'] });
    expect(owner('BK-H-CHO-MOI', '2025-06-30')).toEqual({ owner: 'BK-H-CHO-MOI', chain: ['BK-H-CHO-MOI'] });
    expect(owner('BK-H-CHO-MOI', '2025-07-01')).toEqual({ owner: 'TN-X-CHO-MOI', chain: ['BK-H-CHO-MOI', 'TN-X-CHO-MOI'] });
  });

  it('the Bắc Kạn centre is succeeded by the Thái Nguyên centre', () => {
    expect(owner('BK-TTPVHCC', '2025-06-30')).toEqual({ owner: 'BK-TTPVHCC', chain: ['BK-TTPVHCC'] });
    expect(owner('BK-TTPVHCC', '2026-02-01')).toEqual({ owner: 'TN-TTPVHCC', chain: ['BK-TTPVHCC', 'TN-TTPVHCC'] });
  });

  it('follows a chain of mergers as far as the date reaches', () => {
    expect(owner('BK-X-NONG-HA', '2019-05-05')).toEqual({ owner: 'BK-X-NONG-HA', chain: ['BK-X-NONG-HA'] });
    expect(owner('BK-X-NONG-HA', '2022-05-05')).toEqual({ owner: 'BK-X-THANH-VAN', chain: ['BK-X-NONG-HA', 'BK-X-THANH-VAN'] });
    expect(owner('BK-X-NONG-HA', '2025-07-01')).toEqual({
      owner: 'TN-X-CHO-MOI',
      chain: ['BK-X-NONG-HA', 'BK-X-THANH-VAN', 'TN-X-CHO-MOI'],
    });
  });

  it('says when a code is unknown, or was not yet established', () => {
    expect(resolveSuccessor(units, 'HN-X-TAN-XA', '2025-07-01')).toMatchObject({ kind: 'unknown-unit', code: 'HN-X-TAN-XA' });
    expect(resolveSuccessor(units, 'TN-X-CHO-MOI', '2025-06-30')).toMatchObject({ kind: 'not-yet-established' });
    const withoutSuccessor = units.filter((u) => u.status === 'not-established' || u.code !== 'TN-X-CHO-MOI');
    expect(resolveSuccessor(withoutSuccessor, 'BK-H-CHO-MOI', '2025-07-01')).toEqual({
      kind: 'unknown-unit',
      code: 'TN-X-CHO-MOI',
      chain: ['BK-H-CHO-MOI', 'TN-X-CHO-MOI'],
    });
  });

  it('stops at a loop of successor links instead of following it for ever', () => {
    const loop = unitsFrom([
      [established({ code: 'A' }), dissolved({ code: 'A', successorCode: 'B' })],
      [established({ code: 'B' }), dissolved({ code: 'B', successorCode: 'A' })],
    ]);
    expect(resolveSuccessor(loop, 'A', '2025-07-01')).toEqual({ kind: 'cycle', chain: ['A', 'B', 'A'] });
  });
});

describe('successor resolution laws', () => {
  const day = (n: number) => addDays('2018-01-01', n);
  /** Any graph of successor links, loops and self-links included, with dissolution dates. */
  const graph = fc.integer({ min: 1, max: 8 }).chain((size) =>
    fc.array(
      fc.record({
        established: fc.integer({ min: 0, max: 1000 }),
        dissolution: fc.option(fc.record({ after: fc.integer({ min: 1, max: 2000 }), successor: fc.nat(size - 1) }), {
          nil: undefined,
        }),
      }),
      { minLength: size, maxLength: size },
    ),
  );
  type Spec = { established: number; dissolution?: { after: number; successor: number } | undefined };
  const toUnits = (specs: readonly Spec[]): UnitRecord[] =>
    specs.map((s, i) => ({
      status: s.dissolution ? 'dissolved' : 'active',
      code: `U${i}`,
      kind: 'commune-desk',
      name: `Unit ${i}`,
      provinceCode: 'TN',
      establishedOn: day(s.established),
      lastChangeOn: day(s.established),
      names: [{ name: `Unit ${i}`, from: day(s.established) }],
      attachments: [{ provinceCode: 'TN', from: day(s.established) }],
      ...(s.dissolution
        ? { dissolvedOn: day(s.established + s.dissolution.after), successorCode: `U${s.dissolution.successor}` }
        : {}),
    }));

  it('terminates on any graph, visiting each unit at most once', () => {
    fc.assert(
      fc.property(graph, fc.nat(7), fc.integer({ min: 0, max: 3500 }), (specs, start, asOf) => {
        const all: UnitState[] = toUnits(specs);
        const code = `U${start % specs.length}`;
        const result = resolveSuccessor(all, code, day(asOf));
        expect(result.chain.length).toBeLessThanOrEqual(specs.length + 1);
        const visited = result.kind === 'cycle' ? result.chain.slice(0, -1) : result.chain;
        expect(new Set(visited).size).toBe(visited.length);
        if (result.kind === 'cycle') expect(visited).toContain(result.chain.at(-1));
        if (result.kind === 'resolved') {
          expect(result.unit.dissolvedOn === undefined || day(asOf) < result.unit.dissolvedOn).toBe(true);
        }
      }),
    );
  });

  it('is stable for every date before the dissolution: the unit itself owns its work', () => {
    fc.assert(
      fc.property(graph, fc.nat(7), fc.nat(3000), (specs, start, offset) => {
        const all = toUnits(specs);
        const unit = all[start % all.length] as UnitRecord;
        const end = unit.dissolvedOn ?? day(4000);
        const asOf = addDays(unit.establishedOn, offset);
        if (asOf >= end) return;
        expect(resolveSuccessor(all, unit.code, asOf)).toEqual({ kind: 'resolved', unit, chain: [unit.code] });
      }),
    );
  });

  it('from the dissolution on, hands over to the successor chain', () => {
    fc.assert(
      fc.property(graph, fc.nat(7), fc.nat(1000), (specs, start, offset) => {
        const all = toUnits(specs);
        const unit = all[start % all.length] as UnitRecord;
        if (unit.dissolvedOn === undefined || unit.successorCode === undefined) return;
        const result = resolveSuccessor(all, unit.code, addDays(unit.dissolvedOn, offset));
        expect(result.chain.slice(0, 2)).toEqual([unit.code, unit.successorCode]);
      }),
    );
  });
});
