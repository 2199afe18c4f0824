import { describe, expect, it } from 'vitest';
import { defaultRuleBook } from '../../../rules/index.js';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { parsePeriod } from '../../vocabulary/period.js';
import { at, newDesk, readAllEvents, scriptFeedback, TENANT } from '../conduct-support/conduct.testkit.js';
import { createFeedbackComplianceReadModel } from './index.js';

const readModel = createFeedbackComplianceReadModel({ rules: defaultRuleBook() });
const { queries } = readModel;

describe('feedback response-time compliance', () => {
  it('9 of 10 problem reports answered within 5 working days → 90%', async () => {
    const desk = newDesk();
    // Received Mon 2 Mar 2026: answer due Mon 9 Mar.
    for (let i = 0; i < 9; i++) await scriptFeedback(desk, { id: `FB-${i}`, receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-05') });
    await scriptFeedback(desk, { id: 'FB-9', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-10') });
    const events = await readAllEvents(desk.store);
    expect(events[0]?.data).toMatchObject({ dueDate: '2026-03-09', deadlineWorkingDays: 5 });
    const over = readModelOver(readModel, events);

    const share = (await over.explain(`${TENANT}/feedback-compliance/2026-Q1/unit/UNIT-A/on-time-share`))!;
    expect(share.value).toBe(90);
    expect(share.steps.at(-1)).toMatchObject({ op: 'round', digits: 1, mode: 'half-up', result: 90 });
    expect(share.contributions).toHaveLength(20);
    expect(share.ruleSetVersions).toEqual(['decree-118-2025-amended-2026']);
    expect(reAddProblems(share)).toEqual([]);
    expect((await over.explain(`${TENANT}/feedback-compliance/2026-03/kind/phan-anh/on-time`))?.value).toBe(9);
    expect((await over.explain(`${TENANT}/feedback-compliance/2026-03/total/all/judged`))?.value).toBe(10);
    expect(await over.explain(`${TENANT}/feedback-compliance/2026-Q1/unit/UNIT-B/on-time-share`)).toMatchObject({ value: null });
    const q1 = parsePeriod('2026-Q1')!;
    expect(await queries.figures(over.documents, TENANT, { period: q1, dimension: 'unit', value: 'UNIT-A' })).toEqual({
      judged: 10,
      onTime: 9,
      onTimeShare: 90,
      ruleSetId: 'decree-118-2025-amended-2026',
    });
    expect(await queries.figures(over.documents, TENANT, { period: q1, dimension: 'unit', value: 'UNIT-B' })).toEqual({ judged: 0, onTime: 0, onTimeShare: null });
  });

  it('judges forwarding against the 5-working-day limit and answers on the spot as on time; 2 of 3 → 66.7%', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'spot', kind: 'gop-y', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', onTheSpot: true });
    await scriptFeedback(desk, { id: 'fwd-ok', kind: 'khieu-nai', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', forwardedAt: at('2026-03-09') });
    await scriptFeedback(desk, { id: 'fwd-late', kind: 'khieu-nai', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', forwardedAt: at('2026-03-10') });
    // Praise needs no answer: it is not judged.
    await scriptFeedback(desk, { id: 'thanks', kind: 'khen', receivedAt: at('2026-03-02'), officerId: 'OF-1', unitId: 'UNIT-A' });
    const over = readModelOver(readModel, await readAllEvents(desk.store));
    const share = (await over.explain(`${TENANT}/feedback-compliance/2026/unit/UNIT-A/on-time-share`))!;
    expect(share.steps[0]).toMatchObject({ op: 'mean', inputs: [100, 100, 0] });
    expect(share.value).toBe(66.7);
    expect((await over.explain(`${TENANT}/feedback-compliance/2026/kind/khieu-nai/on-time-share`))?.value).toBe(50);
    expect((await queries.figures(over.documents, TENANT, { period: parsePeriod('2026')!, dimension: 'unit', value: 'UNIT-A' })).onTimeShare).toBe(66.7);
  });

  it('counts unanswered feedback as late only once past its due date as of the instant asked', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'done', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-03') });
    await scriptFeedback(desk, { id: 'waiting', receivedAt: at('2026-03-02'), unitId: 'UNIT-A' });
    const over = readModelOver(readModel, await readAllEvents(desk.store));
    const key = `${TENANT}/feedback-compliance/2026-03/unit/UNIT-A/on-time-share`;
    expect((await over.explain(key))?.value).toBe(100);
    expect((await over.explain(`${key}@2026-03-09T23:59:00+07:00`))?.value).toBe(100);
    expect((await over.explain(`${key}@2026-03-10T00:00:00+07:00`))?.value).toBe(50);
    // As of the day before the answer, the answered one was not yet judged.
    const period = parsePeriod('2026-03')!;
    expect(await queries.judgedFeedback(over.documents, TENANT, { period, dimension: 'total', value: 'all', asOf: '2026-03-02T12:00:00+07:00' })).toEqual([]);
    expect(await queries.figures(over.documents, TENANT, { period, dimension: 'unit', value: 'UNIT-A', asOf: '2026-03-10T00:00:00+07:00' })).toMatchObject({
      judged: 2,
      onTime: 1,
      onTimeShare: 50,
    });
  });

  it('rounds the share as the rule set says when asked: 1 of 16 on time is 6.25, 6.3 half-up and 6.2 half-even, with no rebuild', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'on-time', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-03') });
    for (let i = 0; i < 15; i++) await scriptFeedback(desk, { id: `late-${i}`, receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-30') });
    const events = await readAllEvents(desk.store);
    const rules = defaultRuleBook();
    const halfEven = { ...rules, inForceAt: (day: string) => ({ ...rules.inForceAt(day), indexRounding: 'half-even' as const }) };
    const key = `${TENANT}/feedback-compliance/2026-03/total/all/on-time-share`;
    const over = readModelOver(readModel, events);
    expect((await over.explain(key))?.value).toBe(6.3);
    // The same documents read under another rule book.
    const other = createFeedbackComplianceReadModel({ rules: halfEven });
    const share = (await other.explain(over.documents, key))!;
    expect(share).toMatchObject({ value: 6.2 });
    expect(share.steps.at(-1)).toMatchObject({ op: 'round', mode: 'half-even', inputs: [6.25] });
    expect((await other.queries.figures(over.documents, TENANT, { period: parsePeriod('2026-03')!, dimension: 'total', value: 'all' })).onTimeShare).toBe(6.2);
  });
});
