import { describe, expect, it } from 'vitest';
import { praiseProjection, praiseReadModel, praiseReceived } from './praise.js';
import { feedbackStreamId } from '../../feedback/state.js';
import { at, newDesk, scriptFeedback, TENANT } from './read-models.testkit.js';
import { foldAll, readAllEvents } from './event-log.testkit.js';

describe('praise received', () => {
  it('counts praise per officer and unit by the Vietnamese day it was received', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'P1', kind: 'khen', receivedAt: at('2026-03-02'), officerId: 'OF-1', unitId: 'UNIT-A' });
    await scriptFeedback(desk, { id: 'P2', kind: 'khen', receivedAt: at('2026-03-31', '23:30'), officerId: 'OF-1', unitId: 'UNIT-A' });
    await scriptFeedback(desk, { id: 'P3', kind: 'khen', receivedAt: at('2026-04-01', '00:15'), officerId: 'OF-2', unitId: 'UNIT-A' });
    await scriptFeedback(desk, { id: 'R1', kind: 'phan-anh', receivedAt: at('2026-03-02'), officerId: 'OF-1', unitId: 'UNIT-A' });
    const state = foldAll(praiseProjection, await readAllEvents(desk.store));
    const province = praiseProjection.province(state, TENANT);
    expect(praiseReceived(province, '2026-Q1', 'officer', 'OF-1')).toHaveLength(2);
    expect(praiseReceived(province, '2026-Q1', 'officer', 'OF-2')).toHaveLength(0);
    expect(praiseReadModel.explain(state, `${TENANT}/praise/2026-Q2/unit/UNIT-A/count`)?.value).toBe(1);
    const year = praiseReadModel.explain(state, `${TENANT}/praise/2026/unit/UNIT-A/count`)!;
    expect(year.value).toBe(3);
    expect(year.contributions.map((ref) => ref.streamId)).toEqual(['P1', 'P2', 'P3'].map((id) => feedbackStreamId(TENANT, id)));
  });
});
