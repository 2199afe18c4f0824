import type { EvaluationLevel } from '@motcua/core';
import { MERGER, MERGER_DATE, OFFICERS, PROVINCE_CENTRE, UNITS, officersOf, type DemoOfficer, type DemoUnit } from './province.js';
import type { Random } from './random.js';
import { at, type SeedSession } from './seed-session.js';

const director = { id: 'director-thai-nguyen', role: 'director' as const };
const MERGER_DECIDED_ON = '2025-06-20';

/** One unit's story: established, then for some the 2025 merger (moved and renamed, or dissolved with a successor). */
const unitStory = (session: SeedSession, unit: DemoUnit) => async () => {
  await session.send('units', unit.code, 'EstablishUnit', {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    provinceCode: unit.provinceCode,
    ...(unit.parentCode === undefined ? {} : { parentCode: unit.parentCode }),
    effectiveDate: unit.establishedOn,
    // Units of the merger were decided before it took effect, so officers could be appointed to them.
    occurredAt: at(unit.establishedOn === MERGER_DATE ? MERGER_DECIDED_ON : unit.establishedOn, '08:00'),
  }, director);
  const { reattached, renamed } = MERGER;
  if (unit.code === reattached.code) {
    await session.send('units', unit.code, 'ReattachUnit', {
      code: unit.code, provinceCode: reattached.provinceCode, parentCode: reattached.parentCode,
      effectiveDate: MERGER_DATE, occurredAt: at(MERGER_DATE, '08:01'),
    }, director);
  }
  if (unit.code === renamed.code) {
    await session.send('units', unit.code, 'RenameUnit', {
      code: unit.code, name: renamed.name, effectiveDate: MERGER_DATE, occurredAt: at(MERGER_DATE, '08:05'),
    }, director);
  }
  const dissolved = MERGER.dissolved.find((d) => d.code === unit.code);
  if (dissolved !== undefined) {
    await session.send('units', unit.code, 'DissolveUnit', {
      code: unit.code, successorCode: dissolved.successorCode, reason: dissolved.reason,
      effectiveDate: MERGER_DATE, occurredAt: at(MERGER_DATE, '08:10'),
    }, director);
  }
};

/** Org units with the 2025 merger: dissolutions with successor links, a commune moved and renamed. */
export const unitStories = (session: SeedSession): (() => Promise<unknown>)[] => UNITS.map((unit) => unitStory(session, unit));

/**
 * Every officer appointed from the merger date with a 2025 evaluation; one evaluation corrected, one
 * officer reassigned, and at the end of the period one leaving.
 */
export const officerStories = (session: SeedSession, random: Random, leftOn: string): (() => Promise<unknown>)[] => {
  const levels: Readonly<Record<EvaluationLevel, number>> = { excellent: 2, good: 6, completed: 2, 'not-completed': 0.3 };
  const corrected = officersOf(PROVINCE_CENTRE, 'receiving-officer')[0]!.officerId;
  const moved = officersOf(PROVINCE_CENTRE, 'standby')[0]!.officerId;
  const leaving = officersOf(PROVINCE_CENTRE, 'support-staff')[0]!.officerId;
  return OFFICERS.map((officer: DemoOfficer) => {
    const level = random.weighted(levels);
    const send = (type: string, data: Record<string, unknown>) =>
      session.send('officers', officer.officerId, type, { officerId: officer.officerId, ...data }, director);
    return async () => {
      await send('AppointOfficer', {
        unitId: officer.unitId,
        deskLevel: UNITS.find((u) => u.code === officer.unitId)?.deskLevel ?? 'commune',
        role: officer.role,
        fields: [...officer.fields],
        legalStatus: officer.legalStatus,
        secondingAgencyId: officer.secondingAgencyId,
        effectiveDate: MERGER_DATE,
        ...(officer.unitId === PROVINCE_CENTRE && officer.role !== 'desk-head' ? { termEndDate: '2027-06-30' } : {}),
        occurredAt: at('2025-06-25', '09:00'),
      });
      const evaluatedAt = at('2026-01-15', '10:00');
      const leave = () => send('RecordOfficerLeaving', { leftOn, reason: 'resigned', occurredAt: at(leftOn, '16:30') });
      // A seed that ends before the 2025 evaluations records the leaving first: a stream's facts come in the order they happened.
      const leavesFirst = officer.officerId === leaving && at(leftOn, '16:30') < evaluatedAt;
      if (leavesFirst) await leave();
      // An officer disciplined in 2025 is rated "not completed" for it (docs/domain/officers.md §3).
      await session.reach(evaluatedAt);
      const { state } = await session.desk.officers.load(session.tenantId, officer.officerId);
      const disciplined = state.status !== 'not-appointed' && state.disciplines.some((discipline) => discipline.decisionDate.startsWith('2025'));
      const rated = disciplined ? 'not-completed' : level;
      await send('RecordEvaluation', { period: '2025', level: rated, occurredAt: evaluatedAt });
      if (officer.officerId === corrected && !disciplined) {
        // A correction changes the level: raised to excellent, or lowered to good from excellent.
        await send('CorrectEvaluation', {
          period: '2025', level: rated === 'excellent' ? 'good' : 'excellent', reason: 'Desk head input on 2025 counter work was missing', occurredAt: at('2026-01-22', '10:00'),
        });
      }
      if (officer.officerId === moved) {
        await send('ReassignOfficer', {
          unitId: 'bk-xa-thanh-van', deskLevel: 'commune', role: 'receiving-officer', fields: [],
          effectiveDate: '2026-02-02', occurredAt: at('2026-01-26', '09:00'),
        });
      }
      if (officer.officerId === leaving && !leavesFirst) await leave();
    };
  });
};
