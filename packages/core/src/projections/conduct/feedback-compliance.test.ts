import { describe, expect, it } from 'vitest';
import { reAddProblems } from '../../read-side/explain/index.js';
import { createFeedbackComplianceReadModel, judgedFeedback } from './feedback-compliance-explain.js';
import { feedbackComplianceProjection } from './feedback-compliance.js';
import { parseReportingPeriod } from './periods.js';
import { at, newDesk, scriptFeedback, TENANT } from './read-models.testkit.js';
import { foldAll, readAllEvents } from './event-log.testkit.js';

const readModel = createFeedbackComplianceReadModel();

describe('feedback response-time compliance', () => {
  it('9 of 10 problem reports answered within 5 working days → 90%', async () => {
    const desk = newDesk();
    // Received Mon 2 Mar 2026: answer due Mon 9 Mar.
    for (let i = 0; i < 9; i++) await scriptFeedback(desk, { id: `FB-${i}`, receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-05') });
    await scriptFeedback(desk, { id: 'FB-9', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-10') });
    const events = await readAllEvents(desk.store);
    expect(events[0]?.data).toMatchObject({ dueDate: '2026-03-09', deadlineWorkingDays: 5 });
    const state = foldAll(feedbackComplianceProjection, events);

    const share = readModel.explain(state, `${TENANT}/feedback-compliance/2026-Q1/unit/UNIT-A/on-time-share`)!;
    expect(share.value).toBe(90);
    expect(share.steps.at(-1)).toMatchObject({ op: 'round', digits: 1, mode: 'half-up', result: 90 });
    expect(share.contributions).toHaveLength(20);
    expect(share.ruleSetVersions).toEqual(['decree-118-2025-amended-2026']);
    expect(reAddProblems(share)).toEqual([]);
    expect(readModel.explain(state, `${TENANT}/feedback-compliance/2026-03/kind/phan-anh/on-time`)?.value).toBe(9);
    expect(readModel.explain(state, `${TENANT}/feedback-compliance/2026-03/total/all/judged`)?.value).toBe(10);
    expect(readModel.explain(state, `${TENANT}/feedback-compliance/2026-Q1/unit/UNIT-B/on-time-share`)).toMatchObject({ value: null });
  });

  it('judges forwarding against the 5-working-day limit and answers on the spot as on time; 2 of 3 → 66.7%', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'spot', kind: 'gop-y', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', onTheSpot: true });
    await scriptFeedback(desk, { id: 'fwd-ok', kind: 'khieu-nai', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', forwardedAt: at('2026-03-09') });
    await scriptFeedback(desk, { id: 'fwd-late', kind: 'khieu-nai', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', forwardedAt: at('2026-03-10') });
    // Praise needs no answer: it is not judged.
    await scriptFeedback(desk, { id: 'thanks', kind: 'khen', receivedAt: at('2026-03-02'), officerId: 'OF-1', unitId: 'UNIT-A' });
    const state = foldAll(feedbackComplianceProjection, await readAllEvents(desk.store));
    const share = readModel.explain(state, `${TENANT}/feedback-compliance/2026/unit/UNIT-A/on-time-share`)!;
    expect(share.steps[0]).toMatchObject({ op: 'mean', inputs: [100, 100, 0] });
    expect(share.value).toBe(66.7);
    expect(readModel.explain(state, `${TENANT}/feedback-compliance/2026/kind/khieu-nai/on-time-share`)?.value).toBe(50);
  });

  it('counts unanswered feedback as late only once past its due date as of the instant asked', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'done', receivedAt: at('2026-03-02'), unitId: 'UNIT-A', answeredAt: at('2026-03-03') });
    await scriptFeedback(desk, { id: 'waiting', receivedAt: at('2026-03-02'), unitId: 'UNIT-A' });
    const state = foldAll(feedbackComplianceProjection, await readAllEvents(desk.store));
    const key = `${TENANT}/feedback-compliance/2026-03/unit/UNIT-A/on-time-share`;
    expect(readModel.explain(state, key)?.value).toBe(100);
    expect(readModel.explain(state, `${key}@2026-03-09T23:59:00+07:00`)?.value).toBe(100);
    expect(readModel.explain(state, `${key}@2026-03-10T00:00:00+07:00`)?.value).toBe(50);
    // As of the day before the answer, the answered one was not yet judged.
    const period = parseReportingPeriod('2026-03')!;
    expect(judgedFeedback(feedbackComplianceProjection.province(state, TENANT), { period, dimension: 'total', value: 'all', asOf: '2026-03-02T12:00:00+07:00' })).toEqual([]);
  });
});
