import { describe, expect, it } from 'vitest';
import { feedbackStreamId } from '../../../feedback/state.js';
import { readModelOver } from '../../read-model.testkit.js';
import { parsePeriod } from '../../vocabulary/period.js';
import { at, newDesk, readAllEvents, scriptFeedback, TENANT } from '../conduct-support/conduct.testkit.js';
import { praiseReadModel } from './index.js';

describe('praise received', () => {
  it('counts praise per officer and unit by the Vietnamese day it was received', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'P1', kind: 'khen', receivedAt: at('2026-03-02'), officerId: 'OF-1', unitId: 'UNIT-A' });
    await scriptFeedback(desk, { id: 'P2', kind: 'khen', receivedAt: at('2026-03-31', '23:30'), officerId: 'OF-1', unitId: 'UNIT-A' });
    await scriptFeedback(desk, { id: 'P3', kind: 'khen', receivedAt: at('2026-04-01', '00:15'), officerId: 'OF-2', unitId: 'UNIT-A' });
    await scriptFeedback(desk, { id: 'R1', kind: 'phan-anh', receivedAt: at('2026-03-02'), officerId: 'OF-1', unitId: 'UNIT-A' });
    const over = readModelOver(praiseReadModel, await readAllEvents(desk.store));
    const { queries } = praiseReadModel;
    const q1 = parsePeriod('2026-Q1')!;
    expect(await queries.praiseReceived(over.documents, TENANT, q1, 'officer', 'OF-1')).toHaveLength(2);
    expect(await queries.praiseReceived(over.documents, TENANT, q1, 'officer', 'OF-2')).toHaveLength(0);
    expect(await queries.praiseCount(over.documents, TENANT, q1, 'officer', 'OF-1')).toBe(2);
    expect(await queries.praiseCount(over.documents, TENANT, parsePeriod('2026-03-31')!, 'unit', 'UNIT-A')).toBe(1);
    expect((await over.explain(`${TENANT}/praise/2026-Q2/unit/UNIT-A/count`))?.value).toBe(1);
    const year = (await over.explain(`${TENANT}/praise/2026/unit/UNIT-A/count`))!;
    expect(year.value).toBe(3);
    expect(year.contributions.map((ref) => ref.streamId)).toEqual(['P1', 'P2', 'P3'].map((id) => feedbackStreamId(TENANT, id)));
    expect(await over.keys(`${TENANT}/praise/2026-03/`)).toEqual([
      `${TENANT}/praise/2026-03/officer/OF-1/count`,
      `${TENANT}/praise/2026-03/total/all/count`,
      `${TENANT}/praise/2026-03/unit/UNIT-A/count`,
    ]);
    expect(await over.explain(`${TENANT}/praise/2026/unit/UNIT-A/total`)).toBeUndefined();
  });

  it('keeps an id holding / or % apart in its documents and whole in its figure keys', async () => {
    const desk = newDesk();
    await scriptFeedback(desk, { id: 'P/1', kind: 'khen', receivedAt: at('2026-03-02'), officerId: 'OF/1%2F', unitId: 'UNIT-A' });
    await scriptFeedback(desk, { id: 'P-2', kind: 'khen', receivedAt: at('2026-03-02'), officerId: 'OF', unitId: 'UNIT-A' });
    const over = readModelOver(praiseReadModel, await readAllEvents(desk.store));
    const key = `${TENANT}/praise/2026-03/officer/OF/1%2F/count`;
    expect(await over.keys(`${TENANT}/praise/2026-03/officer/`)).toEqual([`${TENANT}/praise/2026-03/officer/OF/1%2F/count`, `${TENANT}/praise/2026-03/officer/OF/count`].sort());
    expect((await over.explain(key))?.value).toBe(1);
    expect((await over.explain(`${TENANT}/praise/2026-03/officer/OF/count`))?.value).toBe(1);
    expect(await praiseReadModel.queries.praiseCount(over.documents, TENANT, parsePeriod('2026')!, 'officer', 'OF/1%2F')).toBe(1);
  });
});
